import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @TsRestHandler(contract.users)
  handle(@CurrentCaller() caller: Caller | undefined) {
    return tsRestHandler(contract.users, {
      list: async ({ query }) => ({ status: 200, body: await this.users.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await this.users.create(caller, body) }),
      me: async () => ({ status: 200, body: await this.users.me(caller) }),
      permissions: async () => ({ status: 200, body: this.users.permissions(caller) }),
      get: async ({ params }) => ({ status: 200, body: await this.users.get(caller, params.id) }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await this.users.update(caller, params.id, body),
      }),
      remove: async ({ params }) => {
        await this.users.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
    });
  }
}
