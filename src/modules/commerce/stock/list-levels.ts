import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { prefixQuery } from '../catalog/list-products.ts';
import type { TLevel, TLevelListQuery } from './contracts.ts';

type Row = Omit<TLevel, 'lowSince' | 'updatedAt' | 'low' | 'available'> & {
  lowSince: string | null;
  updatedAt: string;
  tracksLevels: boolean;
};

/**
 * Stock levels with their variant and location, by SKU then location. `low=true` lists what needs reordering: levels
 * whose available quantity is at or below their threshold.
 */
export async function listLevels({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TLevelListQuery;
}): Promise<{ data: TLevel[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`l.workspace_id = ${workspaceId}`];
  if (query.locationId) where.push(sql`l.location_id = ${query.locationId}`);
  if (query.variantId) where.push(sql`l.variant_id = ${query.variantId}`);
  if (query.productId) where.push(sql`v.product_id = ${query.productId}`);
  if (query.low === true) where.push(sql`l.low_since is not null`);
  if (query.low === false) where.push(sql`l.low_since is null`);
  if (query.q) {
    const like = `${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const prefix = prefixQuery(query.q);
    where.push(
      sql`(lower(v.sku) like ${like} ${prefix ? sql`or p.search @@ to_tsquery('simple', ${prefix})` : sql``})`,
    );
  }
  const after = decodeCursor(query.cursor, 3);
  if (after)
    where.push(
      sql`(lower(v.sku), loc.name, l.location_id) > (${after[0]}::text, ${after[1]}::text, ${after[2]}::uuid)`,
    );
  const rows = await db.execute<Row>(sql`
    select l.location_id as "locationId", loc.name as "locationName", loc.kind as "locationKind",
      loc.tracks_levels as "tracksLevels", l.variant_id as "variantId", v.product_id as "productId", v.sku,
      case when v.title = '' then p.title else p.title || ' — ' || v.title end as title,
      l.on_hand as "onHand", l.reserved, l.low_stock_threshold as "lowStockThreshold", l.low_since as "lowSince",
      l.updated_at as "updatedAt"
    from commerce_stock_levels l
    join commerce_stock_locations loc on loc.workspace_id = l.workspace_id and loc.id = l.location_id
    join commerce_variants v on v.workspace_id = l.workspace_id and v.id = l.variant_id
    join commerce_products p on p.workspace_id = v.workspace_id and p.id = v.product_id
    where ${sql.join(where, sql` and `)}
    order by lower(v.sku), loc.name, l.location_id
    limit ${query.limit + 1}`);
  const more = rows.rows.length > query.limit;
  const page = (more ? rows.rows.slice(0, query.limit) : rows.rows).map(({ tracksLevels, ...r }) => ({
    ...r,
    available: tracksLevels ? r.onHand - r.reserved : null,
    low: r.lowSince !== null,
    lowSince: r.lowSince ? new Date(r.lowSince) : null,
    updatedAt: new Date(r.updatedAt),
  }));
  const last = page[page.length - 1];
  return {
    data: page,
    nextCursor: more && last ? encodeCursor([last.sku.toLowerCase(), last.locationName, last.locationId]) : null,
  };
}
