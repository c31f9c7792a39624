import type { AlgorithmContext } from '@federa/algorithm';
import { CentralArgsSchema, parseArgs } from './args';
import type { ColumnPartial, NumericPartial, SummaryPartial } from './partial';

export interface NumericSummary {
  type: 'numeric';
  count: number;
  missing: number;
  mean: number | null;
  /** Sample standard deviation (n - 1). */
  std: number | null;
  min: number | null;
  max: number | null;
}

export interface CategoricalSummary {
  type: 'categorical';
  count: number;
  missing: number;
  counts: Record<string, number>;
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

export interface Summary {
  organizations: number[];
  rows: number;
  columns: Record<string, ColumnSummary>;
}

function combineColumn(name: string, parts: ColumnPartial[]): ColumnSummary {
  const count = parts.reduce((s, p) => s + p.count, 0);
  const missing = parts.reduce((s, p) => s + p.missing, 0);
  // A column with no values at an organization reads as numeric there: let the others decide.
  const categorical = parts.filter((p) => p.type === 'categorical');
  if (categorical.length > 0) {
    if (parts.some((p) => p.type === 'numeric' && p.count > 0)) {
      throw new Error(`column "${name}" is numeric at some organizations and text at others`);
    }
    const counts: Record<string, number> = {};
    for (const part of categorical) {
      for (const [key, n] of Object.entries(part.counts)) counts[key] = (counts[key] ?? 0) + n;
    }
    return { type: 'categorical', count, missing, counts };
  }
  const numeric = parts.filter((p): p is NumericPartial => p.type === 'numeric' && p.count > 0);
  const sum = numeric.reduce((s, p) => s + p.sum, 0);
  const mean = count > 0 ? sum / count : null;
  // Chan et al.: pooled squared deviations = local ones + each local mean's deviation.
  const m2 =
    mean === null
      ? 0
      : numeric.reduce((s, p) => s + p.m2 + p.count * (p.sum / p.count - mean) ** 2, 0);
  const std = count > 1 ? Math.sqrt(m2 / (count - 1)) : null;
  const mins = numeric.map((p) => p.min).filter((v): v is number => v !== null);
  const maxs = numeric.map((p) => p.max).filter((v): v is number => v !== null);
  const min = mins.length > 0 ? Math.min(...mins) : null;
  const max = maxs.length > 0 ? Math.max(...maxs) : null;
  return { type: 'numeric', count, missing, mean, std, min, max };
}

/** Combines the organizations' partial results into per-column summaries. */
export function combine(organizations: number[], parts: SummaryPartial[]): Summary {
  const names: string[] = [];
  for (const part of parts)
    for (const name of Object.keys(part.columns)) if (!names.includes(name)) names.push(name);
  const columns: Record<string, ColumnSummary> = {};
  for (const name of names) {
    const found = parts.map((p) => p.columns[name]);
    const present = found.filter((c): c is ColumnPartial => c !== undefined);
    if (present.length < parts.length) {
      throw new Error(
        `column "${name}" is missing at ${parts.length - present.length} organization(s)`,
      );
    }
    columns[name] = combineColumn(name, present);
  }
  return { organizations, rows: parts.reduce((s, p) => s + p.rows, 0), columns };
}

/** Asks each organization for its partial summary and combines them. */
export async function central(ctx: AlgorithmContext): Promise<Summary> {
  const args = parseArgs(CentralArgsSchema, ctx.args);
  const parts = await ctx.client.runSubtask<SummaryPartial>({
    name: 'summary (partial)',
    input: { method: 'partial', args: args.columns ? { columns: args.columns } : {} },
    organization_ids: args.organizations,
  });
  return combine(
    [...args.organizations].sort((a, b) => a - b),
    parts,
  );
}
