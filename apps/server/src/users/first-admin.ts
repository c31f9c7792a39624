import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { PasswordSchema } from '@federa/contract';
import { hashPassword } from '../auth/passwords';
import { OrganizationEntity } from '../organizations/organization.entity';
import { RoleEntity } from '../roles/role.entity';
import { UserEntity } from './user.entity';

export const ROOT_ORGANIZATION = 'root';

/**
 * Creates an administrator with the Root role in the `root` organization, unless the username
 * exists. There is no built-in default password: the caller supplies one that meets the policy.
 */
export async function createAdmin(
  db: DataSource,
  username: string,
  password: string,
): Promise<{ created: boolean; userId: number }> {
  const policy = PasswordSchema.safeParse(password);
  if (!policy.success) throw new Error(policy.error.issues[0]?.message ?? 'weak password');
  const users = db.getRepository(UserEntity);
  const existing = await users.findOneBy({ username });
  if (existing) return { created: false, userId: existing.id };
  const orgs = db.getRepository(OrganizationEntity);
  await orgs.createQueryBuilder().insert().values({ name: ROOT_ORGANIZATION }).orIgnore().execute();
  const org = await orgs.findOneByOrFail({ name: ROOT_ORGANIZATION });
  const root = await db
    .getRepository(RoleEntity)
    .findOneByOrFail({ name: 'Root', organizationId: IsNull() });
  const user = await users.save(
    users.create({
      username,
      passwordHash: await hashPassword(password),
      organizationId: org.id,
      roles: [root],
      rules: [],
    }),
  );
  return { created: true, userId: user.id };
}
