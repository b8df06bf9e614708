import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TLocation } from './contracts.ts';
import type { LocationKind } from './schema.ts';

type Row = Omit<TLocation, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/** The rules a location must keep after any write: a dropship supplier has an email; only it may be unlimited. */
export function checkLocation(l: { kind: LocationKind; supplierEmail: string | null; tracksLevels: boolean }): void {
  const errors: FieldError[] = [];
  if (l.kind === 'dropship' && !l.supplierEmail)
    errors.push({ field: 'supplierEmail', message: 'a dropship supplier needs the email purchase requests go to' });
  if (l.kind !== 'dropship' && !l.tracksLevels)
    errors.push({ field: 'tracksLevels', message: 'only a dropship supplier can go without stock levels' });
  if (errors.length) throw AppError.validation(errors);
}

/** Locations with their totals, by kind (warehouse, shop, dropship), priority and name — the allocation order. */
export async function listLocations({
  db,
  workspaceId,
  kind,
  ids,
  limit = 100,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  kind?: LocationKind | undefined;
  ids?: string[];
  limit?: number;
  cursor?: string | undefined;
}): Promise<{ data: TLocation[]; nextCursor: string | null }> {
  const after = decodeCursor(cursor, 4);
  const rank = sql`case loc.kind when 'warehouse' then 0 when 'shop' then 1 else 2 end`;
  const rows = await db.execute<Row & { rank: number }>(sql`
    select loc.id, loc.name, loc.kind, loc.code, loc.address, loc.supplier_email as "supplierEmail",
      loc.tracks_levels as "tracksLevels", loc.priority, loc.active, loc.created_at as "createdAt",
      loc.updated_at as "updatedAt", ${rank} as rank,
      coalesce(s.variants, 0)::int as "variantCount", coalesce(s.on_hand, 0)::int as "onHand",
      coalesce(s.low, 0)::int as "lowCount"
    from commerce_stock_locations loc
    left join lateral (
      select count(*) as variants, sum(l.on_hand) as on_hand, count(*) filter (where l.low_since is not null) as low
      from commerce_stock_levels l where l.workspace_id = loc.workspace_id and l.location_id = loc.id
    ) s on true
    where loc.workspace_id = ${workspaceId}
      ${kind ? sql`and loc.kind = ${kind}` : sql``}
      ${ids ? sql`and loc.id = any(${sql.param(ids)}::uuid[])` : sql``}
      ${
        after
          ? sql`and (${rank}, loc.priority, lower(loc.name), loc.id) >
              (${after[0]}::int, ${after[1]}::int, ${after[2]}::text, ${after[3]}::uuid)`
          : sql``
      }
    order by ${rank}, loc.priority, lower(loc.name), loc.id
    limit ${limit + 1}`);
  const more = rows.rows.length > limit;
  const page = (more ? rows.rows.slice(0, limit) : rows.rows).map(({ rank: _r, ...r }) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  }));
  const last = page[page.length - 1];
  const lastRank = last ? ({ warehouse: 0, shop: 1, dropship: 2 } as const)[last.kind] : 0;
  return {
    data: page,
    nextCursor: more && last ? encodeCursor([lastRank, last.priority, last.name.toLowerCase(), last.id]) : null,
  };
}

export async function getLocation({
  db,
  workspaceId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
}): Promise<TLocation> {
  const r = await listLocations({ db, workspaceId, ids: [id], limit: 1 });
  if (!r.data[0]) throw AppError.notFound('Stock location');
  return r.data[0];
}
