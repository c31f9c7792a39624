import { CollaborationEntity } from './collaboration.entity';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';

@Entity('study')
export class StudyEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Index()
  @Column({ type: 'int' })
  collaborationId!: number;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collaborationId' })
  collaboration?: CollaborationEntity;

  @ManyToMany(() => OrganizationEntity)
  @JoinTable({
    name: 'study_member',
    joinColumn: { name: 'study_id' },
    inverseJoinColumn: { name: 'organization_id' },
  })
  organizations!: OrganizationEntity[];
}
