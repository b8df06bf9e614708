import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { normalisePostcode } from './postcodes.ts';

export type PostcodeRow = {
  country: string;
  postcode: string;
  lat: number;
  lng: number;
  placeName: string | null;
  region: string | null;
};

/** The workspace's postcode centroids by country and postcode (keyset pagination on both). */
export async function listPostcodes({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: { limit: number; cursor?: string | undefined; country?: string | undefined; prefix?: string | undefined };
}): Promise<{ data: PostcodeRow[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`workspace_id = ${workspaceId}`];
  if (query.country) where.push(sql`country = ${query.country}`);
  if (query.prefix) where.push(sql`starts_with(postcode, ${normalisePostcode(query.prefix)})`);
  const after = decodeCursor(query.cursor, 2);
  if (after) where.push(sql`(country, postcode) > (${String(after[0])}, ${String(after[1])})`);
  const r = await db.execute<PostcodeRow>(sql`
    select country, postcode, lat, lng, place_name as "placeName", region from pickup_postcodes
    where ${sql.join(where, sql` and `)}
    order by country, postcode limit ${query.limit + 1}`);
  const rows = r.rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return {
    data: rows,
    nextCursor: r.rows.length > query.limit && last ? encodeCursor([last.country, last.postcode]) : null,
  };
}

/** Adds or corrects one centroid by hand (a new estate's postcode the import does not know yet). */
export async function upsertPostcode(db: DbOrTx, workspaceId: string, c: PostcodeRow): Promise<PostcodeRow> {
  const postcode = normalisePostcode(c.postcode);
  await db.execute(sql`
    insert into pickup_postcodes (workspace_id, country, postcode, lat, lng, place_name, region)
    values (${workspaceId}, ${c.country}, ${postcode}, ${c.lat}, ${c.lng}, ${c.placeName}, ${c.region})
    on conflict (workspace_id, country, postcode) do update
      set lat = excluded.lat, lng = excluded.lng, place_name = excluded.place_name, region = excluded.region`);
  return { ...c, postcode };
}

/** Removes a country's centroids (before importing a corrected file, say). Returns how many went. */
export async function deletePostcodes(db: Db, workspaceId: string, country: string): Promise<number> {
  const r = await db.execute(
    sql`delete from pickup_postcodes where workspace_id = ${workspaceId} and country = ${country}`,
  );
  return r.rowCount ?? 0;
}
