import { TaskEntity } from '../tasks/task.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus } from '@federa/contract';

@Entity('run')
@Index(['organizationId', 'status'])
// a task's status is derived from the distinct statuses of its runs: answered from the index
@Index(['taskId', 'status'])
// open runs by node (presence changes) and by organization (a node's sync): partial, so small
@Index('IDX_run_open_by_node', ['nodeId'], { where: '"finishedAt" IS NULL' })
@Index('IDX_run_open_by_org', ['organizationId', 'collaborationId'], {
  where: '"finishedAt" IS NULL',
})
export class RunEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  taskId!: number;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'taskId' })
  task?: TaskEntity;

  @Column({ type: 'int' })
  organizationId!: number;

  @Column({ type: 'int' })
  collaborationId!: number;

  @Column({ type: 'int', nullable: true })
  nodeId!: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: RunStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text', nullable: true })
  input!: string | null;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ type: 'text', nullable: true })
  log!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
