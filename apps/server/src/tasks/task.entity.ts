import { CollaborationEntity } from '../collaborations/collaboration.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { RunStatus, TaskDatabase } from '@federa/contract';

@Entity('task')
@Index(['collaborationId', 'id'])
export class TaskEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 512 })
  image!: string;

  @Column({ type: 'int' })
  collaborationId!: number;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collaborationId' })
  collaboration?: CollaborationEntity;

  @Column({ type: 'int', nullable: true })
  studyId!: number | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parentId' })
  parent?: TaskEntity;

  /** Shared by a task and its subtasks; drawn from a sequence, so concurrent posts never collide. */
  @Index()
  @Column({ type: 'int' })
  jobId!: number;

  @Index()
  @Column({ type: 'int' })
  initOrgId!: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  initUserId!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  databases!: TaskDatabase[];

  /** Kept in step with the runs (task-status.ts), so lists and filters need no recount. */
  @Index()
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: RunStatus;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
