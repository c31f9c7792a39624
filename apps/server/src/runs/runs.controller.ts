import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { toResult, toRun } from './run.mapper';
import { RunsService } from './runs.service';

@Controller()
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @TsRestHandler(contract.runs)
  handleRuns(@CurrentCaller() caller: Caller | undefined) {
    const s = this.runs;
    return tsRestHandler(contract.runs, {
      list: async ({ query }) => ({ status: 200, body: await s.list(caller, query) }),
      get: async ({ params }) => ({ status: 200, body: toRun(await s.get(caller, params.id)) }),
      claim: async ({ params }) => ({ status: 200, body: await s.claim(caller, params.id) }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await s.update(caller, params.id, body),
      }),
      submitResult: async ({ params, body }) => ({
        status: 200,
        body: await s.submitResult(caller, params.id, body),
      }),
    });
  }

  @TsRestHandler(contract.results)
  handleResults(@CurrentCaller() caller: Caller | undefined) {
    const s = this.runs;
    return tsRestHandler(contract.results, {
      list: async ({ query }) => ({ status: 200, body: await s.results(caller, query) }),
      get: async ({ params }) => ({ status: 200, body: toResult(await s.get(caller, params.id)) }),
    });
  }
}
