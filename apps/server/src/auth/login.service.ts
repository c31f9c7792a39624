import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NodeToken, UserToken } from '@federa/contract';
import { API_PREFIX } from '@federa/contract';
import { AppError } from '../common/app-error';
import { parseCredential, sameHash, sha256 } from '../common/secrets';
import { CONFIG, type Config } from '../config/config';
import { NodeEntity } from '../nodes/node.entity';
import { UserEntity } from '../users/user.entity';
import { decoyHash, verifyPassword } from './passwords';
import { TokensService } from './tokens.service';

export const NODE_KEY_PREFIX = 'fedn';

/** Logs users in (with lockout after repeated failures) and nodes (with their API key). */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokensService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async user(username: string, password: string): Promise<UserToken> {
    const users = this.db.getRepository(UserEntity);
    const user = await users.findOneBy({ username });
    if (!user) {
      await verifyPassword(await decoyHash(), password);
      throw this.wrongCredentials();
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new AppError(
        'account_locked',
        `too many failed logins; account locked for ${minutes} more minute(s)`,
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      // Counted in SQL so concurrent guesses cannot race past the limit.
      await users
        .createQueryBuilder()
        .update()
        .set({
          failedLogins: () => '"failedLogins" + 1',
          lockedUntil: () =>
            `CASE WHEN "failedLogins" + 1 >= ${this.config.LOCKOUT_ATTEMPTS} ` +
            `THEN now() + interval '${this.config.LOCKOUT_SECONDS} seconds' ELSE NULL END`,
        })
        .where({ id: user.id })
        .execute();
      throw this.wrongCredentials();
    }
    await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null, lastSeenAt: now });
    const pair = await this.tokens.issuePair('user', user.id);
    return { ...pair, user_url: `${API_PREFIX}/user/${user.id}` };
  }

  async node(apiKey: string): Promise<NodeToken> {
    const parsed = parseCredential(NODE_KEY_PREFIX, apiKey);
    const node = parsed
      ? await this.db.getRepository(NodeEntity).findOneBy({ apiKeyId: parsed.id })
      : null;
    if (!parsed || !node || !sameHash(node.apiKeyHash, sha256(parsed.secret))) {
      throw new AppError('unauthorized', 'unknown API key');
    }
    const pair = await this.tokens.issuePair('node', node.id);
    return { ...pair, node_url: `${API_PREFIX}/node/${node.id}` };
  }

  private wrongCredentials(): AppError {
    return new AppError('invalid_credentials', 'username/password combination unknown');
  }
}
