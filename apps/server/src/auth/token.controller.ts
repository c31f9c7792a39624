import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import { RunsService } from '../runs/runs.service';
import type { Caller } from './caller';
import { CurrentCaller } from './caller.decorator';
import { LoginService } from './login.service';
import { TokensService } from './tokens.service';

@Controller()
export class TokenController {
  constructor(
    private readonly login: LoginService,
    private readonly tokens: TokensService,
    private readonly runs: RunsService,
  ) {}

  @TsRestHandler(contract.token)
  handle(@CurrentCaller() caller: Caller | undefined) {
    return tsRestHandler(contract.token, {
      user: async ({ body }) => ({
        status: 200,
        body: await this.login.user(body.username, body.password),
      }),
      node: async ({ body }) => ({ status: 200, body: await this.login.node(body.api_key) }),
      container: async ({ body }) => ({
        status: 200,
        body: await this.runs.containerToken(caller, body.run_id),
      }),
      refresh: async ({ body }) => ({
        status: 200,
        body: await this.tokens.refresh(body.refresh_token),
      }),
      revoke: async ({ body }) => {
        await this.tokens.revoke(body.refresh_token);
        return { status: 204, body: undefined };
      },
    });
  }
}
