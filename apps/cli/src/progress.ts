import type { Result, Task } from '@federa/contract';
import { orgLabel } from './lookups';
import type { Output } from './output';

const CLEAR_LINE = '\u001b[2K';
const up = (lines: number) => `\u001b[${lines}A`;

/**
 * The live view of `task create --wait` on stderr: one line per organization. On a terminal
 * the block is rewritten in place; otherwise a plain line is printed for every change.
 */
export class ProgressView {
  private shown = 0;
  private readonly last = new Map<number, string>();
  private lastTask = '';

  constructor(
    private readonly out: Output,
    private readonly names: Map<number, string>,
    private readonly tty: boolean = out.stderrIsTty,
  ) {}

  update(task: Task, results: readonly Result[]): void {
    const sorted = [...results].sort((a, b) => a.organization_id - b.organization_id);
    if (this.tty) this.redraw(task, sorted);
    else this.printChanges(task, sorted);
  }

  private redraw(task: Task, results: readonly Result[]): void {
    const width = Math.max(
      0,
      ...results.map((r) => orgLabel(this.names, r.organization_id).length),
    );
    const done = results.filter((r) => r.finished_at !== null).length;
    const lines = [
      `task ${task.id} ${task.status} (${done}/${results.length} organizations finished)`,
      ...results.map(
        (r) => `  ${orgLabel(this.names, r.organization_id).padEnd(width)}  ${r.status}`,
      ),
    ];
    let text = this.shown > 0 ? up(this.shown) : '';
    for (const line of lines) text += `${CLEAR_LINE}${line}\n`;
    this.out.writeErr(text);
    this.shown = lines.length;
  }

  private printChanges(task: Task, results: readonly Result[]): void {
    for (const r of results) {
      if (this.last.get(r.organization_id) === r.status) continue;
      this.last.set(r.organization_id, r.status);
      this.out.note(`task ${task.id}: ${orgLabel(this.names, r.organization_id)} ${r.status}`);
    }
    if (task.complete && this.lastTask !== task.status) {
      this.lastTask = task.status;
      this.out.note(`task ${task.id}: ${task.status}`);
    }
  }
}
