import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { RolesService } from './roles.service';

@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @TsRestHandler(contract.rules)
  handleRules(@CurrentCaller() caller: Caller | undefined) {
    return tsRestHandler(contract.rules, {
      list: async ({ query }) => ({ status: 200, body: await this.roles.rules(caller, query) }),
    });
  }

  @TsRestHandler(contract.roles)
  handleRoles(@CurrentCaller() caller: Caller | undefined) {
    return tsRestHandler(contract.roles, {
      list: async ({ query }) => ({ status: 200, body: await this.roles.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await this.roles.create(caller, body) }),
      get: async ({ params }) => ({ status: 200, body: await this.roles.get(caller, params.id) }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await this.roles.update(caller, params.id, body),
      }),
      remove: async ({ params }) => {
        await this.roles.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
    });
  }
}
