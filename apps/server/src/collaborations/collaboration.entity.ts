import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';

@Entity('collaboration')
export class CollaborationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'boolean', default: false })
  encrypted!: boolean;

  @ManyToMany(() => OrganizationEntity)
  @JoinTable({
    name: 'collaboration_member',
    joinColumn: { name: 'collaboration_id' },
    inverseJoinColumn: { name: 'organization_id' },
  })
  organizations!: OrganizationEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
