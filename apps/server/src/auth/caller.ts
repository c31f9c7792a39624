import type { Operation, Resource, Scope } from '@federa/contract';
import { SCOPES } from '@federa/contract';

export interface Grant {
  resource: Resource;
  operation: Operation;
  scope: Scope;
}

/** The rules a user holds, answering "at what scope may I do X". */
export class Permissions {
  private readonly widest = new Map<string, number>();

  constructor(readonly grants: Grant[]) {
    for (const g of grants) {
      const key = `${g.resource}:${g.operation}`;
      const rank = SCOPES.indexOf(g.scope);
      if (rank > (this.widest.get(key) ?? -1)) this.widest.set(key, rank);
    }
  }

  /** The widest scope held for this resource and operation, or null. */
  scope(resource: Resource, operation: Operation): Scope | null {
    const rank = this.widest.get(`${resource}:${operation}`);
    return rank === undefined ? null : SCOPES[rank]!;
  }

  /** True when the widest scope held is at least `scope`. */
  has(resource: Resource, operation: Operation, scope: Scope): boolean {
    const held = this.scope(resource, operation);
    return held !== null && SCOPES.indexOf(held) >= SCOPES.indexOf(scope);
  }
}

export interface UserCaller {
  kind: 'user';
  id: number;
  organizationId: number;
  permissions: Permissions;
}

export interface NodeCaller {
  kind: 'node';
  id: number;
  organizationId: number;
  collaborationId: number;
}

/** An algorithm container: may create subtasks of its own task and read their results. */
export interface ContainerCaller {
  kind: 'container';
  runId: number;
  taskId: number;
  nodeId: number;
  organizationId: number;
  collaborationId: number;
  image: string;
}

export type Caller = UserCaller | NodeCaller | ContainerCaller;
