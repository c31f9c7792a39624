import { Injectable } from '@nestjs/common';
import { AccessService } from '../auth/access.service';
import type { Caller } from '../auth/caller';

const COLLABORATION = /^collaboration_(\d+)$/;
const ORGANIZATION = /^collaboration_(\d+)_organization_(\d+)$/;
const NODE = /^node_(\d+)$/;

/** Decides which rooms an identity may join; the reason when it may not. */
@Injectable()
export class RoomAccess {
  constructor(private readonly access: AccessService) {}

  async refusal(caller: Caller, room: string): Promise<string | null> {
    const collab = COLLABORATION.exec(room);
    if (collab) return this.collaboration(caller, Number(collab[1]));
    const org = ORGANIZATION.exec(room);
    if (org) {
      const [collaborationId, organizationId] = [Number(org[1]), Number(org[2])];
      const mine = caller.organizationId === organizationId;
      return mine ? this.collaboration(caller, collaborationId) : 'not your organization';
    }
    const node = NODE.exec(room);
    if (node) {
      return caller.kind === 'node' && caller.id === Number(node[1]) ? null : 'not your node';
    }
    return `unknown room "${room}"`;
  }

  private async collaboration(caller: Caller, id: number): Promise<string | null> {
    if (caller.kind !== 'user') {
      return caller.collaborationId === id ? null : 'not your collaboration';
    }
    if (caller.permissions.has('event', 'receive', 'global')) return null;
    if (!caller.permissions.scope('event', 'receive')) return 'you may not receive events';
    return (await this.access.isMember(id, caller.organizationId))
      ? null
      : 'your organization is not a member of this collaboration';
  }
}
