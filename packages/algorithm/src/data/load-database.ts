import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunDatabase } from '@federa/contract';
import { parseCsvTable, type Table } from './table';

/** Reads one database of the run context: a CSV file is parsed, numeric columns converted. */
export function loadDatabase(database: RunDatabase): Table {
  switch (database.type) {
    case 'csv': {
      const path = database.uri.startsWith('file:') ? fileURLToPath(database.uri) : database.uri;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(
          `cannot read database "${database.label}" (${path}): ${(error as Error).message}`,
        );
      }
      return parseCsvTable(text, database.label);
    }
    case 'sql':
      throw new Error(
        `database "${database.label}" is SQL: sql databases need a SQL loader, which @federa/algorithm ` +
          'does not ship yet; export the data to CSV on the node, or connect with your own client ' +
          'using the uri from ctx.context.databases',
      );
  }
}
