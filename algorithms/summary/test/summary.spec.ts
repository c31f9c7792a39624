import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockNetwork, parseCsvTable, type Row } from '@federa/algorithm';
import { summary } from '../src/algorithm';
import type { CategoricalSummary, NumericSummary, Summary } from '../src/central';

const csv = (org: number) => readFileSync(join(__dirname, '..', 'data', `org-${org}.csv`), 'utf8');
const ORGS = [1, 2, 3];

const network = () =>
  mockNetwork({
    algorithm: summary,
    organizations: ORGS.map((id) => ({ id, databases: { default: csv(id) } })),
  });

/** The reference: the same statistics computed on all organizations' rows pooled together. */
function pooledNumeric(rows: Row[], column: string) {
  const values = rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number');
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return {
    count: n,
    mean,
    std: Math.sqrt(variance),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

const expectClose = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
};

describe('federated summary', () => {
  const pooled = ORGS.flatMap((id) => parseCsvTable(csv(id)).rows);

  it('equals the statistics of the pooled data', async () => {
    const result = await network().run<Summary>('central', { organizations: ORGS });
    expect(result.organizations).toEqual(ORGS);
    expect(result.rows).toBe(pooled.length);
    for (const column of ['age', 'bmi', 'systolic_bp']) {
      const federated = result.columns[column] as NumericSummary;
      const reference = pooledNumeric(pooled, column);
      expect(federated.type).toBe('numeric');
      expect(federated.count).toBe(reference.count);
      expect(federated.missing).toBe(pooled.length - reference.count);
      expectClose(federated.mean, reference.mean);
      expectClose(federated.std, reference.std);
      expect(federated.min).toBe(reference.min);
      expect(federated.max).toBe(reference.max);
    }
    const sex = result.columns.sex as CategoricalSummary;
    expect(sex.type).toBe('categorical');
    expect(sex.counts.F! + sex.counts.M!).toBe(pooled.length);
    expect(sex.counts.F).toBe(pooled.filter((r) => r.sex === 'F').length);
  });

  it('describes only the requested columns of the requested organizations', async () => {
    const result = await network().run<Summary>('central', {
      organizations: [3, 1],
      columns: ['age'],
    });
    expect(Object.keys(result.columns)).toEqual(['age']);
    const rows = [1, 3].flatMap((id) => parseCsvTable(csv(id)).rows);
    expectClose((result.columns.age as NumericSummary).mean, pooledNumeric(rows, 'age').mean);
  });

  it('works on generated data with values far from zero', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const make = (n: number, offset: number): Row[] =>
      Array.from({ length: n }, () => ({
        x: offset + random() * 10,
        group: random() < 0.3 ? 'a' : 'b',
      }));
    const data = [make(60, 1e6), make(90, 1e6 + 3), make(1, 1e6 - 5)];
    const net = mockNetwork({
      algorithm: summary,
      organizations: data.map((rows, i) => ({ id: i + 1, databases: { default: rows } })),
    });
    const result = await net.run<Summary>('central', { organizations: [1, 2, 3] });
    const reference = pooledNumeric(data.flat(), 'x');
    const x = result.columns.x as NumericSummary;
    expectClose(x.mean, reference.mean);
    expectClose(x.std, reference.std);
    expect([x.min, x.max]).toEqual([reference.min, reference.max]);
    expect((result.columns.group as CategoricalSummary).count).toBe(151);
  });

  it('lets organizations without values defer to the others, and refuses mixed types', async () => {
    const net = mockNetwork({
      algorithm: summary,
      organizations: [
        { id: 1, databases: { default: 'v,w\n,1\n,2\n' } },
        { id: 2, databases: { default: 'v,w\nx,y\nx,\n' } },
      ],
    });
    await expect(
      net.run<Summary>('central', { organizations: [1, 2], columns: ['v'] }),
    ).resolves.toMatchObject({
      columns: { v: { type: 'categorical', count: 2, missing: 2, counts: { x: 2 } } },
    });
    await expect(net.run('central', { organizations: [1, 2] })).rejects.toThrow(
      'column "w" is numeric at some organizations and text at others',
    );
  });

  it('reports a column the data does not have', async () => {
    await expect(
      network().run('central', { organizations: [1], columns: ['weight'] }),
    ).rejects.toThrow(
      'no column "weight" in database "default"; it has: age, bmi, systolic_bp, sex, smoker',
    );
  });

  it('reports invalid args', async () => {
    await expect(network().run('central', {})).rejects.toThrow(
      'invalid args: organizations: Required',
    );
  });
});
