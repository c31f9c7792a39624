import { type Command, Option } from 'commander';
import type { Session } from '@federa/client';
import { RUN_STATUSES, type Result, type RunStatus, type Task } from '@federa/contract';
import { action, type Context } from '../context';
import { organizationNames, orgLabel, pages } from '../lookups';
import { idArgument, idOption } from '../parse';
import { CliError, EXIT } from '../errors';
import { type PrivateKey, privateKeyOption, readPrivateKey } from '../private-key';
import { openResult, resultJson, resultText } from '../results';
import { registerTaskCreate } from './task-create';

export function registerTask(program: Command): void {
  const group = program
    .command('task')
    .summary('tasks: computations sent to the organizations of a collaboration')
    .addHelpText(
      'after',
      `
Examples:
  $ federa task create --collaboration 1 --image summary --input '{"column":"age"}' --wait
  $ federa task list --status failed
  $ federa task results 12`,
    );

  group
    .command('list')
    .summary('list tasks you may see, newest first')
    .option('--collaboration <id>', 'only the tasks of this collaboration', idOption)
    .addOption(new Option('--status <status>', 'only tasks in this status').choices(RUN_STATUSES))
    .option('--limit <n>', 'show at most this many', idOption, 25)
    .addHelpText(
      'after',
      '\nExamples:\n  $ federa task list\n  $ federa task list --collaboration 1 --status completed --limit 5',
    )
    .action(
      action<{ collaboration?: number; status?: RunStatus; limit: number }>(
        async (ctx, options) => {
          const session = ctx.session();
          const tasks = await pages(
            (page, per_page) =>
              session.call((api) =>
                api.tasks.list({
                  query: {
                    page,
                    per_page,
                    collaboration_id: options.collaboration,
                    status: options.status,
                  },
                }),
              ),
            options.limit,
          );
          await ctx.out.result(tasks, () =>
            ctx.out.table(tasks, [
              { header: 'id', value: (t) => t.id },
              { header: 'name', value: (t) => t.name },
              { header: 'status', value: (t) => t.status },
              { header: 'collaboration', value: (t) => t.collaboration_id },
              { header: 'image', value: (t) => t.image },
              { header: 'created', value: (t) => t.created_at },
            ]),
          );
        },
      ),
    );

  registerTaskCreate(group);

  group
    .command('get')
    .summary('show a task and the status of each organization’s run')
    .argument('<id>', 'task id')
    .addHelpText('after', '\nExample:\n  $ federa task get 12')
    .action(
      action(async (ctx, _options, [id]) => {
        const taskId = idArgument(id, 'the task id');
        const session = ctx.session();
        const task = await session.call((api) => api.tasks.get({ params: { id: taskId } }));
        await ctx.out.result(task, async () => {
          const results = await session.call((api) =>
            api.tasks.results({ params: { id: taskId } }),
          );
          const names = await organizationNames(session, task.collaboration_id);
          printTask(ctx, task);
          ctx.out.line();
          ctx.out.table(sortByOrg(results), [
            { header: 'organization', value: (r) => orgLabel(names, r.organization_id) },
            { header: 'run', value: (r) => r.run_id },
            { header: 'node', value: (r) => r.node },
            { header: 'status', value: (r) => r.status },
            { header: 'finished', value: (r) => r.finished_at },
          ]);
        });
      }),
    );

  group
    .command('results')
    .summary('print each organization’s result (JSON pretty-printed)')
    .argument('<id>', 'task id')
    .option('--log', 'print each run’s log too')
    .addOption(privateKeyOption())
    .addHelpText(
      'after',
      `
Results of an encrypted collaboration are encrypted for the organization that created the
task: they are decrypted here with its private key (--private-key, or FEDERA_PRIVATE_KEY_FILE),
which never leaves this machine. Without it they show as "encrypted".

Examples:
  $ federa task results 12
  $ federa task results 12 --private-key ~/.federa/hospital-a.pem --log
  $ federa task results 12 --json | jq '.[].value'`,
    )
    .action(
      action<{ log?: boolean; privateKey?: string }>(async (ctx, options, [id]) => {
        const taskId = idArgument(id, 'the task id');
        const privateKey = options.privateKey
          ? await readPrivateKey(options.privateKey)
          : undefined;
        const session = ctx.session();
        const task = await session.call((api) => api.tasks.get({ params: { id: taskId } }));
        const results = await session.call((api) => api.tasks.results({ params: { id: taskId } }));
        await printResults(ctx, session, task, results, { log: options.log, privateKey });
      }),
    );

  group
    .command('kill')
    .summary('stop a task: open runs end as killed, nodes stop their containers')
    .argument('<id>', 'task id')
    .addHelpText('after', '\nExample:\n  $ federa task kill 12')
    .action(
      action(async (ctx, _options, [id]) => {
        const taskId = idArgument(id, 'the task id');
        const session = ctx.session();
        const task = await session.call((api) =>
          api.tasks.kill({ params: { id: taskId }, body: {} }),
        );
        await ctx.out.result(task, () =>
          ctx.out.line(`Task ${task.id} stopped (status: ${task.status}).`),
        );
      }),
    );
}

