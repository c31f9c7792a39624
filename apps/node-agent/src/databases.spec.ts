import { resolveDatabases } from './databases';

const configured = [
  { label: 'default', type: 'csv' as const, path: '/data/a.csv' },
  { label: 'warehouse', type: 'sql' as const, uri: 'postgresql://db/w' },
];

describe('resolveDatabases', () => {
  it('maps the labels a task names, in its order', () => {
    expect(resolveDatabases([{ label: 'warehouse' }, { label: 'default' }], configured)).toEqual({
      ok: true,
      databases: [
        { label: 'warehouse', type: 'sql', uri: 'postgresql://db/w' },
        { label: 'default', type: 'csv', hostPath: '/data/a.csv' },
      ],
    });
  });

  it('gives a task that names none the database labelled default, if any', () => {
    expect(resolveDatabases([], configured)).toMatchObject({
      ok: true,
      databases: [{ label: 'default' }],
    });
    expect(resolveDatabases([], [configured[1]!])).toEqual({ ok: true, databases: [] });
  });

  it("passes a task's query on with its SQL database", () => {
    const resolved = resolveDatabases(
      [{ label: 'warehouse', query: 'SELECT age FROM patients' }],
      configured,
    );
    expect(resolved).toEqual({
      ok: true,
      databases: [
        {
          label: 'warehouse',
          type: 'sql',
          uri: 'postgresql://db/w',
          query: 'SELECT age FROM patients',
        },
      ],
    });
  });

  it('refuses a query for a CSV database', () => {
    expect(resolveDatabases([{ label: 'default', query: 'SELECT 1' }], configured)).toEqual({
      ok: false,
      reason:
        'database "default" is a CSV file on this node: a query applies to SQL databases only',
    });
  });

  it('refuses unknown labels, listing the known ones', () => {
    expect(resolveDatabases([{ label: 'x' }, { label: 'y' }], configured)).toEqual({
      ok: false,
      reason: 'this node has no database labelled "x", "y" (it has: default, warehouse)',
    });
  });
});
