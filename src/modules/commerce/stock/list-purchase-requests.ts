import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TPurchaseRequest, TPurchaseRequestListQuery } from './contracts.ts';

type Row = Omit<TPurchaseRequest, 'sentAt' | 'shippedAt' | 'createdAt' | 'updatedAt'> & {
  sentAt: string | null;
  shippedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const date = (s: string | null) => (s ? new Date(s) : null);

/** Purchase requests to dropship suppliers, newest first. */
export async function listPurchaseRequests({
  db,
  workspaceId,
  query,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TPurchaseRequestListQuery;
  id?: string;
}): Promise<{ data: TPurchaseRequest[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`pr.workspace_id = ${workspaceId}`];
  if (id) where.push(sql`pr.id = ${id}`);
  if (query.status) where.push(sql`pr.status = ${query.status}`);
  if (query.orderId) where.push(sql`pr.order_id = ${query.orderId}`);
  if (query.locationId) where.push(sql`pr.location_id = ${query.locationId}`);
  const after = decodeCursor(query.cursor, 1);
  if (after) where.push(sql`pr.id < ${after[0]}::uuid`);
  const rows = await db.execute<Row>(sql`
    select pr.id, pr.order_id as "orderId", pr.order_number as "orderNumber", pr.location_id as "locationId",
      coalesce(loc.name, '') as "supplierName", pr.supplier_email as "supplierEmail", pr.status, pr.lines,
      pr.sent_at as "sentAt", pr.shipped_at as "shippedAt", pr.tracking_number as "trackingNumber", pr.carrier,
      pr.created_at as "createdAt", pr.updated_at as "updatedAt"
    from commerce_purchase_requests pr
    left join commerce_stock_locations loc on loc.workspace_id = pr.workspace_id and loc.id = pr.location_id
    where ${sql.join(where, sql` and `)}
    order by pr.id desc
    limit ${query.limit + 1}`);
  const more = rows.rows.length > query.limit;
  const page = (more ? rows.rows.slice(0, query.limit) : rows.rows).map((r) => ({
    ...r,
    sentAt: date(r.sentAt),
    shippedAt: date(r.shippedAt),
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  }));
  const last = page[page.length - 1];
  return { data: page, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

export async function getPurchaseRequest({
  db,
  workspaceId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
}): Promise<TPurchaseRequest> {
  const r = await listPurchaseRequests({ db, workspaceId, id, query: { limit: 1 } });
  if (!r.data[0]) throw AppError.notFound('Purchase request');
  return r.data[0];
}
