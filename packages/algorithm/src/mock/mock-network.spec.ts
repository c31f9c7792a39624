import { defineAlgorithm } from '../definition/define-algorithm';
import { mockNetwork } from './mock-network';

const algorithm = defineAlgorithm({
  partial: {
    total: (ctx) => {
      const column = String(ctx.args.column);
      const rows = ctx.table().rows;
      return { n: rows.length, sum: rows.reduce((s, r) => s + Number(r[column]), 0) };
    },
    shapes: () => ({
      when: new Date(0),
      missing: undefined,
      nan: Number.NaN,
      nested: [1, undefined],
    }),
    mutate: (ctx) => {
      const rows = ctx.table().rows;
      rows.length = 0;
      return rows.length;
    },
    count: (ctx) => ctx.table().rows.length,
    fail: (ctx) => {
      throw new Error(`partial failed at organization ${ctx.context.organizationId}`);
    },
  },
  central: {
    central: async (ctx) => {
      const organizations = ctx.args.organizations as number[];
      const parts = await ctx.client.runSubtask<{ n: number; sum: number }>({
        input: { method: 'total', args: { column: ctx.args.column } },
        organization_ids: organizations,
      });
      const n = parts.reduce((s, p) => s + p.n, 0);
      return { n, mean: parts.reduce((s, p) => s + p.sum, 0) / n };
    },
    relay: (ctx) =>
      ctx.client.runSubtask({
        input: { method: String(ctx.args.method) },
        organization_ids: ctx.args.organizations as number[],
      }),
  },
});

const network = () =>
  mockNetwork({
    algorithm,
    organizations: [
      { id: 1, databases: { default: 'x,label\r\n1,a\r\n2,"b, c"\r\n' } },
      { id: 2, databases: { default: [{ x: 10 }, { x: 20 }, { x: 30 }] } },
      { id: 3 },
    ],
  });

describe('mockNetwork', () => {
  it("runs a central function whose subtasks run the partials on each organization's data", async () => {
    const net = network();
    await expect(net.run('central', { column: 'x', organizations: [1, 2] })).resolves.toEqual({
      n: 5,
      mean: 63 / 5,
    });
    const [parent, child] = net.tasks;
    expect(parent).toMatchObject({ id: 1, parent_id: null, organization_ids: [1], complete: true });
    expect(child).toMatchObject({
      parent_id: 1,
      job_id: 1,
      organization_ids: [1, 2],
      status: 'completed',
    });
    expect(net.results(2).map((r) => JSON.parse(r.result ?? 'null') as unknown)).toEqual([
      { n: 2, sum: 3 },
      { n: 3, sum: 60 },
    ]);
  });

  it('round-trips results through JSON as a real run does', async () => {
    const results = await network().run('relay', { method: 'shapes', organizations: [2] });
    expect(results).toEqual([{ when: '1970-01-01T00:00:00.000Z', nan: null, nested: [1, null] }]);
  });

  it('gives each run its own copy of the data', async () => {
    const net = network();
    await net.run('relay', { method: 'mutate', organizations: [2] });
    await expect(net.run('relay', { method: 'count', organizations: [2] })).resolves.toEqual([3]);
  });

  it("fails the task with the partial's error, as the node would", async () => {
    await expect(network().run('relay', { method: 'fail', organizations: [1, 2] })).rejects.toThrow(
      /organization 1 \(run 2\): failed[\s\S]*partial failed at organization 1[\s\S]*partial failed at organization 2/,
    );
  });

  it('fails on an unknown method with the list of methods', async () => {
    await expect(network().run('nope')).rejects.toThrow(
      'unknown method "nope"; this algorithm has: total, shapes, mutate, count, fail, central, relay',
    );
  });

  it('refuses a subtask for an organization outside the collaboration', async () => {
    await expect(network().run('relay', { method: 'count', organizations: [9] })).rejects.toThrow(
      'organization(s) 9 are not in collaboration 1',
    );
  });

  it('fails a run whose organization lacks the database', async () => {
    await expect(network().run('relay', { method: 'count', organizations: [3] })).rejects.toThrow(
      'organization 3 has no database "default"',
    );
  });
});
