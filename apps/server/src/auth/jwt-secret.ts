import type { DataSource } from 'typeorm';
import { randomToken } from '../common/secrets';
import { ServerSecretEntity } from '../database/server-secret.entity';

/**
 * The JWT signing key: JWT_SECRET when set, else one generated on first start and kept in the
 * database, so tokens survive restarts and are valid on every instance (unlike a per-process key).
 */
export async function loadJwtSecret(db: DataSource, configured?: string): Promise<string> {
  if (configured) return configured;
  const secrets = db.getRepository(ServerSecretEntity);
  await secrets
    .createQueryBuilder()
    .insert()
    .values({ name: 'jwt', value: randomToken(48) })
    .orIgnore()
    .execute();
  const row = await secrets.findOneByOrFail({ name: 'jwt' });
  return row.value;
}
