import { ok } from '@federa/client';
import { exportPublicKeyPem, generateKeyPair } from '@federa/crypto';
import type { Operation, Resource, Scope } from '@federa/contract';
import { createNetwork, type Network, unique } from '../utils/network';
import { client, startTestServer, type TestServer } from '../utils/server';
import {
  type Actor,
  createTask,
  createUser,
  expectErrorBody,
  expectNothingWritten,
  runOf,
  startContainer,
} from './support';

/**
 * Who may do what, checked through the API: for every resource and operation one caller that
 * is allowed and one that is refused (403, or 401 without a token); refused calls write nothing.
 */

let server: TestServer;
let net: Network;
let viewerA: Actor;
let adminA: Actor;
let collabAdminA: Actor;
let ruleIds: Map<string, number>;
let publicKeyPem: string;

const anonymous = () => client(server);
const ruleId = (resource: Resource, operation: Operation, scope: Scope) =>
  ruleIds.get(`${resource}:${operation}:${scope}`)!;

// ---- fixtures: each test makes the things it changes ---------------------------------------

const freshOrg = async () =>
  ok(await net.root.api.organizations.create({ body: { name: unique('org') } }));

const freshCollab = async (organization_ids: number[]) =>
  ok(
    await net.root.api.collaborations.create({
      body: { name: unique('collab'), organization_ids },
    }),
  );

const freshStudy = async (organization_ids = [net.orgs.a.id]) =>
  ok(
    await net.root.api.studies.create({
      body: { name: unique('study'), collaboration_id: net.collaboration.id, organization_ids },
    }),
  );

const freshUser = async (organizationId = net.orgs.a.id) =>
  createUser(server, net, organizationId, ['Viewer']);

const freshRole = async (organization_id = net.orgs.a.id) =>
  ok(
    await net.root.api.roles.create({
      body: {
        name: unique('role'),
        organization_id,
        rules: [ruleId('user', 'view', 'organization')],
      },
    }),
  );

/** A node of org A in a collaboration of its own, so renaming or deleting it harms nobody. */
const freshNodeOfA = async () => {
  const collab = await freshCollab([net.orgs.a.id]);
  return ok(
    await net.root.api.nodes.create({
      body: { collaboration_id: collab.id, organization_id: net.orgs.a.id },
    }),
  );
};

/** A task with a pending run per organization, and the run of org A and of org B. */
const freshRuns = async () => {
  const task = await createTask(net);
  return { task, runA: await runOf(net.nodeA, task.id), runB: await runOf(net.nodeB, task.id) };
};

/** Node A claimed its run of a fresh task. */
const claimedRunOfA = async () => {
  const runs = await freshRuns();
  ok(await net.nodeA.api.runs.claim({ params: { id: runs.runA.id }, body: {} }));
  return runs;
};

/** A task whose runs were all killed, so it may be deleted. */
const finishedTask = async () => {
  const task = await createTask(net);
  ok(await net.researcherA.api.tasks.kill({ params: { id: task.id }, body: {} }));
  return task;
};

// ---- the matrix ------------------------------------------------------------------------------

type Response = { status: number; body: unknown };

interface Row {
  name: string;
  allowedBy: string;
  refusedBy: string;
  refusedStatus: 401 | 403;
  allowedStatus: number;
  run(side: 'allowed' | 'refused'): Promise<Response>;
}

/** One line of the matrix; `setup` runs before each side, so both start from fresh state. */
function row<C>(def: {
  name: string;
  setup?: () => Promise<C>;
  allowed: [by: string, status: number, call: (ctx: C) => Promise<Response>];
  refused: [by: string, status: 401 | 403, call: (ctx: C) => Promise<Response>];
}): Row {
  return {
    name: def.name,
    allowedBy: def.allowed[0],
    allowedStatus: def.allowed[1],
    refusedBy: def.refused[0],
    refusedStatus: def.refused[1],
    run: async (side) => {
      const ctx = (await def.setup?.()) as C;
      if (side === 'allowed') return def.allowed[2](ctx);
      return expectNothingWritten(server.db, () => def.refused[2](ctx));
    },
  };
}

