import type { Result, Task } from '@federa/contract';
import { Output } from './output';
import { ProgressView } from './progress';

const task = (status: Task['status'], complete = false) => ({ id: 7, status, complete }) as Task;
const run = (organization_id: number, status: Result['status']) =>
  ({ organization_id, status, finished_at: status === 'completed' ? 'now' : null }) as Result;

function capture() {
  let text = '';
  const stream = {
    write: (chunk: string) => ((text += chunk), true),
    isTTY: false,
  } as unknown as NodeJS.WriteStream;
  return { output: new Output(false, stream, stream), text: () => text };
}

describe('ProgressView', () => {
  const names = new Map([
    [1, 'A'],
    [2, 'B'],
  ]);

  it('rewrites its block in place on a terminal', () => {
    const { output, text } = capture();
    const view = new ProgressView(output, names, true);
    view.update(task('pending'), [run(2, 'pending'), run(1, 'active')]);
    view.update(task('completed', true), [run(1, 'completed'), run(2, 'completed')]);
    expect(text()).toBe(
      '\u001b[2Ktask 7 pending (0/2 organizations finished)\n' +
        '\u001b[2K  A (1)  active\n\u001b[2K  B (2)  pending\n' +
        '\u001b[3A' +
        '\u001b[2Ktask 7 completed (2/2 organizations finished)\n' +
        '\u001b[2K  A (1)  completed\n\u001b[2K  B (2)  completed\n',
    );
  });

  it('prints a plain line per change otherwise', () => {
    const { output, text } = capture();
    const view = new ProgressView(output, names, false);
    view.update(task('pending'), [run(1, 'pending'), run(2, 'pending')]);
    view.update(task('active'), [run(1, 'active'), run(2, 'pending')]);
    view.update(task('completed', true), [run(1, 'completed'), run(2, 'completed')]);
    expect(text().split('\n')).toEqual([
      'task 7: A (1) pending',
      'task 7: B (2) pending',
      'task 7: A (1) active',
      'task 7: A (1) completed',
      'task 7: B (2) completed',
      'task 7: completed',
      '',
    ]);
  });
});
