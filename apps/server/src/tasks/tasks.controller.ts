import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { TasksService } from './tasks.service';

@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @TsRestHandler(contract.tasks)
  handle(@CurrentCaller() caller: Caller | undefined) {
    const s = this.tasks;
    return tsRestHandler(contract.tasks, {
      list: async ({ query }) => ({ status: 200, body: await s.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await s.create(caller, body) }),
      get: async ({ params }) => ({ status: 200, body: await s.get(caller, params.id) }),
      results: async ({ params }) => ({ status: 200, body: await s.results(caller, params.id) }),
      kill: async ({ params }) => ({ status: 200, body: await s.kill(caller, params.id) }),
      killCompat: async ({ body }) => ({ status: 200, body: await s.kill(caller, body.id) }),
      remove: async ({ params }) => {
        await s.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
    });
  }
}