const rows: Row[] = [
  // organizations
  row({
    name: 'organizations: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.organizations.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().organizations.list({ query: {} })],
  }),
  row({
    name: 'organizations: create',
    allowed: [
      'root',
      201,
      () => net.root.api.organizations.create({ body: { name: unique('o') } }),
    ],
    refused: [
      'researcherA',
      403,
      () => net.researcherA.api.organizations.create({ body: { name: unique('o') } }),
    ],
  }),
  row({
    name: 'organizations: view a partner',
    allowed: [
      'researcherA',
      200,
      () => net.researcherA.api.organizations.get({ params: { id: net.orgs.b.id } }),
    ],
    refused: [
      'researcherC',
      403,
      () => net.researcherC.api.organizations.get({ params: { id: net.orgs.a.id } }),
    ],
  }),
  row({
    name: 'organizations: edit',
    allowed: [
      'adminA (own organization)',
      200,
      () =>
        adminA.api.organizations.update({
          params: { id: net.orgs.a.id },
          body: { address: unique('street') },
        }),
    ],
    refused: [
      'adminA (organization B)',
      403,
      () =>
        adminA.api.organizations.update({
          params: { id: net.orgs.b.id },
          body: { address: unique('street') },
        }),
    ],
  }),
  row({
    name: 'organizations: a node publishes a public key',
    allowed: [
      'nodeA (own organization)',
      200,
      () =>
        net.nodeA.api.organizations.update({
          params: { id: net.orgs.a.id },
          body: { public_key: publicKeyPem },
        }),
    ],
    refused: [
      'nodeA (organization B)',
      403,
      () =>
        net.nodeA.api.organizations.update({
          params: { id: net.orgs.b.id },
          body: { public_key: publicKeyPem },
        }),
    ],
  }),
  row({
    name: 'organizations: delete',
    setup: freshOrg,
    allowed: ['root', 204, (org) => net.root.api.organizations.remove({ params: { id: org.id } })],
    refused: ['adminA', 403, (org) => adminA.api.organizations.remove({ params: { id: org.id } })],
  }),

  // collaborations and their members
  row({
    name: 'collaborations: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.collaborations.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().collaborations.list({ query: {} })],
  }),
  row({
    name: 'collaborations: create',
    allowed: [
      'root',
      201,
      () =>
        net.root.api.collaborations.create({ body: { name: unique('c'), organization_ids: [] } }),
    ],
    refused: [
      'researcherA',
      403,
      () =>
        net.researcherA.api.collaborations.create({
          body: { name: unique('c'), organization_ids: [net.orgs.a.id] },
        }),
    ],
  }),
  row({
    name: 'collaborations: view',
    allowed: [
      'researcherA (member)',
      200,
      () => net.researcherA.api.collaborations.get({ params: { id: net.collaboration.id } }),
    ],
    refused: [
      'researcherC (outsider)',
      403,
      () => net.researcherC.api.collaborations.get({ params: { id: net.collaboration.id } }),
    ],
  }),
  row({
    name: 'collaborations: rename',
    setup: () => freshCollab([net.orgs.a.id]),
    allowed: [
      'collabAdminA (member)',
      200,
      (c) =>
        collabAdminA.api.collaborations.update({
          params: { id: c.id },
          body: { name: unique('c') },
        }),
    ],
    refused: [
      'researcherA (member)',
      403,
      (c) =>
        net.researcherA.api.collaborations.update({
          params: { id: c.id },
          body: { name: unique('c') },
        }),
    ],
  }),
  row({
    name: 'collaborations: change members by PATCH',
    setup: async () => ({ collab: await freshCollab([net.orgs.a.id]), org: await freshOrg() }),
    allowed: [
      'root',
      200,
      ({ collab, org }) =>
        net.root.api.collaborations.update({
          params: { id: collab.id },
          body: { organization_ids: [net.orgs.a.id, org.id] },
        }),
    ],
    refused: [
      'collabAdminA (collaboration scope only)',
      403,
      ({ collab, org }) =>
        collabAdminA.api.collaborations.update({
          params: { id: collab.id },
          body: { organization_ids: [net.orgs.a.id, org.id] },
        }),
    ],
  }),
  row({
    name: 'collaborations: add a member',
    setup: async () => ({ collab: await freshCollab([net.orgs.a.id]), org: await freshOrg() }),
    allowed: [
      'root',
      200,
      ({ collab, org }) =>
        net.root.api.collaborations.addOrganization({
          params: { id: collab.id },
          body: { id: org.id },
        }),
    ],
    refused: [
      'collabAdminA (collaboration scope only)',
      403,
      ({ collab, org }) =>
        collabAdminA.api.collaborations.addOrganization({
          params: { id: collab.id },
          body: { id: org.id },
        }),
    ],
  }),
  row({
    name: 'collaborations: remove a member',
    setup: () => freshCollab([net.orgs.a.id, net.orgs.b.id]),
    allowed: [
      'root',
      200,
      (c) =>
        net.root.api.collaborations.removeOrganization({
          params: { id: c.id, organizationId: net.orgs.b.id },
        }),
    ],
    refused: [
      'collabAdminA (collaboration scope only)',
      403,
      (c) =>
        collabAdminA.api.collaborations.removeOrganization({
          params: { id: c.id, organizationId: net.orgs.b.id },
        }),
    ],
  }),
  row({
    name: 'collaborations: delete',
    setup: () => freshCollab([net.orgs.a.id]),
    allowed: ['root', 204, (c) => net.root.api.collaborations.remove({ params: { id: c.id } })],
    refused: [
      'collabAdminA (member, no delete rule)',
      403,
      (c) => collabAdminA.api.collaborations.remove({ params: { id: c.id } }),
    ],
  }),

  // studies
  row({
    name: 'studies: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.studies.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().studies.list({ query: {} })],
  }),
  row({
    name: 'studies: create',
    allowed: [
      'collabAdminA',
      201,
      () =>
        collabAdminA.api.studies.create({
          body: {
            name: unique('s'),
            collaboration_id: net.collaboration.id,
            organization_ids: [net.orgs.a.id],
          },
        }),
    ],
    refused: [
      'researcherA',
      403,
      () =>
        net.researcherA.api.studies.create({
          body: {
            name: unique('s'),
            collaboration_id: net.collaboration.id,
            organization_ids: [net.orgs.a.id],
          },
        }),
    ],
  }),
  row({
    name: 'studies: view',
    setup: () => freshStudy(),
    allowed: ['researcherA', 200, (s) => net.researcherA.api.studies.get({ params: { id: s.id } })],
    refused: ['researcherC', 403, (s) => net.researcherC.api.studies.get({ params: { id: s.id } })],
  }),
  row({
    name: 'studies: delete',
    setup: () => freshStudy(),
    allowed: [
      'collabAdminA',
      204,
      (s) => collabAdminA.api.studies.remove({ params: { id: s.id } }),
    ],
    refused: [
      'researcherA',
      403,
      (s) => net.researcherA.api.studies.remove({ params: { id: s.id } }),
    ],
  }),

  // users
  row({
    name: 'users: list',
    allowed: ['adminA', 200, () => adminA.api.users.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().users.list({ query: {} })],
  }),
  row({
    name: 'users: create',
    allowed: [
      'adminA (in organization A)',
      201,
      () =>
        adminA.api.users.create({
          body: {
            username: unique('made-by-admin'),
            password: 'Research!1',
            organization_id: net.orgs.a.id,
            roles: [net.roleId('Viewer')],
          },
        }),
    ],
    refused: [
      'adminA (in organization B)',
      403,
      () =>
        adminA.api.users.create({
          body: {
            username: unique('made-by-admin'),
            password: 'Research!1',
            organization_id: net.orgs.b.id,
            roles: [net.roleId('Viewer')],
          },
        }),
    ],
  }),
  row({
    name: 'users: view',
    allowed: ['adminA', 200, () => adminA.api.users.get({ params: { id: viewerA.id } })],
    refused: [
      'researcherC',
      403,
      () => net.researcherC.api.users.get({ params: { id: viewerA.id } }),
    ],
  }),
  row({
    name: 'users: me',
    allowed: ['researcherA', 200, () => net.researcherA.api.users.me()],
    refused: ['nodeA', 403, () => net.nodeA.api.users.me()],
  }),
  row({
    name: 'users: edit',
    setup: () => freshUser(),
    allowed: [
      'adminA',
      200,
      (u) => adminA.api.users.update({ params: { id: u.id }, body: { firstname: 'Ada' } }),
    ],
    refused: [
      'researcherA (same organization)',
      403,
      (u) => net.researcherA.api.users.update({ params: { id: u.id }, body: { firstname: 'Eve' } }),
    ],
  }),
  row({
    name: 'users: delete',
    setup: () => freshUser(),
    allowed: ['adminA', 204, (u) => adminA.api.users.remove({ params: { id: u.id } })],
    refused: [
      'researcherC',
      403,
      (u) => net.researcherC.api.users.remove({ params: { id: u.id } }),
    ],
  }),

  // roles and rules
  row({
    name: 'roles: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.roles.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().roles.list({ query: {} })],
  }),
  row({
    name: 'roles: create',
    allowed: [
      'adminA',
      201,
      () =>
        adminA.api.roles.create({
          body: { name: unique('r'), rules: [ruleId('user', 'view', 'organization')] },
        }),
    ],
    refused: [
      'researcherA',
      403,
      () =>
        net.researcherA.api.roles.create({
          body: { name: unique('r'), rules: [ruleId('user', 'view', 'organization')] },
        }),
    ],
  }),
  row({
    name: 'roles: view',
    setup: () => freshRole(),
    allowed: ['researcherA', 200, (r) => net.researcherA.api.roles.get({ params: { id: r.id } })],
    refused: ['researcherC', 403, (r) => net.researcherC.api.roles.get({ params: { id: r.id } })],
  }),
  row({
    name: 'roles: edit',
    setup: () => freshRole(),
    allowed: [
      'adminA',
      200,
      (r) => adminA.api.roles.update({ params: { id: r.id }, body: { description: 'edited' } }),
    ],
    refused: [
      'researcherA',
      403,
      (r) => net.researcherA.api.roles.update({ params: { id: r.id }, body: { description: 'x' } }),
    ],
  }),
  row({
    name: 'roles: delete',
    setup: () => freshRole(),
    allowed: ['adminA', 204, (r) => adminA.api.roles.remove({ params: { id: r.id } })],
    refused: [
      'researcherA',
      403,
      (r) => net.researcherA.api.roles.remove({ params: { id: r.id } }),
    ],
  }),
  row({
    name: 'rules: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.rules.list({ query: {} })],
    refused: ['nodeA', 403, () => net.nodeA.api.rules.list({ query: {} })],
  }),

  // nodes
  row({
    name: 'nodes: list',
    allowed: ['researcherA', 200, () => net.researcherA.api.nodes.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().nodes.list({ query: {} })],
  }),
  row({
    name: 'nodes: create',
    setup: () => freshCollab([net.orgs.a.id]),
    allowed: ['adminA', 201, (c) => adminA.api.nodes.create({ body: { collaboration_id: c.id } })],
    refused: [
      'researcherA',
      403,
      (c) => net.researcherA.api.nodes.create({ body: { collaboration_id: c.id } }),
    ],
  }),
  row({
    name: 'nodes: view',
    allowed: [
      'researcherA',
      200,
      () => net.researcherA.api.nodes.get({ params: { id: net.nodeB.id } }),
    ],
    refused: [
      'researcherC',
      403,
      () => net.researcherC.api.nodes.get({ params: { id: net.nodeB.id } }),
    ],
  }),
  row({
    name: 'nodes: rename',
    setup: freshNodeOfA,
    allowed: [
      'adminA',
      200,
      (n) => adminA.api.nodes.update({ params: { id: n.id }, body: { name: unique('node') } }),
    ],
    refused: [
      'researcherA',
      403,
      (n) =>
        net.researcherA.api.nodes.update({ params: { id: n.id }, body: { name: unique('node') } }),
    ],
  }),
  row({
    name: 'nodes: delete',
    setup: freshNodeOfA,
    allowed: ['collabAdminA', 204, (n) => collabAdminA.api.nodes.remove({ params: { id: n.id } })],
    refused: [
      'adminA (no node delete rule)',
      403,
      (n) => adminA.api.nodes.remove({ params: { id: n.id } }),
    ],
  }),
  row({
    name: 'nodes: reset the API key',
    setup: freshNodeOfA,
    allowed: [
      'adminA',
      200,
      (n) => adminA.api.nodes.resetApiKey({ params: { id: n.id }, body: {} }),
    ],
    refused: [
      'adminA (node of organization B)',
      403,
      () => adminA.api.nodes.resetApiKey({ params: { id: net.nodeB.id }, body: {} }),
    ],
  }),

  // tasks
  row({
    name: 'tasks: create',
    allowed: [
      'researcherA',
      201,
      () =>
        net.researcherA.api.tasks.create({
          body: { name: unique('t'), image: 'img:1', collaboration_id: net.collaboration.id },
        }),
    ],
    refused: [
      'researcherC (organization outside the collaboration)',
      403,
      () =>
        net.researcherC.api.tasks.create({
          body: { name: unique('t'), image: 'img:1', collaboration_id: net.collaboration.id },
        }),
    ],
  }),
  row({
    name: 'tasks: create by a Viewer',
    allowed: [
      'researcherA',
      201,
      () =>
        net.researcherA.api.tasks.create({
          body: { name: unique('t'), image: 'img:1', collaboration_id: net.collaboration.id },
        }),
    ],
    refused: [
      'viewerA',
      403,
      () =>
        viewerA.api.tasks.create({
          body: { name: unique('t'), image: 'img:1', collaboration_id: net.collaboration.id },
        }),
    ],
  }),
  row({
    name: 'tasks: view',
    setup: () => createTask(net),
    allowed: ['viewerA', 200, (t) => viewerA.api.tasks.get({ params: { id: t.id } })],
    refused: ['researcherC', 403, (t) => net.researcherC.api.tasks.get({ params: { id: t.id } })],
  }),
  row({
    name: 'tasks: list',
    allowed: ['viewerA', 200, () => viewerA.api.tasks.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().tasks.list({ query: {} })],
  }),
  row({
    name: 'tasks: results',
    setup: () => createTask(net),
    allowed: [
      'researcherA',
      200,
      (t) => net.researcherA.api.tasks.results({ params: { id: t.id } }),
    ],
    refused: [
      'researcherC',
      403,
      (t) => net.researcherC.api.tasks.results({ params: { id: t.id } }),
    ],
  }),
  row({
    name: 'tasks: kill',
    setup: () => createTask(net),
    allowed: [
      'researcherA',
      200,
      (t) => net.researcherA.api.tasks.kill({ params: { id: t.id }, body: {} }),
    ],
    refused: ['viewerA', 403, (t) => viewerA.api.tasks.kill({ params: { id: t.id }, body: {} })],
  }),
  row({
    name: 'tasks: delete',
    setup: finishedTask,
    allowed: [
      'researcherA',
      204,
      (t) => net.researcherA.api.tasks.remove({ params: { id: t.id } }),
    ],
    refused: ['viewerA', 403, (t) => viewerA.api.tasks.remove({ params: { id: t.id } })],
  }),

  // runs
  row({
    name: 'runs: list',
    allowed: ['nodeA', 200, () => net.nodeA.api.runs.list({ query: {} })],
    refused: ['no token', 401, () => anonymous().runs.list({ query: {} })],
  }),
  row({
    name: 'runs: view',
    setup: freshRuns,
    allowed: [
      'nodeA (own run)',
      200,
      ({ runA }) => net.nodeA.api.runs.get({ params: { id: runA.id } }),
    ],
    refused: [
      "nodeA (organization B's run)",
      403,
      ({ runB }) => net.nodeA.api.runs.get({ params: { id: runB.id } }),
    ],
  }),
  row({
    name: 'runs: view a result',
    setup: freshRuns,
    allowed: [
      'researcherA',
      200,
      ({ runB }) => net.researcherA.api.results.get({ params: { id: runB.id } }),
    ],
    refused: [
      'researcherC',
      403,
      ({ runB }) => net.researcherC.api.results.get({ params: { id: runB.id } }),
    ],
  }),
  row({
    name: 'runs: claim',
    setup: freshRuns,
    allowed: [
      'nodeA (own run)',
      200,
      ({ runA }) => net.nodeA.api.runs.claim({ params: { id: runA.id }, body: {} }),
    ],
    refused: [
      "nodeA (organization B's run)",
      403,
      ({ runB }) => net.nodeA.api.runs.claim({ params: { id: runB.id }, body: {} }),
    ],
  }),
  row({
    name: 'runs: update',
    setup: claimedRunOfA,
    allowed: [
      'nodeA (own run)',
      200,
      ({ runA }) =>
        net.nodeA.api.runs.update({ params: { id: runA.id }, body: { status: 'active' } }),
    ],
    refused: [
      "nodeB (organization A's run)",
      403,
      ({ runA }) =>
        net.nodeB.api.runs.update({ params: { id: runA.id }, body: { status: 'active' } }),
    ],
  }),
  row({
    name: 'runs: submit a result',
    setup: claimedRunOfA,
    allowed: [
      'nodeA (own run)',
      200,
      ({ runA }) =>
        net.nodeA.api.runs.submitResult({
          params: { id: runA.id },
          body: { status: 'completed', result: '"a"' },
        }),
    ],
    refused: [
      "nodeB (organization A's run)",
      403,
      ({ runA }) =>
        net.nodeB.api.runs.submitResult({
          params: { id: runA.id },
          body: { status: 'completed', result: '"forged"' },
        }),
    ],
  }),
  row({
    name: 'runs: claim by a user',
    setup: freshRuns,
    allowed: [
      'nodeA',
      200,
      ({ runA }) => net.nodeA.api.runs.claim({ params: { id: runA.id }, body: {} }),
    ],
    refused: [
      'researcherA',
      403,
      ({ runA }) => net.researcherA.api.runs.claim({ params: { id: runA.id }, body: {} }),
    ],
  }),

  // container tokens
  row({
    name: 'token: container',
    setup: claimedRunOfA,
    allowed: [
      'nodeA (own claimed run)',
      200,
      ({ runA }) => net.nodeA.api.token.container({ body: { run_id: runA.id } }),
    ],
    refused: [
      "nodeB (organization A's run)",
      403,
      ({ runA }) => net.nodeB.api.token.container({ body: { run_id: runA.id } }),
    ],
  }),
  row({
    name: 'token: container for a user',
    setup: claimedRunOfA,
    allowed: [
      'nodeA',
      200,
      ({ runA }) => net.nodeA.api.token.container({ body: { run_id: runA.id } }),
    ],
    refused: [
      'researcherA',
      403,
      ({ runA }) => net.researcherA.api.token.container({ body: { run_id: runA.id } }),
    ],
  }),
  row({
    name: 'container: create a subtask',
    setup: async () =>
      startContainer(server, net.nodeA, (await createTask(net, unique('p'), 'algo:1')).id),
    allowed: [
      'its container (same image)',
      201,
      (container) =>
        container.api.tasks.create({
          body: { name: unique('sub'), image: 'algo:1', collaboration_id: net.collaboration.id },
        }),
    ],
    refused: [
      'its container (another image)',
      403,
      (container) =>
        container.api.tasks.create({
          body: { name: unique('sub'), image: 'evil:1', collaboration_id: net.collaboration.id },
        }),
    ],
  }),
  row({
    name: 'container: view a task',
    setup: async () => ({
      container: await startContainer(server, net.nodeA, (await createTask(net)).id),
      other: await createTask(net),
    }),
    allowed: [
      'its container (own task)',
      200,
      ({ container }) => container.api.tasks.get({ params: { id: container.run.task_id } }),
    ],
    refused: [
      'its container (another task)',
      403,
      ({ container, other }) => container.api.tasks.get({ params: { id: other.id } }),
    ],
  }),
];

