import type { AlgorithmContext, Cell } from '@federa/algorithm';
import { parseArgs, PartialArgsSchema } from './args';

/** What one organization shares per iteration: aggregates of its rows at the given weights. */
export interface GradientPartial {
  /** Rows used (rows with a missing feature or label are skipped). */
  count: number;
  /** Mean gradient of the log-loss over those rows; intercept first. */
  gradient: number[];
  /** Mean log-loss. */
  loss: number;
  /** Rows the model classifies correctly (probability ≥ 0.5 ⇒ 1). */
  correct: number;
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

function toLabel(value: Cell, column: string): 0 | 1 {
  if (value === 1 || value === true) return 1;
  if (value === 0 || value === false) return 0;
  throw new Error(`label column "${column}" must hold 0 or 1, found ${JSON.stringify(value)}`);
}

/** Gradient, loss and accuracy of the logistic model on the local data. */
export function partial(ctx: AlgorithmContext): GradientPartial {
  const { features, label, weights } = parseArgs(PartialArgsSchema, ctx.args);
  const table = ctx.table();
  for (const column of [...features, label]) {
    if (!table.columns.includes(column)) {
      throw new Error(
        `no column "${column}" in database "${table.label}"; it has: ${table.columns.join(', ')}`,
      );
    }
  }
  const gradient = new Array<number>(weights.length).fill(0);
  let count = 0;
  let loss = 0;
  let correct = 0;
  for (const row of table.rows) {
    const cells = features.map((feature) => row[feature] ?? null);
    const y = row[label] ?? null;
    if (y === null || cells.includes(null)) continue;
    const x = [1];
    cells.forEach((v, i) => {
      if (typeof v !== 'number') throw new Error(`feature column "${features[i]}" is not numeric`);
      x.push(v);
    });
    const target = toLabel(y, label);
    const z = x.reduce((s, v, i) => s + v * (weights[i] as number), 0);
    const error = sigmoid(z) - target;
    x.forEach((v, i) => (gradient[i] = (gradient[i] as number) + error * v));
    loss += softplus(z) - target * z;
    if ((z >= 0 ? 1 : 0) === target) correct++;
    count++;
  }
  return {
    count,
    gradient: count > 0 ? gradient.map((g) => g / count) : gradient,
    loss: count > 0 ? loss / count : 0,
    correct,
  };
}
