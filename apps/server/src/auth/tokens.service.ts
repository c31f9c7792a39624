import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull, Not } from 'typeorm';
import type { IdentityKind, TokenPair } from '@federa/contract';
import { AppError } from '../common/app-error';
import { newCredential, parseCredential, randomToken, sameHash, sha256 } from '../common/secrets';
import { CallerCache } from './caller-cache';
import { CONFIG, type Config } from '../config/config';
import { RefreshTokenEntity } from './session.entity';

const REFRESH_PREFIX = 'fedr';

/** Claims of an access token. Refresh tokens are opaque and never pass as access tokens. */
export interface AccessClaims {
  sub: string;
  kind: IdentityKind;
  typ: 'access';
  /** container tokens: the run they belong to */
  run?: number;
  /** user and node tokens: the login (refresh token family) they belong to */
  sid?: string;
  /** expiry, seconds since the epoch (set by the signer) */
  exp?: number;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: Config,
    private readonly callers: CallerCache,
  ) {}

  signAccess(
    kind: IdentityKind,
    subjectId: number,
    ttl: number,
    scope: { run?: number; sid?: string } = {},
  ): string {
    const claims: AccessClaims = { sub: String(subjectId), kind, typ: 'access', ...scope };
    return this.jwt.sign(claims, { expiresIn: ttl });
  }

  /** Verifies an access token; expired, tampered or foreign tokens are 401s. */
  verifyAccess(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<AccessClaims>(token);
      if (claims.typ !== 'access') throw new Error('not an access token');
      return claims;
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw new AppError('token_expired', 'access token expired; refresh it or log in again');
      }
      throw new AppError('unauthorized', 'invalid access token');
    }
  }

  /** A new login: access token plus the first refresh token of a new family. */
  async issuePair(kind: IdentityKind, subjectId: number): Promise<TokenPair> {
    return this.pair(kind, subjectId, randomToken(18));
  }

  /** Rotates a refresh token. Reusing a rotated token revokes its whole family (theft). */
  async refresh(token: string): Promise<TokenPair> {
    const row = await this.find(token);
    const now = new Date();
    if (row.usedAt || row.revokedAt) {
      await this.revokeFamily(row.familyId);
      throw new AppError('unauthorized', 'refresh token already used; log in again');
    }
    if (row.expiresAt <= now) throw new AppError('token_expired', 'refresh token expired');
    const claimed = await this.db
      .getRepository(RefreshTokenEntity)
      .update({ id: row.id, usedAt: IsNull() }, { usedAt: now });
    if (!claimed.affected) throw new AppError('unauthorized', 'refresh token already used');
    return this.pair(row.subjectKind, row.subjectId, row.familyId);
  }

  async revoke(token: string): Promise<void> {
    const row = await this.find(token);
    await this.revokeFamily(row.familyId);
  }

  /** Ends every session of a subject (password change, node key reset, deletion). */
  async revokeAll(kind: IdentityKind, subjectId: number): Promise<void> {
    await this.db
      .getRepository(RefreshTokenEntity)
      .update({ subjectKind: kind, subjectId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.callers.invalidate();
  }

  /** True when the login an access token belongs to was revoked (logout, password change). */
  async isRevoked(sid: string): Promise<boolean> {
    return this.db
      .getRepository(RefreshTokenEntity)
      .exists({ where: { familyId: sid, revokedAt: Not(IsNull()) } });
  }

  private async find(token: string): Promise<RefreshTokenEntity> {
    const parsed = parseCredential(REFRESH_PREFIX, token);
    const row = parsed
      ? await this.db.getRepository(RefreshTokenEntity).findOneBy({ id: parsed.id })
      : null;
    if (!parsed || !row || !sameHash(row.secretHash, sha256(parsed.secret))) {
      throw new AppError('unauthorized', 'invalid refresh token');
    }
    return row;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.callers.invalidate();
  }

  private async pair(kind: IdentityKind, subjectId: number, familyId: string): Promise<TokenPair> {
    const credential = newCredential(REFRESH_PREFIX);
    await this.db.getRepository(RefreshTokenEntity).insert({
      id: credential.id,
      familyId,
      subjectKind: kind,
      subjectId,
      secretHash: sha256(credential.secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL * 1000),
    });
    const ttl = this.config.ACCESS_TOKEN_TTL;
    return {
      access_token: this.signAccess(kind, subjectId, ttl, { sid: familyId }),
      refresh_token: credential.token,
      expires_in: ttl,
    };
  }
}
