import type { Organization } from '@federa/contract';
import type { OrganizationEntity } from './organization.entity';

export const toOrganization = (e: OrganizationEntity): Organization => ({
  id: e.id,
  name: e.name,
  domain: e.domain,
  address: e.address,
  country: e.country,
  public_key: e.publicKey,
});
