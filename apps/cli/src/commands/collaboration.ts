import type { Command } from 'commander';
import { action } from '../context';
import { organizationNames, pages } from '../lookups';

export function registerCollaboration(program: Command): void {
  const group = program
    .command('collaboration')
    .summary('collaborations: the organizations that analyse data together')
    .addHelpText('after', '\nExample:\n  $ federa collaboration list');

  group
    .command('list')
    .summary('list the collaborations you may see')
    .addHelpText(
      'after',
      '\nExamples:\n  $ federa collaboration list\n  $ federa collaboration list --json',
    )
    .action(
      action(async (ctx) => {
        const session = ctx.session();
        const collaborations = await pages((page, per_page) =>
          session.call((api) => api.collaborations.list({ query: { page, per_page } })),
        );
        await ctx.out.result(collaborations, async () => {
          const names = await organizationNames(session);
          ctx.out.table(collaborations, [
            { header: 'id', value: (c) => c.id },
            { header: 'name', value: (c) => c.name },
            { header: 'encrypted', value: (c) => (c.encrypted ? 'yes' : 'no') },
            {
              header: 'organizations',
              value: (c) => c.organization_ids.map((id) => names.get(id) ?? String(id)).join(', '),
            },
          ]);
        });
      }),
    );
}
