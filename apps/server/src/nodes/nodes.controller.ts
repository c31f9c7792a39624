import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { NodesService } from './nodes.service';

@Controller()
export class NodesController {
  constructor(private readonly nodes: NodesService) {}

  @TsRestHandler(contract.nodes)
  handle(@CurrentCaller() caller: Caller | undefined) {
    const s = this.nodes;
    return tsRestHandler(contract.nodes, {
      list: async ({ query }) => ({ status: 200, body: await s.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await s.create(caller, body) }),
      get: async ({ params }) => ({ status: 200, body: await s.get(caller, params.id) }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await s.update(caller, params.id, body.name),
      }),
      remove: async ({ params }) => {
        await s.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
      resetApiKey: async ({ params }) => ({
        status: 200,
        body: await s.resetApiKey(caller, params.id),
      }),
    });
  }
}
