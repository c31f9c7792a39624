import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageQuery } from '@federa/contract';

/** Runs a query for one page and the total count, mapping entities to their API shape. */
export async function paginate<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
  map: (entity: E) => T,
): Promise<Page<T>> {
  const [rows, total] = await qb
    .skip((query.page - 1) * query.per_page)
    .take(query.per_page)
    .getManyAndCount();
  return { data: rows.map(map), page: query.page, per_page: query.per_page, total };
}

/** Restricts `column` to the reachable organizations (or nothing when none are). */
export function whereOrgIn<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  column: string,
  orgs: Set<number>,
  param: string,
): SelectQueryBuilder<E> {
  return orgs.size === 0
    ? qb.andWhere('1 = 0')
    : qb.andWhere(`${column} IN (:...${param})`, { [param]: [...orgs] });
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
