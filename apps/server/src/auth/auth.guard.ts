import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import type { Caller } from './caller';
import { CallerResolver } from './caller.resolver';

export type AuthedRequest = Request & { caller?: Caller };

/** Authenticates a bearer token when one is sent; routes decide whether they need a caller. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly resolver: CallerResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    if (!header) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Authorization header must be "Bearer <token>"');
    request.caller = await this.resolver.resolve(match[1]!);
    return true;
  }
}
