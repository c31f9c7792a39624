import { Controller } from '@nestjs/common';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { contract } from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/caller.decorator';
import { CollaborationsService } from './collaborations.service';
import { StudiesService } from './studies.service';

@Controller()
export class CollaborationsController {
  constructor(
    private readonly collaborations: CollaborationsService,
    private readonly studies: StudiesService,
  ) {}

  @TsRestHandler(contract.collaborations)
  handleCollaborations(@CurrentCaller() caller: Caller | undefined) {
    const s = this.collaborations;
    return tsRestHandler(contract.collaborations, {
      list: async ({ query }) => ({ status: 200, body: await s.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await s.create(caller, body) }),
      get: async ({ params }) => ({ status: 200, body: await s.get(caller, params.id) }),
      update: async ({ params, body }) => ({
        status: 200,
        body: await s.update(caller, params.id, body),
      }),
      remove: async ({ params }) => {
        await s.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
      addOrganization: async ({ params, body }) => ({
        status: 200,
        body: await s.addOrganization(caller, params.id, body.id),
      }),
      removeOrganization: async ({ params }) => ({
        status: 200,
        body: await s.removeOrganization(caller, params.id, params.organizationId),
      }),
    });
  }

  @TsRestHandler(contract.studies)
  handleStudies(@CurrentCaller() caller: Caller | undefined) {
    const s = this.studies;
    return tsRestHandler(contract.studies, {
      list: async ({ query }) => ({ status: 200, body: await s.list(caller, query) }),
      create: async ({ body }) => ({ status: 201, body: await s.create(caller, body) }),
      get: async ({ params }) => ({ status: 200, body: await s.get(caller, params.id) }),
      remove: async ({ params }) => {
        await s.remove(caller, params.id);
        return { status: 204, body: undefined };
      },
    });
  }
}
