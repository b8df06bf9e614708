import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TMovement, TMovementListQuery } from './contracts.ts';

type Row = Omit<TMovement, 'createdAt'> & { createdAt: string };

/** The ledger, newest first (ids are time-ordered UUIDv7, so the id is the cursor). */
export async function listMovements({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TMovementListQuery;
}): Promise<{ data: TMovement[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`m.workspace_id = ${workspaceId}`];
  if (query.locationId) where.push(sql`m.location_id = ${query.locationId}`);
  if (query.variantId) where.push(sql`m.variant_id = ${query.variantId}`);
  if (query.orderId) where.push(sql`m.order_id = ${query.orderId}`);
  if (query.kind) where.push(sql`m.kind = ${query.kind}`);
  const after = decodeCursor(query.cursor, 1);
  if (after) where.push(sql`m.id < ${after[0]}::uuid`);
  const rows = await db.execute<Row>(sql`
    select m.id, m.location_id as "locationId", loc.name as "locationName", m.variant_id as "variantId", v.sku,
      m.kind, m.quantity, m.on_hand_delta as "onHandDelta", m.reserved_delta as "reservedDelta",
      m.order_id as "orderId", m.line_id as "lineId", m.reason, m.actor_id as "actorId", m.created_at as "createdAt"
    from commerce_stock_movements m
    join commerce_stock_locations loc on loc.workspace_id = m.workspace_id and loc.id = m.location_id
    left join commerce_variants v on v.workspace_id = m.workspace_id and v.id = m.variant_id
    where ${sql.join(where, sql` and `)}
    order by m.id desc
    limit ${query.limit + 1}`);
  const more = rows.rows.length > query.limit;
  const page = (more ? rows.rows.slice(0, query.limit) : rows.rows).map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
  }));
  const last = page[page.length - 1];
  return { data: page, nextCursor: more && last ? encodeCursor([last.id]) : null };
}
