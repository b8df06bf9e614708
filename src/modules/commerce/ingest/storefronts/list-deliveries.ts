import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../../platform/http/pagination.ts';
import { commerceWebhookDeliveries } from '../schema.ts';
import { findStorefront } from './storefront-row.ts';

/** A connection's deliveries, newest first (ids are UUIDv7, so the id orders them and is the cursor). */
export async function listDeliveries({
  db,
  workspaceId,
  storefrontId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  storefrontId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  await findStorefront(db, workspaceId, storefrontId);
  const d = commerceWebhookDeliveries;
  const conds = [eq(d.workspaceId, workspaceId), eq(d.storefrontId, storefrontId)];
  const after = decodeCursor(cursor, 1);
  if (after) conds.push(lt(d.id, String(after[0])));
  const rows = await db
    .select({
      id: d.id,
      topic: d.topic,
      status: d.status,
      externalId: d.externalId,
      orderId: d.orderId,
      outcome: d.outcome,
      error: d.error,
      errorFields: d.errorFields,
      receivedAt: d.receivedAt,
      processedAt: d.processedAt,
    })
    .from(d)
    .where(and(...conds))
    .orderBy(desc(d.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.id]) : null };
}
