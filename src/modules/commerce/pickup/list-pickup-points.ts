import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TPickupListQuery, TPickupPoint } from './contracts.ts';
import { POINT_COLUMNS, type PointRow, toPickupPoint } from './point-row.ts';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Lists a workspace's points by name (keyset pagination on name, id), filtered. */
export async function listPickupPoints({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TPickupListQuery;
}): Promise<{ data: TPickupPoint[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`p.workspace_id = ${workspaceId}`];
  if (query.kind) where.push(sql`p.kind = ${query.kind}`);
  if (query.country) where.push(sql`p.country = ${query.country}`);
  if (query.region) where.push(sql`p.region = ${query.region}`);
  if (query.capability?.length) where.push(sql`p.capabilities @> ${textArray(query.capability)}`);
  if (query.active !== undefined) where.push(sql`p.active = ${query.active}`);
  if (query.q?.trim()) {
    const like = `%${likeEscape(query.q.trim())}%`;
    where.push(sql`(p.name ilike ${like} or p.code ilike ${like} or p.city ilike ${like} or p.postcode ilike ${like})`);
  }
  const after = decodeCursor(query.cursor, 2);
  if (after) where.push(sql`(p.name, p.id) > (${String(after[0])}, ${String(after[1])}::uuid)`);
  const r = await db.execute<PointRow>(sql`
    select ${sql.raw(POINT_COLUMNS)} from pickup_points p
    where ${sql.join(where, sql` and `)}
    order by p.name, p.id
    limit ${query.limit + 1}`);
  const rows = r.rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return {
    data: rows.map(toPickupPoint),
    nextCursor: r.rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
