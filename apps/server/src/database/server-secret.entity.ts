import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Secrets generated once and shared by every server instance (e.g. the JWT signing key). */
@Entity('server_secret')
export class ServerSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;
}
