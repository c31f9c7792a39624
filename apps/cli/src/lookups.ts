import type { Session } from '@federa/client';
import { MAX_PER_PAGE, type Page } from '@federa/contract';
import { CliError, EXIT } from './errors';

/** Reads page after page until `limit` items or the last page. */
export async function pages<T>(
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>,
  limit = Infinity,
): Promise<T[]> {
  const items: T[] = [];
  const perPage = Math.min(MAX_PER_PAGE, limit);
  for (let page = 1; items.length < limit; page++) {
    const { data, total } = await fetchPage(page, perPage);
    items.push(...data);
    if (data.length === 0 || items.length >= total) break;
  }
  return items.slice(0, limit);
}

/**
 * Organization names by id, to label ids in tables. Best effort: a user who may not list
 * organizations still gets the ids.
 */
export async function organizationNames(
  session: Session,
  collaborationId?: number,
): Promise<Map<number, string>> {
  try {
    const orgs = await pages((page, per_page) =>
      session.call((api) =>
        api.organizations.list({ query: { page, per_page, collaboration_id: collaborationId } }),
      ),
    );
    return new Map(orgs.map((o) => [o.id, o.name]));
  } catch {
    return new Map();
  }
}

export const orgLabel = (names: Map<number, string>, id: number) => {
  const name = names.get(id);
  return name ? `${name} (${id})` : `organization ${id}`;
};

/** Role ids for role names (case-insensitive) or ids, as `GET /api/role` lists them. */
export async function roleIds(session: Session, wanted: readonly string[]): Promise<number[]> {
  const roles = await pages((page, per_page) =>
    session.call((api) => api.roles.list({ query: { page, per_page } })),
  );
  return wanted.map((name) => {
    const key = name.trim().toLowerCase();
    const role = roles.find((r) => r.name.toLowerCase() === key || String(r.id) === key);
    if (!role) {
      const known = [...new Set(roles.map((r) => r.name))].join(', ');
      throw new CliError(EXIT.notFound, {
        statusCode: 0,
        error: 'not_found',
        message: `no role named "${name}" (roles you can see: ${known})`,
      });
    }
    return role.id;
  });
}