beforeAll(async () => {
  publicKeyPem = await exportPublicKeyPem((await generateKeyPair()).publicKey);
  server = await startTestServer();
  net = await createNetwork(server);
  viewerA = await createUser(server, net, net.orgs.a.id, ['Viewer']);
  adminA = await createUser(server, net, net.orgs.a.id, ['Organization Admin']);
  collabAdminA = await createUser(server, net, net.orgs.a.id, ['Collaboration Admin']);
  const rules = ok(await net.root.api.rules.list({ query: { per_page: 500 } })).data;
  ruleIds = new Map(rules.map((r) => [`${r.resource}:${r.operation}:${r.scope}`, r.id]));
});
afterAll(() => server.stop());

describe.each(rows)('$name', (r) => {
  it(`allows ${r.allowedBy}`, async () => {
    const response = await r.run('allowed');
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: r.allowedStatus,
    });
  });

  it(`refuses ${r.refusedBy} with ${r.refusedStatus} and writes nothing`, async () => {
    const response = await r.run('refused');
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: r.refusedStatus,
      body: { error: r.refusedStatus === 401 ? 'unauthorized' : 'forbidden' },
    });
    expectErrorBody(response.body, r.refusedStatus);
  });
});

// ---- anti-escalation -----------------------------------------------------------------------

