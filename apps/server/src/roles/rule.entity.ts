import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Operation, Resource, Scope } from '@federa/contract';

@Entity('rule')
@Unique(['resource', 'operation', 'scope'])
export class RuleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  resource!: Resource;

  @Column({ type: 'varchar', length: 16 })
  operation!: Operation;

  @Column({ type: 'varchar', length: 16 })
  scope!: Scope;
}
