import pino from 'pino';
import { RunScheduler, type RunJob } from './run-scheduler';
import type { RunHandle } from './run-handle';

const log = pino({ level: 'silent' });
const tick = () => new Promise((r) => setImmediate(r));

function deferredWorker() {
  const started: number[] = [];
  const finish = new Map<number, (outcome: 'done' | Error) => void>();
  const worker = (job: RunJob, handle: RunHandle) => {
    started.push(job.runId);
    handle.claimedAt = Date.now();
    return new Promise<'done'>((resolve, reject) => {
      finish.set(job.runId, (o) => (o instanceof Error ? reject(o) : resolve(o)));
    });
  };
  return { started, finish, worker };
}

describe('RunScheduler', () => {
  it('runs at most maxConcurrent jobs and starts the next when one ends', async () => {
    const w = deferredWorker();
    const s = new RunScheduler(2, w.worker, log);
    for (const runId of [1, 2, 3]) s.submit({ kind: 'pending', runId });
    expect(w.started).toEqual([1, 2]);
    w.finish.get(1)!('done');
    await tick();
    expect(w.started).toEqual([1, 2, 3]);
  });

  it('takes a run once: not while queued or running, never after it is done', async () => {
    const w = deferredWorker();
    const s = new RunScheduler(1, w.worker, log);
    expect(s.submit({ kind: 'pending', runId: 1 })).toBe(true);
    expect(s.submit({ kind: 'pending', runId: 1 })).toBe(false);
    w.finish.get(1)!('done');
    await tick();
    expect(s.submit({ kind: 'pending', runId: 1 })).toBe(false);
    expect(w.started).toEqual([1]);
  });

  it('offers a run again after a failure before its claim', async () => {
    const w = deferredWorker();
    const s = new RunScheduler(1, w.worker, log);
    s.submit({ kind: 'pending', runId: 1 });
    w.finish.get(1)!(new Error('server unreachable'));
    await tick();
    expect(s.submit({ kind: 'pending', runId: 1 })).toBe(true);
  });

  it('drops a queued run on stop and signals a running one', async () => {
    const w = deferredWorker();
    const s = new RunScheduler(1, w.worker, log);
    s.submit({ kind: 'pending', runId: 1 });
    s.submit({ kind: 'pending', runId: 2 });
    const running = s.claimed()[0]!;
    s.stop(2, 'killed');
    s.stop(1, 'killed');
    expect(running.stopReason).toBe('killed');
    w.finish.get(1)!('done');
    await tick();
    expect(w.started).toEqual([1]);
    expect(await s.idle(100)).toBe(true);
  });

  it('stops accepting: queued runs are forgotten, idle waits for the running ones', async () => {
    const w = deferredWorker();
    const s = new RunScheduler(1, w.worker, log);
    s.submit({ kind: 'pending', runId: 1 });
    s.submit({ kind: 'pending', runId: 2 });
    s.stopAccepting();
    expect(s.submit({ kind: 'pending', runId: 3 })).toBe(false);
    expect(await s.idle(20)).toBe(false);
    const idle = s.idle(1000);
    w.finish.get(1)!('done');
    expect(await idle).toBe(true);
    expect(w.started).toEqual([1]);
  });
});
