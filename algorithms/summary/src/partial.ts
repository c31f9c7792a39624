import type { AlgorithmContext, Cell } from '@federa/algorithm';
import { parseArgs, PartialArgsSchema } from './args';

/** What one organization shares about a numeric column: aggregates only. */
export interface NumericPartial {
  type: 'numeric';
  count: number;
  missing: number;
  sum: number;
  sumSq: number;
  /** Sum of squared deviations from the local mean: lets the center combine variances stably. */
  m2: number;
  min: number | null;
  max: number | null;
}

/** What one organization shares about a text column: counts per category. */
export interface CategoricalPartial {
  type: 'categorical';
  count: number;
  missing: number;
  counts: Record<string, number>;
}

export type ColumnPartial = NumericPartial | CategoricalPartial;

export interface SummaryPartial {
  rows: number;
  columns: Record<string, ColumnPartial>;
}

export function describeColumn(values: readonly Cell[]): ColumnPartial {
  const present = values.filter((v): v is Exclude<Cell, null> => v !== null && v !== undefined);
  const missing = values.length - present.length;
  if (present.every((v) => typeof v === 'number')) {
    const numbers = present as number[];
    let sum = 0;
    let sumSq = 0;
    let min: number | null = null;
    let max: number | null = null;
    for (const x of numbers) {
      sum += x;
      sumSq += x * x;
      if (min === null || x < min) min = x;
      if (max === null || x > max) max = x;
    }
    const mean = numbers.length > 0 ? sum / numbers.length : 0;
    const m2 = numbers.reduce((s, x) => s + (x - mean) ** 2, 0);
    return { type: 'numeric', count: numbers.length, missing, sum, sumSq, m2, min, max };
  }
  const counts: Record<string, number> = {};
  for (const v of present) {
    const key = String(v);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { type: 'categorical', count: present.length, missing, counts };
}

/** Per-column count, sum, sum of squares, min and max (category counts for text) of the local data. */
export function partial(ctx: AlgorithmContext): SummaryPartial {
  const args = parseArgs(PartialArgsSchema, ctx.args);
  const table = ctx.table();
  const names = args.columns ?? table.columns;
  const columns: Record<string, ColumnPartial> = {};
  for (const name of names) {
    if (!table.columns.includes(name)) {
      throw new Error(
        `no column "${name}" in database "${table.label}"; it has: ${table.columns.join(', ')}`,
      );
    }
    columns[name] = describeColumn(table.rows.map((row) => row[name] ?? null));
  }
  return { rows: table.rows.length, columns };
}
