import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @TsRestHandler(contract.organizations)
  handle(@CurrentCaller() caller: Caller | undefined) {
    return tsRestHandler(contract.organizations, {
      list: async ({ query }) => ({
        status: 200,
        body: await this.organizations.list(caller, query),
      }),
      create: async ({ body }) => ({
        status: 201,
        body: await this.organizations.create(caller, body),
      }),
      get: async ({ params }) => ({
        status: 200,
        body: await this.organizations.get(caller, params.id),
      }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await this.organizations.update(caller, params.id, body),
      }),
      remove: async ({ params }) => {
        await this.organizations.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
    });
  }
}
