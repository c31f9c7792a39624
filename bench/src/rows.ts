import type { Row } from './context';
import { cpuNote, type CpuUse } from './cpu';
import type { DbKind } from './database';
import type { LoadResult } from './stats';

/**
 * The rows of a closed-loop benchmark: throughput, then the latency percentiles asked for, each
 * beside the baseline's.
 */
export function loadRows(
  bench: string,
  db: DbKind,
  unit: string,
  federa: LoadResult,
  bare: LoadResult,
  percentiles: ('p50' | 'p99')[],
  note: string,
): Row[] {
  return [
    {
      bench,
      db,
      metric: 'throughput',
      unit,
      federa: federa.rate,
      baseline: bare.rate,
      better: 'higher',
      note,
    },
    ...percentiles.map(
      (p): Row => ({
        bench,
        db,
        metric: `${p} latency`,
        unit: 'ms',
        federa: federa.latency[p],
        baseline: bare.latency[p],
        better: 'lower',
        note,
      }),
    ),
  ];
}

/** CPU per operation, the process under test plus its Postgres backends: steady under load. */
export function cpuRow(
  bench: string,
  db: DbKind,
  op: string,
  federa: CpuUse,
  federaOps: number,
  bare: CpuUse,
  bareOps: number,
  bareName = 'baseline',
): Row {
  return {
    bench,
    db,
    metric: `CPU per ${op}, server + database`,
    unit: 'ms',
    federa: (federa.appMs + federa.dbMs) / federaOps,
    baseline: (bare.appMs + bare.dbMs) / bareOps,
    better: 'lower',
    note: `${cpuNote(federa, federaOps, 'Federa')}; ${cpuNote(bare, bareOps, bareName)}`,
  };
}

export const noteOf = (result: LoadResult, workers: number) =>
  `${workers} concurrent, ${result.operations} ops${result.errors ? `, ${result.errors} errors (${result.firstError})` : ''}`;
