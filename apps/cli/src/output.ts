/**
 * Everything `federa` prints goes through here: with --json, one JSON document on stdout per
 * command; otherwise text for people. Notes and progress go to stderr, so stdout stays the
 * command's answer either way.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  /** The command's answer: `value` as JSON, or whatever `human` prints. */
  async result(value: unknown, human: () => void | Promise<void>): Promise<void> {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else await human();
  }

  /** A line of the human answer (stdout). */
  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** A remark beside the answer (stderr), shown in both modes. */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  table<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): void {
    if (rows.length === 0) {
      this.line(empty);
      return;
    }
    this.line(formatTable(rows, columns));
  }

  get stderrIsTty(): boolean {
    return Boolean(this.stderr.isTTY);
  }

  /** Raw writes for the progress display. */
  writeErr(text: string): void {
    this.stderr.write(text);
  }
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => String(c.value(row) ?? '-')));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const render = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((c) => c.header.toUpperCase())), ...cells.map(render)].join('\n');
}

/** "3 minutes ago" style, for last-seen columns. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86400)}d ago`;
}

/** A JSON text pretty-printed, or the text unchanged when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
