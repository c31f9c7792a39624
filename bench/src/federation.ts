import {
  API_PREFIX,
  type Collaboration,
  type NodeToken,
  type NodeWithKey,
  type Organization,
  type Role,
  type Task,
  type UserToken,
} from '@federa/contract';
import { HttpClient } from './http';
import { mapLimit } from './stats';

/** The bench server's first administrator (ROOT_USERNAME/ROOT_PASSWORD; meets the policy). */
export const ROOT = { username: 'bench-root', password: 'Bench-r00t!pass' };
const RESEARCHER_PASSWORD = 'Research3r!pass';

/** Setup requests in flight at once: enough to be quick, few enough not to time anything out. */
const SETUP_CONCURRENCY = 8;

export interface BenchNode {
  id: number;
  organizationId: number;
  collaborationId: number;
  apiKey: string;
  /** access token from POST /api/token/node */
  token: string;
}

export interface Researcher {
  id: number;
  organizationId: number;
  token: string;
}

/** Builds federations through the API, as root: organizations, collaborations, nodes, users. */
export class Admin {
  private roles: Role[] | undefined;

  private constructor(
    readonly http: HttpClient,
    private readonly token: string,
  ) {}

  static async login(url: string): Promise<Admin> {
    const http = new HttpClient(url, { maxSockets: SETUP_CONCURRENCY });
    const { access_token } = await http.json<UserToken>('POST', `${API_PREFIX}/token/user`, ROOT);
    return new Admin(http, access_token);
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.http.json<T>('POST', `${API_PREFIX}${path}`, body, this.token);
  }

  async organizations(prefix: string, count: number): Promise<number[]> {
    const orgs = await mapLimit(range(count), SETUP_CONCURRENCY, (i) =>
      this.post<Organization>('/organization', { name: `${prefix}-org-${i}` }),
    );
    return orgs.map((o) => o.id);
  }

  async collaboration(name: string, organizationIds: number[]): Promise<number> {
    const collab = await this.post<Collaboration>('/collaboration', {
      name,
      organization_ids: organizationIds,
    });
    return collab.id;
  }

  /** One node per (collaboration, organization) pair, each logged in with its API key. */
  async nodes(pairs: { collaborationId: number; organizationId: number }[]): Promise<BenchNode[]> {
    return mapLimit(pairs, SETUP_CONCURRENCY, async ({ collaborationId, organizationId }) => {
      const node = await this.post<NodeWithKey>('/node', {
        collaboration_id: collaborationId,
        organization_id: organizationId,
      });
      const { access_token } = await this.http.json<NodeToken>('POST', `${API_PREFIX}/token/node`, {
        api_key: node.api_key,
      });
      return {
        id: node.id,
        organizationId,
        collaborationId,
        apiKey: node.api_key,
        token: access_token,
      };
    });
  }

  /** A user with the default Researcher role, logged in. */
  async researcher(organizationId: number, username: string): Promise<Researcher> {
    this.roles ??= (
      await this.http.json<{ data: Role[] }>(
        'GET',
        `${API_PREFIX}/role?per_page=100`,
        undefined,
        this.token,
      )
    ).data;
    const role = this.roles.find((r) => r.name === 'Researcher');
    if (!role) throw new Error('no Researcher role');
    const user = await this.post<{ id: number }>('/user', {
      username,
      password: RESEARCHER_PASSWORD,
      organization_id: organizationId,
      roles: [role.id],
    });
    const { access_token } = await this.http.json<UserToken>('POST', `${API_PREFIX}/token/user`, {
      username,
      password: RESEARCHER_PASSWORD,
    });
    return { id: user.id, organizationId, token: access_token };
  }

  close(): void {
    this.http.close();
  }
}

export interface Federation {
  collaborationId: number;
  organizationIds: number[];
  nodes: BenchNode[];
  researcher: Researcher;
}

/** `size` organizations in one collaboration, a node for each, a researcher in the first. */
export async function buildFederation(
  url: string,
  name: string,
  size: number,
): Promise<Federation> {
  const admin = await Admin.login(url);
  try {
    const organizationIds = await admin.organizations(name, size);
    const collaborationId = await admin.collaboration(name, organizationIds);
    const nodes = await admin.nodes(
      organizationIds.map((organizationId) => ({ collaborationId, organizationId })),
    );
    const researcher = await admin.researcher(organizationIds[0]!, `${name}-researcher`);
    return { collaborationId, organizationIds, nodes, researcher };
  } finally {
    admin.close();
  }
}

/**
 * `count` nodes for the idle-connection benchmark. A node belongs to one (organization,
 * collaboration) pair, so √count organizations in √count collaborations give `count` nodes
 * with far fewer API calls than `count` organizations would.
 */
export async function buildNodeGrid(
  url: string,
  name: string,
  count: number,
): Promise<BenchNode[]> {
  const admin = await Admin.login(url);
  try {
    const side = Math.max(1, Math.ceil(Math.sqrt(count)));
    const organizationIds = await admin.organizations(name, side);
    const collaborations = await mapLimit(range(Math.ceil(count / side)), SETUP_CONCURRENCY, (i) =>
      admin.collaboration(`${name}-collab-${i}`, organizationIds),
    );
    const pairs = collaborations
      .flatMap((collaborationId) =>
        organizationIds.map((organizationId) => ({ collaborationId, organizationId })),
      )
      .slice(0, count);
    return await admin.nodes(pairs);
  } finally {
    admin.close();
  }
}

/** POST /api/task for every member of the collaboration; a tiny no-op task. */
export function taskBody(collaborationId: number, name = 'bench', organizationIds?: number[]) {
  return {
    name,
    image: 'bench/noop',
    collaboration_id: collaborationId,
    input: { method: 'noop' },
    databases: [],
    ...(organizationIds ? { organization_ids: organizationIds } : {}),
  };
}

export async function createTask(
  http: HttpClient,
  token: string,
  body: ReturnType<typeof taskBody>,
): Promise<Task> {
  return http.json<Task>('POST', `${API_PREFIX}/task`, body, token);
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
