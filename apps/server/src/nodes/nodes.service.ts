import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Node, NodeCreate, NodeWithKey, Page } from '@federa/contract';
import { NodeQuerySchema } from '@federa/contract';
import { AccessService, reaches } from '../auth/access.service';
import type { Caller } from '../auth/caller';
import { NODE_KEY_PREFIX } from '../auth/login.service';
import { TokensService } from '../auth/tokens.service';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate, whereOrgIn } from '../common/pagination';
import { newCredential, sha256 } from '../common/secrets';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { NodeEntity } from './node.entity';
import { toNode } from './node.mapper';

@Injectable()
export class NodesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly collaborations: CollaborationsService,
    private readonly tokens: TokensService,
  ) {}

  private get repo() {
    return this.db.getRepository(NodeEntity);
  }

  async list(
    caller: Caller | undefined,
    query: z.infer<typeof NodeQuerySchema>,
  ): Promise<Page<Node>> {
    const c = this.access.requireCaller(caller);
    const qb = this.repo.createQueryBuilder('n').orderBy('n.id');
    if (c.kind === 'user') {
      const reach = await this.access.reach(c, 'node', 'view');
      if (!reach.all) whereOrgIn(qb, 'n.organizationId', reach.orgs, 'reach');
    } else {
      qb.andWhere('n.collaborationId = :own', { own: c.collaborationId });
    }
    if (query.organization_id)
      qb.andWhere('n.organizationId = :oid', { oid: query.organization_id });
    if (query.collaboration_id)
      qb.andWhere('n.collaborationId = :cid', { cid: query.collaboration_id });
    if (query.status) qb.andWhere('n.status = :st', { st: query.status });
    if (query.name) qb.andWhere('n.name ILIKE :name', { name: `%${query.name}%` });
    return paginate(qb, query, toNode);
  }

  async get(caller: Caller | undefined, id: number): Promise<Node> {
    const c = this.access.requireCaller(caller);
    const node = await this.load(id);
    if (c.kind === 'user') await this.access.assertReaches(c, 'node', 'view', node.organizationId);
    else if (c.collaborationId !== node.collaborationId)
      throw forbidden('not a node of your collaboration');
    return toNode(node);
  }

  async create(caller: Caller | undefined, body: NodeCreate): Promise<NodeWithKey> {
    const user = this.access.requireUser(caller);
    const orgId = body.organization_id ?? user.organizationId;
    await this.access.assertReaches(user, 'node', 'create', orgId);
    const collab = await this.collaborations.load(body.collaboration_id);
    if (!collab.organizations.some((o) => o.id === orgId)) {
      throw badRequest(`organization ${orgId} is not a member of collaboration ${collab.id}`);
    }
    if (await this.repo.existsBy({ organizationId: orgId, collaborationId: collab.id })) {
      throw conflict(`organization ${orgId} already has a node in collaboration ${collab.id}`);
    }
    const org = await this.db.getRepository(OrganizationEntity).findOneByOrFail({ id: orgId });
    const name = body.name ?? `${org.name} - ${collab.name}`;
    if (await this.repo.existsBy({ name })) throw conflict(`a node named "${name}" exists`);
    const key = newCredential(NODE_KEY_PREFIX);
    const node = await this.repo.save(
      this.repo.create({
        name,
        organizationId: orgId,
        collaborationId: collab.id,
        apiKeyId: key.id,
        apiKeyHash: sha256(key.secret),
        status: 'offline',
        lastSeenAt: null,
      }),
    );
    return { ...toNode(node), api_key: key.token };
  }

  async update(caller: Caller | undefined, id: number, name: string): Promise<Node> {
    const node = await this.editable(caller, id);
    if (name !== node.name && (await this.repo.existsBy({ name }))) {
      throw conflict(`a node named "${name}" exists`);
    }
    node.name = name;
    return toNode(await this.repo.save(node));
  }

  async resetApiKey(caller: Caller | undefined, id: number): Promise<NodeWithKey> {
    const node = await this.editable(caller, id);
    const key = newCredential(NODE_KEY_PREFIX);
    node.apiKeyId = key.id;
    node.apiKeyHash = sha256(key.secret);
    await this.repo.save(node);
    await this.tokens.revokeAll('node', id);
    return { ...toNode(node), api_key: key.token };
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    const node = await this.load(id);
    if (!reaches(await this.access.reach(user, 'node', 'delete'), node.organizationId)) {
      throw forbidden('you may not delete this node');
    }
    await this.repo.delete({ id });
    await this.tokens.revokeAll('node', id);
  }

  private async editable(caller: Caller | undefined, id: number): Promise<NodeEntity> {
    const user = this.access.requireUser(caller);
    const node = await this.load(id);
    if (!reaches(await this.access.reach(user, 'node', 'edit'), node.organizationId)) {
      throw forbidden('you may not edit this node');
    }
    return node;
  }

  private async load(id: number): Promise<NodeEntity> {
    const node = await this.repo.findOneBy({ id });
    if (!node) throw notFound('node', id);
    return node;
  }
}
