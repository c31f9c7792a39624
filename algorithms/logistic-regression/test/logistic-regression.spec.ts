import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockNetwork, parseCsvTable, type Row } from '@federa/algorithm';
import { logisticRegression } from '../src/algorithm';
import type { LogisticModel } from '../src/central';

const FEATURES = ['marker_a', 'marker_b', 'treated'];
const csv = (org: number) => readFileSync(join(__dirname, '..', 'data', `org-${org}.csv`), 'utf8');

/** The reference: plain gradient descent on all rows pooled together, same stopping rule. */
function pooledGradientDescent(
  rows: Row[],
  features: string[],
  label: string,
  iterations: number,
  rate: number,
  tolerance = 0,
) {
  const data = rows.map((r) => ({
    x: [1, ...features.map((f) => r[f] as number)],
    y: r[label] as number,
  }));
  let w = new Array<number>(features.length + 1).fill(0);
  let steps = 0;
  for (;;) {
    const g = new Array<number>(w.length).fill(0);
    let loss = 0;
    for (const { x, y } of data) {
      const z = x.reduce((s, v, i) => s + v * w[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      x.forEach((v, i) => (g[i]! += ((p - y) * v) / data.length));
      loss -= (y * Math.log(p) + (1 - y) * Math.log(1 - p)) / data.length;
    }
    const norm = Math.hypot(...g);
    if (norm <= tolerance || steps >= iterations) return { weights: w, iterations: steps, loss };
    w = w.map((wi, i) => wi - rate * g[i]!);
    steps++;
  }
}

function expectVectorClose(actual: number[], expected: number[], tolerance = 1e-6) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThan(tolerance));
}

describe('federated logistic regression', () => {
  const network = () =>
    mockNetwork({
      algorithm: logisticRegression,
      organizations: [1, 2, 3].map((id) => ({ id, databases: { default: csv(id) } })),
    });
  const pooled = [1, 2, 3].flatMap((id) => parseCsvTable(csv(id)).rows);

  it('equals gradient descent on the pooled data with the same iterations and learning rate', async () => {
    const model = await network().run<LogisticModel>('central', {
      organizations: [1, 2, 3],
      features: FEATURES,
      label: 'outcome',
      iterations: 40,
      learning_rate: 0.8,
      tolerance: 0,
    });
    const reference = pooledGradientDescent(pooled, FEATURES, 'outcome', 40, 0.8);
    expect(model.iterations).toBe(40);
    expect(model.converged).toBe(false);
    expect(model.count).toBe(pooled.length);
    expectVectorClose(model.weights, reference.weights);
    expect(Math.abs(model.loss - reference.loss)).toBeLessThan(1e-6);
    expect(Object.keys(model.coefficients)).toEqual(['(intercept)', ...FEATURES]);
    // The synthetic data were drawn with marker_a > 0 and marker_b < 0 effects.
    expect(model.coefficients.marker_a).toBeGreaterThan(0.5);
    expect(model.coefficients.marker_b).toBeLessThan(-0.5);
  });

  it('stops once the gradient is small, as the pooled reference does', async () => {
    const model = await network().run<LogisticModel>('central', {
      organizations: [1, 2, 3],
      features: FEATURES,
      label: 'outcome',
      iterations: 500,
      learning_rate: 1,
      tolerance: 1e-3,
    });
    const reference = pooledGradientDescent(pooled, FEATURES, 'outcome', 500, 1, 1e-3);
    expect(model.converged).toBe(true);
    expect(model.gradientNorm).toBeLessThanOrEqual(1e-3);
    expect(model.iterations).toBe(reference.iterations);
    expect(model.iterations).toBeLessThan(500);
    expectVectorClose(model.weights, reference.weights);
  });

  it('classifies a separable data set correctly', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const make = (n: number): Row[] => {
      const rows: Row[] = [];
      while (rows.length < n) {
        const x1 = random() * 4 - 2;
        const x2 = random() * 4 - 2;
        const margin = x1 - 0.5 * x2 - 0.3;
        if (Math.abs(margin) < 0.3) continue;
        rows.push({ x1, x2, y: margin > 0 ? 1 : 0 });
      }
      return rows;
    };
    const data = [make(60), make(40), make(80)];
    const net = mockNetwork({
      algorithm: logisticRegression,
      organizations: data.map((rows, i) => ({ id: i + 1, databases: { default: rows } })),
    });
    const model = await net.run<LogisticModel>('central', {
      organizations: [1, 2, 3],
      features: ['x1', 'x2'],
      label: 'y',
      iterations: 150,
      learning_rate: 2,
    });
    expect(model.accuracy).toBe(1);
    const [b, w1, w2] = model.weights as [number, number, number];
    for (const row of data.flat()) {
      expect(b + w1 * (row.x1 as number) + w2 * (row.x2 as number) > 0 ? 1 : 0).toBe(row.y);
    }
    const reference = pooledGradientDescent(data.flat(), ['x1', 'x2'], 'y', 150, 2, 1e-6);
    expectVectorClose(model.weights, reference.weights);
  });

  it('skips rows with a missing value and refuses a label that is not 0/1', async () => {
    const net = mockNetwork({
      algorithm: logisticRegression,
      organizations: [
        { id: 1, databases: { default: 'x,y\n1,1\n,0\n-1,\n-2,0\n' } },
        { id: 2, databases: { default: 'x,y\n1,yes\n' } },
      ],
    });
    const model = await net.run<LogisticModel>('central', {
      organizations: [1],
      features: ['x'],
      label: 'y',
      iterations: 3,
    });
    expect(model.count).toBe(2);
    await expect(
      net.run('central', { organizations: [1, 2], features: ['x'], label: 'y' }),
    ).rejects.toThrow('label column "y" must hold 0 or 1, found "yes"');
  });

  it('validates its args', async () => {
    await expect(
      network().run('central', { organizations: [1], features: [], label: 'outcome' }),
    ).rejects.toThrow('invalid args: features: Array must contain at least 1 element(s)');
    await expect(
      network().run('partial', { features: ['marker_a'], label: 'outcome', weights: [0] }),
    ).rejects.toThrow('weights: weights needs one entry for the intercept plus one per feature');
  });
});
