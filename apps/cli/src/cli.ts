#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { registerAdmin } from './commands/admin';
import { registerAuth } from './commands/auth';
import { registerCollaboration } from './commands/collaboration';
import { registerKey } from './commands/key';
import { registerNode } from './commands/node';
import { registerTask } from './commands/task';
import { DEFAULT_SERVER } from './context';
import { EXIT, EXIT_CODES_HELP } from './errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json lies outside rootDir
const version = (require('../package.json') as { version: string }).version;

/** --json anywhere before a `--` makes even usage errors come out as JSON. */
const wantsJson = (argv: readonly string[]) => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
};

export function buildProgram(json: boolean): Command {
  const program = new Command('federa')
    .description('The command line of Federa: federated analysis where the data lives.')
    .version(version, '-V, --version')
    .addOption(
      new Option('--json', 'machine-readable output: JSON on stdout, errors as JSON on stderr'),
    )
    .addOption(
      new Option(
        '--server <url>',
        `server address (default: the last login, else ${DEFAULT_SERVER})`,
      ).env('FEDERA_SERVER'),
    )
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => {
        const message = text.trim().replace(/^error: /, '');
        write(
          json
            ? `${JSON.stringify({ statusCode: 0, error: 'usage', message })}\n`
            : `federa: ${message}\n`,
        );
      },
    });
  if (!json) program.showHelpAfterError('(add --help for usage)');

  program.addHelpText(
    'after',
    `
Examples:
  $ federa login --server http://localhost:7601 --username alice
  $ federa collaboration list
  $ federa node list --collaboration 1
  $ federa task create --collaboration 1 --image summary --input '{"columns":["age"]}' --wait
  $ federa task results 12 --json

Every command takes --json and --server; \`federa <command> --help\` shows its options.

Environment:
  FEDERA_SERVER     server address (like --server)
  FEDERA_CONFIG     the file that keeps the session (default:
                    $XDG_CONFIG_HOME/federa/config.json or ~/.config/federa/config.json)
  FEDERA_PRIVATE_KEY_FILE
                    your organization's private key, to read encrypted results
                    (like --private-key)

${EXIT_CODES_HELP}`,
  );

  registerAuth(program);
  registerCollaboration(program);
  registerNode(program);
  registerTask(program);
  registerKey(program);
  registerAdmin(program);
  return program;
}

/** Lets the last writes reach a pipe before the process exits. */
const flush = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(wantsJson(argv.slice(2)));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // commander has printed the message or the help already
    const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    process.exitCode = shown ? EXIT.ok : EXIT.usage;
  }
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  // Sockets or keep-alive connections must not hold the terminal once the answer is out.
  process.exit(process.exitCode ?? EXIT.ok);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`federa: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(EXIT.error);
});
