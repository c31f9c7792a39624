import { parseCsv, type CsvOptions } from './parse-csv';

/** One cell: numbers for numeric columns, text otherwise, null when empty. */
export type Cell = string | number | boolean | null;
/** One row of a table, keyed by column name. */
export type Row = Record<string, Cell>;

/** A database as the algorithm sees it. */
export interface Table {
  /** The label the node gives the database. */
  label: string;
  /** Column names in file order. */
  columns: string[];
  rows: Row[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses CSV text with a header line into rows. A column whose non-empty cells all read as
 * decimal numbers becomes numeric; empty cells become null; other cells stay text.
 */
export function parseCsvTable(text: string, label = 'csv', options: CsvOptions = {}): Table {
  const [header, ...records] = parseCsv(text, options);
  if (!header) return { label, columns: [], rows: [] };
  const columns = header.map((name) => name.trim());
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (name === '') throw new Error(`CSV ${label}: column ${index + 1} of the header has no name`);
    if (seen.has(name))
      throw new Error(`CSV ${label}: column "${name}" appears twice in the header`);
    seen.add(name);
  });
  records.forEach((record, index) => {
    if (record.length !== columns.length) {
      throw new Error(
        `CSV ${label}: record ${index + 1} has ${record.length} fields, the header has ${columns.length}`,
      );
    }
  });
  const numeric = columns.map((_, c) =>
    records.every((record) => {
      const value = (record[c] as string).trim();
      return value === '' || NUMBER.test(value);
    }),
  );
  const rows = records.map((record) => {
    const row: Row = {};
    columns.forEach((name, c) => {
      const raw = record[c] as string;
      const trimmed = raw.trim();
      row[name] = trimmed === '' ? null : numeric[c] ? Number(trimmed) : raw;
    });
    return row;
  });
  return { label, columns, rows };
}

/** A table from rows given in code (e.g. in tests); columns are the keys in first-seen order. */
export function tableFromRows(label: string, rows: readonly Row[]): Table {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { label, columns, rows: rows.map((row) => ({ ...row })) };
}
