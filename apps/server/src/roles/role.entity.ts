import { Column, Entity, Index, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { RuleEntity } from './rule.entity';

@Entity('role')
@Index(['name', 'organizationId'], { unique: true })
export class RoleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** null for the default roles, which every organization shares. */
  @Column({ type: 'int', nullable: true })
  organizationId!: number | null;

  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  @ManyToMany(() => RuleEntity)
  @JoinTable({
    name: 'role_rule',
    joinColumn: { name: 'role_id' },
    inverseJoinColumn: { name: 'rule_id' },
  })
  rules!: RuleEntity[];
}
