import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IdentityKind } from '@federa/contract';

/**
 * One refresh token. Tokens of one login form a family: using a token retires it and issues
 * the next; presenting a retired token again means it was stolen, so the whole family is revoked.
 */
@Entity('refresh_token')
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  familyId!: string;

  @Column({ type: 'varchar', length: 16 })
  subjectKind!: IdentityKind;

  @Column({ type: 'int' })
  subjectId!: number;

  /** SHA-256 of the token's secret part. */
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