const sortByOrg = (results: readonly Result[]) =>
  [...results].sort((a, b) => a.organization_id - b.organization_id);

function printTask(ctx: Context, task: Task): void {
  const rows: [string, string][] = [
    ['status', `${task.status}${task.complete ? '' : ' (running)'}`],
    ['image', task.image],
    ['collaboration', String(task.collaboration_id)],
    ['organizations', task.organization_ids.join(', ')],
    ['databases', task.databases.map((d) => d.label).join(', ') || '-'],
    ['created', task.created_at],
    ['finished', task.finished_at ?? '-'],
  ];
  if (task.description) rows.splice(1, 0, ['description', task.description]);
  if (task.parent_id) rows.push(['parent task', String(task.parent_id)]);
  ctx.out.line(`Task ${task.id} "${task.name}"`);
  for (const [key, value] of rows) ctx.out.line(`  ${key.padEnd(14)}${value}`);
}

/**
 * Each organization's result, decoded; in an encrypted collaboration decrypted with the
 * user's private key when given. Exits 1 after printing when the key opens not all of them.
 */
export async function printResults(
  ctx: Context,
  session: Session,
  task: Task,
  results: readonly Result[],
  options: { log?: boolean; privateKey?: PrivateKey; extra?: Record<string, unknown> } = {},
): Promise<void> {
  const collaboration = await session.call((api) =>
    api.collaborations.get({ params: { id: task.collaboration_id } }),
  );
  const context = { encrypted: collaboration.encrypted, privateKey: options.privateKey };
  const opened = await Promise.all(sortByOrg(results).map((r) => openResult(r, context)));
  const json = opened.map(resultJson);
  await ctx.out.result(options.extra ? { ...options.extra, results: json } : json, async () => {
    const names = await organizationNames(session, task.collaboration_id);
    if (opened.length === 0) ctx.out.line('(no runs)');
    opened.forEach(({ result: r, decoded, sealed }, i) => {
      if (i > 0) ctx.out.line();
      ctx.out.line(`== ${orgLabel(names, r.organization_id)}: ${r.status}`);
      ctx.out.line(resultText(decoded));
      if (options.log && r.log) {
        ctx.out.line(sealed ? '-- log: encrypted' : `-- log\n${r.log.trimEnd()}`);
      }
    });
  });
  const failed = opened.filter((o) => o.decoded.kind === 'undecryptable').length;
  if (failed > 0 && options.privateKey) {
    const { file, keyId } = options.privateKey;
    throw new CliError(EXIT.error, {
      statusCode: 0,
      error: 'decryption_failed',
      message: `${failed} result(s) could not be decrypted with ${file} (key id ${keyId}): is it the private key of organization ${task.init_org_id}, which created the task?`,
    });
  }
}
