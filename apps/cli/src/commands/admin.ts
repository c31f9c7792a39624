import type { Command } from 'commander';
import { PasswordSchema } from '@federa/contract';
import { action } from '../context';
import { usageError } from '../errors';
import { roleIds } from '../lookups';
import { collect, idOption, idsOption } from '../parse';
import { readPassword } from '../prompt';
import { createNode } from './node';

export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .summary('administration: organizations, users, collaborations, nodes')
    .addHelpText(
      'after',
      `
Examples:
  $ federa admin organization create "Hospital A" --country NL
  $ federa admin user create --username alice --organization 2 --role Researcher
  $ federa admin collaboration create --name diabetes --org 2 3 --encrypted
  $ federa admin node create --collaboration 1 --organization 2`,
    );

  admin
    .command('organization')
    .summary('manage organizations')
    .command('create')
    .summary('create an organization')
    .argument('<name>', 'the organization’s name')
    .option('--country <country>', 'its country')
    .option('--domain <domain>', 'its internet domain')
    .addHelpText(
      'after',
      '\nExample:\n  $ federa admin organization create "Hospital A" --country NL',
    )
    .action(
      action<{ country?: string; domain?: string }>(async (ctx, options, [name]) => {
        const session = ctx.session();
        const org = await session.call((api) =>
          api.organizations.create({
            body: { name: name ?? '', country: options.country, domain: options.domain },
          }),
        );
        await ctx.out.result(org, () =>
          ctx.out.line(`Organization ${org.id} "${org.name}" created.`),
        );
      }),
    );

  admin
    .command('user')
    .summary('manage users')
    .command('create')
    .summary('create a user with roles')
    .description(
      'Create a user in an organization with one or more roles by name (see the roles of\n' +
        'the server: Root, Collaboration Admin, Organization Admin, Researcher, Viewer).\n' +
        'The password is read from standard input (--password-stdin) or asked for twice.',
    )
    .requiredOption('--username <name>', 'the new user’s username')
    .requiredOption('--organization <id>', 'the organization the user belongs to', idOption)
    .requiredOption('--role <name...>', 'role name(s) or id(s); repeat or list several', collect)
    .option('--email <email>', 'the user’s e-mail address')
    .option('--password-stdin', 'read the new password from standard input')
    .addHelpText(
      'after',
      `
Examples:
  $ federa admin user create --username alice --organization 2 --role Researcher
  $ printf '%s' "$PW" | federa admin user create --username bob --organization 2 \\
      --role "Organization Admin" Researcher --password-stdin`,
    )
    .action(
      action<{
        username: string;
        organization: number;
        role: string[];
        email?: string;
        passwordStdin?: boolean;
      }>(async (ctx, options) => {
        const session = ctx.session();
        const roles = await roleIds(session, options.role);
        const password = await readPassword({
          stdin: options.passwordStdin,
          confirm: true,
          what: `Password for ${options.username}`,
        });
        const policy = PasswordSchema.safeParse(password);
        if (!policy.success) throw usageError(policy.error.issues[0]?.message ?? 'weak password');
        const user = await session.call((api) =>
          api.users.create({
            body: {
              username: options.username,
              password,
              email: options.email,
              organization_id: options.organization,
              roles,
              rules: [],
            },
          }),
        );
        await ctx.out.result(user, () =>
          ctx.out.line(
            `User ${user.id} "${user.username}" created in organization ${user.organization_id} with roles ${options.role.join(', ')}.`,
          ),
        );
      }),
    );

  admin
    .command('collaboration')
    .summary('manage collaborations')
    .command('create')
    .summary('create a collaboration of organizations')
    .requiredOption('--name <name>', 'the collaboration’s name')
    .requiredOption('--org <id...>', 'member organization id(s); repeat or list several', idsOption)
    .option('--encrypted', 'encrypt inputs and results end to end')
    .addHelpText(
      'after',
      '\nExample:\n  $ federa admin collaboration create --name diabetes --org 2 3',
    )
    .action(
      action<{ name: string; org: number[]; encrypted?: boolean }>(async (ctx, options) => {
        const session = ctx.session();
        const collaboration = await session.call((api) =>
          api.collaborations.create({
            body: {
              name: options.name,
              organization_ids: options.org,
              encrypted: Boolean(options.encrypted),
            },
          }),
        );
        await ctx.out.result(collaboration, () =>
          ctx.out.line(
            `Collaboration ${collaboration.id} "${collaboration.name}" created with organizations ${collaboration.organization_ids.join(', ')}${collaboration.encrypted ? ' (encrypted)' : ''}.`,
          ),
        );
      }),
    );

  admin
    .command('node')
    .summary('manage nodes')
    .command('create')
    .summary('register a node and print its API key (shown once)')
    .requiredOption('--collaboration <id>', 'the collaboration the node serves', idOption)
    .option('--organization <id>', 'the organization it belongs to (default: yours)', idOption)
    .option('--name <name>', 'node name (default: "<organization> - <collaboration>")')
    .addHelpText(
      'after',
      `
To also write the node's config file, use \`federa node new\`.

Example:
  $ federa admin node create --collaboration 1 --organization 2`,
    )
    .action(
      action<{ collaboration: number; organization?: number; name?: string }>(
        async (ctx, options) => {
          const node = await createNode(ctx, options);
          await ctx.out.result(node, () => {
            ctx.out.line(`Node ${node.id} "${node.name}" registered.`);
            ctx.out.line(`API key: ${node.api_key}`);
            ctx.out.note('Store the API key now: it is not shown again.');
          });
        },
      ),
    );
}
