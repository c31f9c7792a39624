import { CollaborationEntity } from '../collaborations/collaboration.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { NodeStatus } from '@federa/contract';

@Entity('node')
@Unique(['organizationId', 'collaborationId'])
export class NodeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Index()
  @Column({ type: 'int' })
  organizationId!: number;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organizationId' })
  organization?: OrganizationEntity;

  @Index()
  @Column({ type: 'int' })
  collaborationId!: number;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collaborationId' })
  collaboration?: CollaborationEntity;

  /** Public part of the API key, so login finds the node with one lookup, not a hash per node. */
  @Column({ type: 'varchar', length: 32, unique: true })
  apiKeyId!: string;

  /** SHA-256 of the key's secret part: the secret is 256 random bits, so a fast hash suffices. */
  @Column({ type: 'varchar', length: 64 })
  apiKeyHash!: string;

  @Column({ type: 'varchar', length: 16, default: 'offline' })
  status!: NodeStatus;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;
}
