import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';

/** Upper case, no spaces: "sw1a 1aa", "SW1A1AA" and "SW1A  1AA" are one postcode; hyphens (PL, PT) are kept. */
export const normalisePostcode = (s: string) => s.trim().toUpperCase().replace(/\s+/g, '');

export type Centroid = { country: string; postcode: string; lat: number; lng: number; placeName: string | null };

/**
 * Where a postcode is. Tries the full postcode, then its outward part (the text before a space: GB "SW1A 1AA" →
 * "SW1A", as GeoNames' smaller GB file lists only those). Unknown → NOT_FOUND naming the postcode and what to do.
 */
export async function findCentroid(
  db: DbOrTx,
  workspaceId: string,
  country: string,
  postcode: string,
): Promise<Centroid> {
  const candidates = [normalisePostcode(postcode)];
  const outward = postcode.trim().split(/\s+/)[0];
  if (outward && postcode.trim().includes(' ')) candidates.push(normalisePostcode(outward));
  const r = await db.execute<Centroid>(sql`
    select country, postcode, lat, lng, place_name as "placeName" from pickup_postcodes
    where workspace_id = ${workspaceId} and country = ${country} and postcode in (${sql.join(
      candidates.map((c) => sql`${c}`),
      sql`, `,
    )})
    order by length(postcode) desc limit 1`);
  const hit = r.rows[0];
  if (!hit)
    throw new AppError(
      'NOT_FOUND',
      `The postcode "${postcode.trim()}" (${country}) is not in this workspace's postcode table. Import postcode centroids for ${country}, or search by coordinates.`,
      [{ field: 'postcode', message: `"${postcode.trim()}" is not a known ${country} postcode` }],
    );
  return hit;
}

export async function countPostcodes(db: DbOrTx, workspaceId: string) {
  const r = await db.execute<{ country: string; n: number }>(sql`
    select country, count(*)::int as n from pickup_postcodes where workspace_id = ${workspaceId}
    group by country order by country`);
  return r.rows;
}
