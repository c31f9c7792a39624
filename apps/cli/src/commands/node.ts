import path from 'node:path';
import type { Command } from 'commander';
import type { NodeWithKey } from '@federa/contract';
import { action, type Context, normalizeServer } from '../context';
import { organizationNames, pages } from '../lookups';
import { ago } from '../output';
import { idOption } from '../parse';
import { assertWritable, nodeConfigYaml, writeSecretFile } from '../node-config';

interface NodeCreateOptions {
  collaboration: number;
  organization?: number;
  name?: string;
}

/** Registers a node (`POST /api/node`); the answer holds its API key, shown this once. */
export async function createNode(ctx: Context, options: NodeCreateOptions): Promise<NodeWithKey> {
  const session = ctx.session();
  return session.call((api) =>
    api.nodes.create({
      body: {
        collaboration_id: options.collaboration,
        organization_id: options.organization,
        name: options.name,
      },
    }),
  );
}

export function registerNode(program: Command): void {
  const group = program
    .command('node')
    .summary('nodes: the agents that run tasks next to each organization’s data')
    .addHelpText(
      'after',
      '\nExamples:\n  $ federa node list\n  $ federa node new --collaboration 1 --out node.yaml',
    );

  group
    .command('list')
    .summary('list nodes with their online/offline status')
    .option('--collaboration <id>', 'only the nodes of this collaboration', idOption)
    .addHelpText(
      'after',
      '\nExamples:\n  $ federa node list\n  $ federa node list --collaboration 1 --json',
    )
    .action(
      action<{ collaboration?: number }>(async (ctx, options) => {
        const session = ctx.session();
        const nodes = await pages((page, per_page) =>
          session.call((api) =>
            api.nodes.list({ query: { page, per_page, collaboration_id: options.collaboration } }),
          ),
        );
        await ctx.out.result(nodes, async () => {
          const names = await organizationNames(session);
          ctx.out.table(nodes, [
            { header: 'id', value: (n) => n.id },
            { header: 'name', value: (n) => n.name },
            {
              header: 'organization',
              value: (n) => names.get(n.organization_id) ?? n.organization_id,
            },
            { header: 'collaboration', value: (n) => n.collaboration_id },
            { header: 'status', value: (n) => n.status },
            { header: 'last seen', value: (n) => ago(n.last_seen_at) },
          ]);
        });
      }),
    );

  group
    .command('new')
    .summary('register a node and write its config file (with the fresh API key)')
    .description(
      'Register the node of an organization in a collaboration and write a config file for\n' +
        'the node agent (`federa-node start --config <file>`), readable by you only (0600).\n' +
        'Add the node’s databases to the file before starting it.',
    )
    .requiredOption('--collaboration <id>', 'the collaboration the node serves', idOption)
    .option('--organization <id>', 'the organization it belongs to (default: yours)', idOption)
    .option('--name <name>', 'node name (default: "<organization> - <collaboration>")')
    .option('--out <file>', 'config file to write', 'node.yaml')
    .option('--server-url <url>', 'server address written for the node (default: --server)')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText(
      'after',
      `
Examples:
  $ federa node new --collaboration 1 --out hospital-a.yaml
  $ federa node new --collaboration 1 --organization 3 --server-url http://federa:7601 --out node.yaml`,
    )
    .action(
      action<NodeCreateOptions & { out: string; serverUrl?: string; force?: boolean }>(
        async (ctx, options) => {
          const file = path.resolve(options.out);
          const serverUrl = options.serverUrl ? normalizeServer(options.serverUrl) : ctx.server;
          assertWritable(file, Boolean(options.force));
          const node = await createNode(ctx, options);
          try {
            const collaboration = await ctx
              .session()
              .call((api) => api.collaborations.get({ params: { id: node.collaboration_id } }));
            writeSecretFile(
              file,
              nodeConfigYaml(node, serverUrl, { encrypted: collaboration.encrypted }),
            );
          } catch (error) {
            // The key exists only in this answer now: do not lose it.
            ctx.out.note(`federa: node ${node.id} registered; its API key: ${node.api_key}`);
            throw error;
          }
          await ctx.out.result({ ...node, config_file: file }, () => {
            ctx.out.line(`Node ${node.id} "${node.name}" registered; its config is in ${file}.`);
            ctx.out.line(
              `Add its databases to the file, then start it: federa-node start --config ${options.out}`,
            );
          });
        },
      ),
    );
}
