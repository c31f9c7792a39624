import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunEntity } from './run.entity';

export type RunChange = Partial<
  Pick<
    RunEntity,
    'nodeId' | 'status' | 'statusReason' | 'result' | 'log' | 'startedAt' | 'finishedAt'
  >
>;

/**
 * Changes a run only if it is still as the caller last read it (compare-and-set on its status
 * and node): a report based on a stale read changes nothing, and the caller reads again and
 * decides. One statement, holding only the run's row.
 */
@Injectable()
export class RunTransitions {
  constructor(private readonly db: DataSource) {}

  /** The changed run, or null when it changed since `seen` was read. */
  async apply(seen: RunEntity, change: RunChange): Promise<RunEntity | null> {
    const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (!Object.keys(set).length) return seen;
    const { raw } = await this.db
      .createQueryBuilder()
      .update(RunEntity)
      .set(set)
      .where('id = :id AND status = :status AND "nodeId" IS NOT DISTINCT FROM :nodeId::int', {
        id: seen.id,
        status: seen.status,
        nodeId: seen.nodeId,
      })
      .returning('*')
      .execute();
    const rows = raw as RunEntity[];
    return rows[0] ? this.db.getRepository(RunEntity).create(rows[0]) : null;
  }
}
