import { OrganizationEntity } from '../organizations/organization.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RoleEntity } from '../roles/role.entity';
import { RuleEntity } from '../roles/rule.entity';

@Entity('user')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  username!: string;

  /** argon2id hash; the password itself is never stored. */
  @Column({ type: 'varchar', length: 256 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 256, nullable: true, unique: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  firstname!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  lastname!: string | null;

  @Index()
  @Column({ type: 'int' })
  organizationId!: number;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: OrganizationEntity;

  @Column({ type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  @ManyToMany(() => RoleEntity)
  @JoinTable({
    name: 'user_role',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles!: RoleEntity[];

  @ManyToMany(() => RuleEntity)
  @JoinTable({
    name: 'user_rule',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'rule_id' },
  })
  rules!: RuleEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
