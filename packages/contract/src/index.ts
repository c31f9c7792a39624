import { API_PREFIX, c } from './common/api';
import { tokenContract } from './auth/token.contract';
import { collaborationsContract, studiesContract } from './collaborations/collaborations.contract';
import { healthContract } from './health/health.contract';
import { nodesContract } from './nodes/nodes.contract';
import { organizationsContract } from './organizations/organizations.contract';
import { rolesContract, rulesContract } from './roles/roles.contract';
import { resultsContract, runsContract } from './runs/runs.contract';
import { tasksContract } from './tasks/tasks.contract';
import { usersContract } from './users/users.contract';

export const contract = c.router(
  {
    token: tokenContract,
    users: usersContract,
    organizations: organizationsContract,
    collaborations: collaborationsContract,
    studies: studiesContract,
    nodes: nodesContract,
    tasks: tasksContract,
    runs: runsContract,
    results: resultsContract,
    roles: rolesContract,
    rules: rulesContract,
    health: healthContract,
  },
  { pathPrefix: API_PREFIX, strictStatusCodes: true },
);
export type Contract = typeof contract;

export { API_PREFIX } from './common/api';
export * from './common/error';
export * from './common/pagination';
export * from './auth/token.schema';
export * from './users/users.schema';
export * from './organizations/organizations.schema';
export * from './collaborations/collaborations.schema';
export * from './nodes/nodes.schema';
export * from './nodes/node-config.schema';
export * from './tasks/tasks.schema';
export * from './runs/runs.schema';
export * from './roles/roles.schema';
export * from './health/health.contract';
export * from './algorithm/algorithm.schema';
export * from './realtime/events';
