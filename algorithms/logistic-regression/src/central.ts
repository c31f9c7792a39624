import type { AlgorithmContext } from '@federa/algorithm';
import { CentralArgsSchema, parseArgs } from './args';
import type { GradientPartial } from './partial';

export interface LogisticModel {
  features: string[];
  /** Intercept first, then one weight per feature. */
  weights: number[];
  /** The same weights by name, the intercept as "(intercept)". */
  coefficients: Record<string, number>;
  /** Gradient steps taken. */
  iterations: number;
  converged: boolean;
  /** Mean log-loss at the final weights over all organizations' rows. */
  loss: number;
  /** Fraction of rows classified correctly at the final weights. */
  accuracy: number;
  /** Euclidean norm of the mean gradient at the final weights. */
  gradientNorm: number;
  /** Rows used across all organizations. */
  count: number;
}

/** Averages the organizations' gradients and losses, weighted by their row counts. */
export function aggregate(parts: GradientPartial[], dimension: number) {
  const count = parts.reduce((s, p) => s + p.count, 0);
  if (count === 0)
    throw new Error('no organization has a row with all features and the label present');
  const gradient = new Array<number>(dimension).fill(0);
  for (const part of parts) {
    if (part.gradient.length !== dimension)
      throw new Error('an organization sent a gradient of the wrong size');
    part.gradient.forEach(
      (g, i) => (gradient[i] = (gradient[i] as number) + (part.count * g) / count),
    );
  }
  return {
    count,
    gradient,
    loss: parts.reduce((s, p) => s + (p.count * p.loss) / count, 0),
    accuracy: parts.reduce((s, p) => s + p.correct, 0) / count,
  };
}

/**
 * Federated gradient descent: starting from zeros, each step asks every organization for the
 * gradient at the current weights, averages them by row count and steps against it, until
 * the gradient norm is at most `tolerance` or `iterations` steps were taken.
 */
export async function central(ctx: AlgorithmContext): Promise<LogisticModel> {
  const args = parseArgs(CentralArgsSchema, ctx.args);
  let weights = new Array<number>(args.features.length + 1).fill(0);
  let iterations = 0;
  for (;;) {
    const parts = await ctx.client.runSubtask<GradientPartial>({
      name: `logistic regression: gradient ${iterations + 1}`,
      input: { method: 'partial', args: { features: args.features, label: args.label, weights } },
      organization_ids: args.organizations,
    });
    const step = aggregate(parts, weights.length);
    const gradientNorm = Math.sqrt(step.gradient.reduce((s, g) => s + g * g, 0));
    const converged = gradientNorm <= args.tolerance;
    if (converged || iterations >= args.iterations) {
      const names = ['(intercept)', ...args.features];
      return {
        features: args.features,
        weights,
        coefficients: Object.fromEntries(names.map((name, i) => [name, weights[i] as number])),
        iterations,
        converged,
        loss: step.loss,
        accuracy: step.accuracy,
        gradientNorm,
        count: step.count,
      };
    }
    weights = weights.map((w, i) => w - args.learning_rate * (step.gradient[i] as number));
    iterations++;
  }
}
