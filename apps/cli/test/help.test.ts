import { CliUser } from './utils/cli';

describe('federa --help', () => {
  const user = new CliUser('http://127.0.0.1:9');
  afterAll(() => user.cleanup());

  it('lists every command, the environment and the exit codes', async () => {
    const { code, stdout } = await user.run('--help');
    expect(code).toBe(0);
    for (const command of ['login', 'logout', 'collaboration', 'node', 'task', 'key', 'admin']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('FEDERA_CONFIG');
    expect(stdout).toContain('FEDERA_PRIVATE_KEY_FILE');
    expect(stdout).toContain('5  the server cannot be reached');
  });

  it.each([
    [
      ['task', '--help'],
      ['list', 'create', 'get', 'results', 'kill'],
    ],
    [
      ['task', 'create', '--help'],
      [
        '--collaboration <id>',
        '--image <image>',
        '--input <input>',
        '--org <id...>',
        '--database <label...>',
        '--wait',
        'Examples:',
      ],
    ],
    [
      ['key', 'generate', '--help'],
      ['--out <file>', '--publish', '--force', '0600', 'Examples:'],
    ],
    [
      ['task', 'results', '--help'],
      ['--private-key <file>', 'FEDERA_PRIVATE_KEY_FILE', 'never leaves this machine'],
    ],
    [
      ['admin', '--help'],
      ['organization', 'user', 'collaboration', 'node', 'Examples:'],
    ],
    [
      ['admin', 'user', 'create', '--help'],
      ['--role <name...>', '--password-stdin', 'Researcher'],
    ],
    [
      ['node', 'new', '--help'],
      ['--out <file>', '--collaboration <id>', '0600'],
    ],
    [
      ['login', '--help'],
      ['--username <name>', '--password-stdin', 'XDG_CONFIG_HOME'],
    ],
  ])('federa %j explains its options with examples', async (args, expected) => {
    const { code, stdout } = await user.run(...args);
    expect(code).toBe(0);
    for (const text of expected) expect(stdout).toContain(text);
  });

  it('shows help and exits 2 for a command group without a subcommand', async () => {
    const { code, stderr } = await user.run('admin');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: federa admin');
  });
});
