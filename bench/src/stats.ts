/** Percentiles by the nearest-rank method over a copy of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number): number => performance.now() - start;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep their order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface LoadResult {
  /** completed operations per second */
  rate: number;
  latency: Summary;
  operations: number;
  errors: number;
  firstError?: string;
}

/**
 * Closed-loop load: `workers` loops call `op` back to back for `durationMs`; every call's
 * latency is kept. A failed call counts as an error (and is not timed).
 */
export async function closedLoop(
  workers: number,
  durationMs: number,
  op: (worker: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await op(w);
          latencies.push(since(t0));
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
          if (errors > 100 && errors > latencies.length)
            throw new Error(`too many errors: ${firstError}`);
        }
      }
    }),
  );
  const elapsed = since(start);
  return {
    rate: (latencies.length / elapsed) * 1000,
    latency: summarize(latencies),
    operations: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
  };
}
