import { Session, waitForTask } from '@federa/client';
import type { DemoNetwork } from './network';

/** Runs the federated summary statistics as the first researcher and returns the result. */
export async function runExample(apiUrl: string, network: DemoNetwork) {
  const researcher = network.users[0]!;
  const session = new Session({ baseUrl: apiUrl });
  await session.login(researcher.username, researcher.password);
  const organizations = network.organizations.map((o) => o.id);
  const task = await session.call((api) =>
    api.tasks.create({
      body: {
        name: 'demo: summary statistics',
        image: 'federa/summary',
        collaboration_id: network.collaboration.id,
        organization_ids: [organizations[0]!],
        databases: ['health'],
        input: {
          method: 'central',
          args: { organizations, columns: ['age', 'bmi', 'systolic_bp'] },
        },
      },
    }),
  );
  const { task: done, results } = await waitForTask(session, task.id, { timeoutMs: 120_000 });
  if (done.status !== 'completed') {
    throw new Error(
      `example task ${done.id} ended ${done.status}: ${results.map((r) => r.log).join('\n')}`,
    );
  }
  await session.logout();
  return {
    taskId: done.id,
    researcher: researcher.username,
    result: JSON.parse(results[0]!.result!) as unknown,
  };
}
