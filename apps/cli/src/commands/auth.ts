import type { Command } from 'commander';
import { readConfig, updateConfig } from '../config-file';
import { action } from '../context';
import { CliError, EXIT, report, usageError } from '../errors';
import { canPrompt, promptLine, readPassword } from '../prompt';

interface LoginOptions {
  username?: string;
  passwordStdin?: boolean;
}

export function registerAuth(program: Command): void {
  program
    .command('login')
    .summary('log in to a Federa server and keep the session')
    .description(
      'Log in with a username and password. The tokens (never the password) are kept in\n' +
        '$FEDERA_CONFIG, else $XDG_CONFIG_HOME/federa/config.json, else\n' +
        '~/.config/federa/config.json (mode 0600), and renewed automatically. The server\n' +
        'you log in to becomes the default for later commands.',
    )
    .option('--username <name>', 'your username (asked for when missing, on a terminal)')
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .addHelpText(
      'after',
      `
Examples:
  $ federa login --server https://federa.example.org --username alice
  $ printf '%s' "$FEDERA_PASSWORD" | federa login --username alice --password-stdin`,
    )
    .action(
      action<LoginOptions>(async (ctx, options) => {
        const server = ctx.server;
        let username = options.username;
        if (!username) {
          if (!canPrompt() || options.passwordStdin) throw usageError('pass --username <name>');
          username = await promptLine('Username: ');
        }
        if (!username) throw usageError('empty username');
        const password = await readPassword({ stdin: options.passwordStdin });
        const session = ctx.newSession(username);
        await session.login(username, password);
        updateConfig(ctx.configFile, (config) => (config.server = server));
        const me = await session.call((api) => api.users.me());
        await ctx.out.result(
          { server, username: me.username, user_id: me.id, organization_id: me.organization_id },
          () =>
            ctx.out.line(
              `Logged in to ${server} as ${me.username} (user ${me.id}, organization ${me.organization_id}).`,
            ),
        );
      }),
    );

  program
    .command('logout')
    .summary('end the session: revoke its refresh token and forget it')
    .addHelpText('after', '\nExample:\n  $ federa logout')
    .action(
      action(async (ctx) => {
        const server = ctx.server;
        if (!readConfig(ctx.configFile).sessions[server]) {
          await ctx.out.result({ server, logged_out: false }, () =>
            ctx.out.line(`Not logged in to ${server}.`),
          );
          return;
        }
        const session = ctx.session();
        try {
          await session.logout(); // forgets the tokens first, then revokes on the server
        } catch (error) {
          const reported = report(error, server);
          if (reported.exitCode !== EXIT.unreachable) throw error;
          throw new CliError(EXIT.unreachable, {
            ...reported.body,
            message: `logged out here, but the session could not be revoked: ${reported.text}`,
          });
        }
        await ctx.out.result({ server, logged_out: true }, () =>
          ctx.out.line(`Logged out of ${server}.`),
        );
      }),
    );
}
