import type { MigrationInterface } from 'typeorm';
import { Initial1795690743140 } from './1795690743140-Initial';
import { RunTaskStatusIndex1795697076115 } from './1795697076115-RunTaskStatusIndex';
import { OpenRunIndexes1795698614871 } from './1795698614871-OpenRunIndexes';

/** Every migration, oldest first. `pnpm db:generate <Name>` writes new ones. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795690743140,
  RunTaskStatusIndex1795697076115,
  OpenRunIndexes1795698614871,
];
