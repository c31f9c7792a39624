import type { Command } from 'commander';
import { waitForTask } from '@federa/client';
import type { TaskCreate } from '@federa/contract';
import { action } from '../context';
import { assertOwnOrganizationKey, encryptForOrganizations } from '../encryption';
import { CliError, EXIT } from '../errors';
import { organizationNames } from '../lookups';
import { collect, idOption, idsOption, secondsOption } from '../parse';
import { privateKeyOption, readPrivateKey } from '../private-key';
import { ProgressView } from '../progress';
import { readTaskInput } from '../task-input';
import { printResults } from './task';

interface TaskCreateOptions {
  collaboration: number;
  image: string;
  name?: string;
  description?: string;
  input?: string;
  org?: number[];
  database?: string[];
  wait?: boolean;
  timeout?: number;
  privateKey?: string;
}

export function registerTaskCreate(group: Command): void {
  group
    .command('create')
    .summary('send a task to the organizations of a collaboration')
    .description(
      'Create a task: every target organization’s node runs IMAGE on its own data with the\n' +
        'given input. With --wait, show each organization’s progress live and print the\n' +
        'results; the exit code is 6 when the task did not complete successfully.\n' +
        'In an encrypted collaboration the input is encrypted here for each organization’s\n' +
        'public key, and --wait decrypts the results with --private-key.',
    )
    .requiredOption('--collaboration <id>', 'the collaboration to send it to', idOption)
    .requiredOption('--image <image>', 'the algorithm (container image or bundle name)')
    .option('--name <name>', 'a name for the task (default: the image)')
    .option('--description <text>', 'what the task is for')
    .option(
      '--input <input>',
      'input for the algorithm: JSON or text, or @file (@- for standard input)',
    )
    .option('--org <id...>', 'run at these organizations only (default: every member)', idsOption)
    .option('--database <label...>', 'node database label(s) the algorithm reads', collect)
    .option('--wait', 'wait until the task finishes, showing progress, then print the results')
    .option('--timeout <seconds>', 'with --wait: give up waiting after this long', secondsOption)
    .addOption(privateKeyOption())
    .addHelpText(
      'after',
      `
Examples:
  $ federa task create --collaboration 1 --image summary --input '{"columns":["age"]}' --wait
  $ federa task create --collaboration 1 --image summary --input @input.json --org 2 3 --database patients
  $ federa task create --collaboration 1 --image ghcr.io/acme/count:1.0 --json | jq .id
  $ federa task create --collaboration 2 --image summary --input @input.json --wait --private-key org.pem`,
    )
    .action(
      action<TaskCreateOptions>(async (ctx, options) => {
        const session = ctx.session();
        const input = options.input === undefined ? undefined : readTaskInput(options.input);
        const privateKey = options.privateKey
          ? await readPrivateKey(options.privateKey)
          : undefined;
        const collaboration = await session.call((api) =>
          api.collaborations.get({ params: { id: options.collaboration } }),
        );
        const common = {
          name: options.name ?? options.image,
          image: options.image,
          collaboration_id: options.collaboration,
          description: options.description,
          databases: options.database ?? [],
        };
        if (collaboration.encrypted) await assertOwnOrganizationKey(session, privateKey);
        let body: TaskCreate;
        if (collaboration.encrypted && input !== undefined) {
          const targets = options.org ?? collaboration.organization_ids;
          body = {
            ...common,
            organizations: await encryptForOrganizations(session, input, targets),
          };
        } else {
          body = { ...common, input, organization_ids: options.org };
        }
        const task = await session.call((api) => api.tasks.create({ body }));
        const orgs = task.organization_ids;
        const created = `Task ${task.id} created in collaboration ${task.collaboration_id} for organization${orgs.length === 1 ? '' : 's'} ${orgs.join(', ')}.`;
        if (!options.wait) {
          await ctx.out.result(task, () => {
            ctx.out.line(created);
            ctx.out.line(`Follow it with: federa task get ${task.id}`);
          });
          return;
        }

        if (ctx.out.json) ctx.out.note(created);
        else ctx.out.line(created);
        const names = await organizationNames(session, task.collaboration_id);
        const view = new ProgressView(ctx.out, names);
        const onInterrupt = () => {
          ctx.out.note(
            `\nStopped waiting; task ${task.id} keeps running (federa task kill ${task.id} stops it).`,
          );
          process.exit(EXIT.interrupted);
        };
        process.once('SIGINT', onInterrupt);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          if (options.timeout === undefined) return;
          timer = setTimeout(
            () =>
              reject(
                new CliError(EXIT.taskFailed, {
                  statusCode: 0,
                  error: 'task_timeout',
                  message: `task ${task.id} is still running after ${options.timeout}s (it keeps running)`,
                }),
              ),
            options.timeout * 1000,
          );
        });
        let done: Awaited<ReturnType<typeof waitForTask>>;
        try {
          // on a timeout the process exits right after the report, closing the socket
          done = await Promise.race([
            waitForTask(session, task.id, { onProgress: (t, results) => view.update(t, results) }),
            timeout,
          ]);
        } finally {
          clearTimeout(timer);
          process.off('SIGINT', onInterrupt);
        }

        const { task: finished, results } = done;
        if (!ctx.out.json) ctx.out.line();
        await printResults(ctx, session, finished, results, {
          extra: { task: finished },
          privateKey,
        });
        if (finished.status !== 'completed') {
          throw new CliError(EXIT.taskFailed, {
            statusCode: 0,
            error: 'task_failed',
            message: `task ${finished.id} ${finished.status} (see: federa task results ${finished.id} --log)`,
          });
        }
      }),
    );
}