describe('anti-escalation', () => {
  it('an Organization Admin cannot create a user with a role holding rules they lack', async () => {
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.users.create({
        body: {
          username: unique('would-be-root'),
          password: 'Research!1',
          roles: [net.roleId('Root')],
        },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('an Organization Admin cannot grant a rule they do not hold directly', async () => {
    const target = await freshUser();
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.users.update({
        params: { id: target.id },
        body: { rules: [ruleId('organization', 'create', 'global')] },
      }),
    );
    expect(response.status).toBe(403);
    const after = ok(await net.root.api.users.get({ params: { id: target.id } }));
    expect(after.rules).toEqual([]);
  });

  it('an Organization Admin cannot give a user a role wider than their own', async () => {
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.users.update({
        params: { id: net.researcherA.id },
        body: { roles: [net.roleId('Collaboration Admin')] },
      }),
    );
    expect(response.status).toBe(403);
    const after = ok(await net.root.api.users.get({ params: { id: net.researcherA.id } }));
    expect(after.roles).toEqual([net.roleId('Researcher')]);
  });

  it('an Organization Admin cannot create a role with a rule they do not hold', async () => {
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.roles.create({
        body: { name: unique('tasker'), rules: [ruleId('task', 'create', 'collaboration')] },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('an Organization Admin cannot add a rule they do not hold to an existing role', async () => {
    const role = await freshRole();
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.roles.update({
        params: { id: role.id },
        body: { rules: [ruleId('user', 'view', 'organization'), ruleId('user', 'view', 'global')] },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('nobody changes their own roles, not even to roles they hold', async () => {
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.users.update({
        params: { id: adminA.id },
        body: { roles: [net.roleId('Organization Admin'), net.roleId('Viewer')] },
      }),
    );
    expect(response.status).toBe(403);
    expect(ok(await adminA.api.users.me()).roles).toEqual([net.roleId('Organization Admin')]);
  });

  it('nobody grants themselves extra rules', async () => {
    const response = await expectNothingWritten(server.db, () =>
      net.researcherA.api.users.update({
        params: { id: net.researcherA.id },
        body: { rules: [ruleId('user', 'view', 'organization')] },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('an Organization Admin cannot take over a more powerful user by setting their password', async () => {
    const boss = await createUser(server, net, net.orgs.a.id, ['Collaboration Admin']);
    const response = await expectNothingWritten(server.db, () =>
      adminA.api.users.update({ params: { id: boss.id }, body: { password: 'Hijacked!1' } }),
    );
    expect(response.status).toBe(403);
  });

  it('an Organization Admin may still set the password of a Viewer of their organization', async () => {
    const viewer = await freshUser();
    const response = await adminA.api.users.update({
      params: { id: viewer.id },
      body: { password: 'Renewed!pass1' },
    });
    expect(response.status).toBe(200);
    expect(
      (
        await client(server).token.user({
          body: { username: viewer.username, password: 'Renewed!pass1' },
        })
      ).status,
    ).toBe(200);
  });

  it('default roles are read-only, even for root', async () => {
    const response = await expectNothingWritten(server.db, () =>
      net.root.api.roles.update({
        params: { id: net.roleId('Viewer') },
        body: { rules: [ruleId('organization', 'create', 'global')] },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('a role of organization A cannot be given to a user of organization B', async () => {
    const role = await freshRole(net.orgs.a.id);
    const response = await expectNothingWritten(server.db, () =>
      net.root.api.users.create({
        body: {
          username: unique('b-user'),
          password: 'Research!1',
          organization_id: net.orgs.b.id,
          roles: [role.id],
        },
      }),
    );
    expect(response.status).toBe(400);
  });
});

// ---- runs across organizations -----------------------------------------------------------------

describe('runs of another organization', () => {
  it("a refused claim leaves the other organization's run pending", async () => {
    const { runB } = await freshRuns();
    expect((await net.nodeA.api.runs.claim({ params: { id: runB.id }, body: {} })).status).toBe(
      403,
    );
    const after = ok(await net.nodeB.api.runs.get({ params: { id: runB.id } }));
    expect(after).toMatchObject({ status: 'pending', node_id: null });
  });

  it("a refused result post leaves the other organization's run untouched", async () => {
    const { runB } = await freshRuns();
    ok(await net.nodeB.api.runs.claim({ params: { id: runB.id }, body: {} }));
    const response = await net.nodeA.api.runs.submitResult({
      params: { id: runB.id },
      body: { status: 'completed', result: '"forged"' },
    });
    expect(response.status).toBe(403);
    const after = ok(await net.nodeB.api.runs.get({ params: { id: runB.id } }));
    expect(after).toMatchObject({ status: 'initializing', result: null, node_id: net.nodeB.id });
  });

  it('a second result post is a 409 and keeps the first result', async () => {
    const { runA } = await claimedRunOfA();
    ok(
      await net.nodeA.api.runs.submitResult({
        params: { id: runA.id },
        body: { status: 'completed', result: '"first"' },
      }),
    );
    const second = await expectNothingWritten(server.db, () =>
      net.nodeA.api.runs.submitResult({
        params: { id: runA.id },
        body: { status: 'failed', result: '"second"' },
      }),
    );
    expect(second.status).toBe(409);
    expectErrorBody(second.body, 409);
    expect(ok(await net.nodeA.api.runs.get({ params: { id: runA.id } }))).toMatchObject({
      status: 'completed',
      result: '"first"',
    });
  });

  it('claiming a run twice is a 409', async () => {
    const { runA } = await claimedRunOfA();
    const again = await expectNothingWritten(server.db, () =>
      net.nodeA.api.runs.claim({ params: { id: runA.id }, body: {} }),
    );
    expect(again.status).toBe(409);
  });
});

// ---- algorithm containers --------------------------------------------------------------------

describe('a container token', () => {
  it('creates a subtask of its own task, in its job', async () => {
    const parent = await createTask(net, unique('parent'), 'algo:2');
    const container = await startContainer(server, net.nodeA, parent.id);
    const sub = ok(
      await container.api.tasks.create({
        body: { name: unique('sub'), image: 'algo:2', collaboration_id: net.collaboration.id },
      }),
    );
    expect(sub).toMatchObject({
      parent_id: parent.id,
      job_id: parent.job_id,
      init_user_id: net.researcherA.id,
    });
  });

  it('cannot create a subtask in another collaboration', async () => {
    const other = await freshCollab([net.orgs.a.id, net.orgs.b.id]);
    const parent = await createTask(net, unique('parent'), 'algo:3');
    const container = await startContainer(server, net.nodeA, parent.id);
    const response = await expectNothingWritten(server.db, () =>
      container.api.tasks.create({
        body: { name: unique('sub'), image: 'algo:3', collaboration_id: other.id },
      }),
    );
    expect(response.status).toBe(403);
  });

  it('reads its task and its subtasks, and lists nothing else', async () => {
    const parent = await createTask(net, unique('parent'), 'algo:4');
    await createTask(net); // a sibling in the same collaboration
    const container = await startContainer(server, net.nodeA, parent.id);
    const sub = ok(
      await container.api.tasks.create({
        body: { name: unique('sub'), image: 'algo:4', collaboration_id: net.collaboration.id },
      }),
    );
    expect(ok(await container.api.tasks.get({ params: { id: sub.id } })).id).toBe(sub.id);
    const listed = ok(await container.api.tasks.list({ query: { per_page: 500 } }));
    expect(listed.data.map((t) => t.id).sort()).toEqual([parent.id, sub.id].sort());
  });

  it("lists only its own run and its subtasks' runs", async () => {
    const parent = await createTask(net, unique('parent'), 'algo:5');
    const container = await startContainer(server, net.nodeA, parent.id);
    const sub = ok(
      await container.api.tasks.create({
        body: { name: unique('sub'), image: 'algo:5', collaboration_id: net.collaboration.id },
      }),
    );
    const runs = ok(await container.api.runs.list({ query: { per_page: 500 } })).data;
    expect(runs.filter((r) => r.task_id === parent.id).map((r) => r.id)).toEqual([
      container.run.id,
    ]);
    expect(runs.filter((r) => r.task_id === sub.id)).toHaveLength(2);
    expect(runs.every((r) => r.task_id === parent.id || r.task_id === sub.id)).toBe(true);
  });

  it('cannot do what users do', async () => {
    const container = await startContainer(server, net.nodeA, (await createTask(net)).id);
    const response = await expectNothingWritten(server.db, () =>
      container.api.tasks.kill({ params: { id: container.run.task_id }, body: {} }),
    );
    expect(response.status).toBe(403);
  });
});

// ---- lists contain only what the caller may see -----------------------------------------------

describe('lists', () => {
  it("an outsider's task list does not include the collaboration's tasks", async () => {
    const task = await createTask(net);
    const ids = ok(await net.researcherC.api.tasks.list({ query: { per_page: 500 } })).data.map(
      (t) => t.id,
    );
    expect(ids).not.toContain(task.id);
    expect(
      ok(await viewerA.api.tasks.list({ query: { per_page: 500 } })).data.map((t) => t.id),
    ).toContain(task.id);
  });

  it("a node's run list holds only its organization's runs", async () => {
    const { task, runA, runB } = await freshRuns();
    const runs = ok(await net.nodeA.api.runs.list({ query: { per_page: 500 } })).data;
    expect(runs.map((r) => r.id)).toContain(runA.id);
    expect(runs.map((r) => r.id)).not.toContain(runB.id);
    expect(runs.every((r) => r.organization_id === net.orgs.a.id)).toBe(true);
    expect(ok(await net.nodeA.api.results.list({ query: { task_id: task.id } })).total).toBe(1);
  });

  it('an outsider sees only its own organization, no collaboration and no node', async () => {
    const orgs = ok(await net.researcherC.api.organizations.list({ query: { per_page: 500 } }));
    expect(orgs.data.map((o) => o.id)).toEqual([net.orgs.c.id]);
    expect(ok(await net.researcherC.api.collaborations.list({ query: {} })).total).toBe(0);
    expect(ok(await net.researcherC.api.nodes.list({ query: {} })).total).toBe(0);
    expect(ok(await net.researcherC.api.runs.list({ query: {} })).total).toBe(0);
  });

  it('a Researcher lists the users of their own organization only', async () => {
    const inB = await freshUser(net.orgs.b.id);
    const users = ok(await net.researcherA.api.users.list({ query: { per_page: 500 } })).data;
    expect(users.map((u) => u.id)).toContain(viewerA.id);
    expect(users.map((u) => u.id)).not.toContain(inB.id);
    expect(users.every((u) => u.organization_id === net.orgs.a.id)).toBe(true);
  });

  it("custom roles of organization A are hidden from an outsider's role list", async () => {
    const role = await freshRole(net.orgs.a.id);
    const roles = ok(await net.researcherC.api.roles.list({ query: { per_page: 500 } })).data;
    expect(roles.map((r) => r.id)).not.toContain(role.id);
    expect(roles.map((r) => r.id)).toContain(net.roleId('Viewer'));
  });

  it('a study without your organization is neither listed nor readable', async () => {
    const study = await freshStudy([net.orgs.b.id]);
    const studies = ok(await net.researcherA.api.studies.list({ query: { per_page: 500 } })).data;
    expect(studies.map((s) => s.id)).not.toContain(study.id);
    expect((await net.researcherA.api.studies.get({ params: { id: study.id } })).status).toBe(403);
    expect((await net.nodeB.api.studies.get({ params: { id: study.id } })).status).toBe(200);
  });
});
