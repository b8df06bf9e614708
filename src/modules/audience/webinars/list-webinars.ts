import { and, asc, desc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TWebinarListQuery } from './contracts.ts';
import { webinars } from './schema.ts';
import { webinarsOut } from './webinar-row.ts';

/**
 * Upcoming webinars soonest first (not yet ended: start + duration is ahead), past ones latest first; `all` is by
 * start, latest first.
 */
export async function listWebinars({
  db,
  workspaceId,
  publicUrl,
  query,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  publicUrl: string;
  query: TWebinarListQuery;
  now?: Date;
}) {
  const ends = sql`${webinars.startsAt} + make_interval(mins => ${webinars.durationMinutes})`;
  const conds: SQL[] = [eq(webinars.workspaceId, workspaceId)];
  if (query.when === 'upcoming') conds.push(sql`${ends} > ${now.toISOString()}::timestamptz`);
  if (query.when === 'past') conds.push(sql`${ends} <= ${now.toISOString()}::timestamptz`);
  const ascending = query.when === 'upcoming';
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    const id = String(after[1]);
    const cmp = ascending ? gt : lt;
    conds.push(
      sql`(${cmp(webinars.startsAt, at)} or (${webinars.startsAt} = ${at.toISOString()}::timestamptz and ${cmp(webinars.id, id)}))`,
    );
  }
  const order = ascending ? [asc(webinars.startsAt), asc(webinars.id)] : [desc(webinars.startsAt), desc(webinars.id)];
  const rows = await db
    .select()
    .from(webinars)
    .where(and(...conds))
    .orderBy(...order)
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: await webinarsOut(db, workspaceId, data, publicUrl),
    nextCursor: more && last ? encodeCursor([last.startsAt.toISOString(), last.id]) : null,
  };
}
