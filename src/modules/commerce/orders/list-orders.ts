import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { normalizeEmail } from '../../crm/index.ts';
import type { TOrderListQuery, TOrderSummary } from './contracts.ts';
import { orders } from './schema.ts';
import { toSummary } from './serialize.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `q`: an order number matches exactly (case-insensitively, with or without its "#"), an address matches the
 * customer's email exactly, anything else the start of the email.
 */
function search(q: string): SQL {
  const t = q.trim().toLowerCase();
  const numbers = [...new Set([t, t.replace(/^#/, ''), `#${t.replace(/^#/, '')}`])];
  const email = normalizeEmail(t);
  return or(
    sql`lower(${orders.number}) = any(${textArray(numbers)})`,
    email ? eq(orders.email, email) : sql`${orders.email} like ${`${escapeLike(t)}%`}`,
  )!;
}

/** Newest first (by when they were placed), filtered; cursor pages like every list of the API. */
export async function listOrders({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TOrderListQuery;
}): Promise<{ data: TOrderSummary[]; nextCursor: string | null }> {
  const conds: SQL[] = [eq(orders.workspaceId, workspaceId)];
  if (query.status?.length) conds.push(sql`${orders.status} = any(${textArray(query.status)})`);
  if (query.paymentStatus?.length) conds.push(sql`${orders.paymentStatus} = any(${textArray(query.paymentStatus)})`);
  if (query.source) conds.push(eq(orders.source, query.source));
  if (query.contactId) conds.push(eq(orders.contactId, query.contactId));
  if (query.from) conds.push(gte(orders.placedAt, new Date(query.from)));
  if (query.to) conds.push(lt(orders.placedAt, new Date(query.to)));
  if (query.q?.trim()) conds.push(search(query.q));
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    conds.push(or(lt(orders.placedAt, at), and(eq(orders.placedAt, at), lt(orders.id, String(after[1]))))!);
  }
  const rows = await db
    .select()
    .from(orders)
    .where(and(...conds))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map(toSummary),
    nextCursor: more && last ? encodeCursor([last.placedAt.toISOString(), last.id]) : null,
  };
}
