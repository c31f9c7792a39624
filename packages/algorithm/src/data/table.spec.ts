import { parseCsvTable, tableFromRows, type Row } from './table';

describe('parseCsvTable', () => {
  it('converts numeric columns and keeps text columns as text', () => {
    const table = parseCsvTable(
      'id,age,sex,score\r\n1,34,F,1.5e2\r\n2,,M,-.5\r\n3,51,,7\r\n',
      'db',
    );
    expect(table.label).toBe('db');
    expect(table.columns).toEqual(['id', 'age', 'sex', 'score']);
    expect(table.rows).toEqual([
      { id: 1, age: 34, sex: 'F', score: 150 },
      { id: 2, age: null, sex: 'M', score: -0.5 },
      { id: 3, age: 51, sex: null, score: 7 },
    ]);
  });

  it('keeps a column as text when any cell is not a number', () => {
    const table = parseCsvTable('code\n12\n12a\n');
    expect(table.rows.map((r) => r.code)).toEqual(['12', '12a']);
  });

  it('does not read words like Infinity, NaN or hex as numbers', () => {
    const table = parseCsvTable('x,y,z\nInfinity,NaN,0x10\n');
    expect(table.rows).toEqual([{ x: 'Infinity', y: 'NaN', z: '0x10' }]);
  });

  it('trims header names and numeric cells', () => {
    expect(parseCsvTable(' a , b\n 1 , x \n').rows).toEqual([{ a: 1, b: ' x ' }]);
  });

  it('rejects records whose length differs from the header', () => {
    expect(() => parseCsvTable('a,b\n1,2\n3\n', 'db')).toThrow(
      'CSV db: record 2 has 1 fields, the header has 2',
    );
  });

  it('rejects duplicate and empty column names', () => {
    expect(() => parseCsvTable('a,a\n1,2\n')).toThrow('column "a" appears twice');
    expect(() => parseCsvTable('a,\n1,2\n')).toThrow('column 2 of the header has no name');
  });

  it('gives an empty table for an empty file and for a header alone', () => {
    expect(parseCsvTable('', 'e')).toEqual({ label: 'e', columns: [], rows: [] });
    expect(parseCsvTable('a,b\n', 'h')).toEqual({ label: 'h', columns: ['a', 'b'], rows: [] });
  });
});

describe('tableFromRows', () => {
  it('collects the columns of all rows and copies the rows', () => {
    const rows: Row[] = [{ a: 1 }, { b: 'x', a: 2 }];
    const table = tableFromRows('t', rows);
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual(rows);
    expect(table.rows[0]).not.toBe(rows[0]);
  });
});
