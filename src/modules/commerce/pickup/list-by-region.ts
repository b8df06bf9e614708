import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import type { TPickupPoint } from './contracts.ts';
import { POINT_COLUMNS, type PointRow, toPickupPoint } from './point-row.ts';
import type { Capability, PickupKind } from './schema.ts';

export type RegionGroup = { country: string; region: string | null; count: number; points: TPickupPoint[] };

/**
 * Active points grouped by country and region, for a "collect near you" page: regions in alphabetical order (points
 * without a region last), points by city and name. `perRegion` bounds each group's list; `count` is the full count.
 */
export async function listPickupPointsByRegion({
  db,
  workspaceId,
  country,
  capability,
  kind,
  perRegion = 500,
}: {
  db: DbOrTx;
  workspaceId: string;
  country?: string | undefined;
  capability?: Capability[] | undefined;
  kind?: PickupKind[] | undefined;
  perRegion?: number;
}): Promise<{ data: RegionGroup[]; total: number }> {
  const where: SQL[] = [sql`p.workspace_id = ${workspaceId}`, sql`p.active`];
  if (country) where.push(sql`p.country = ${country}`);
  if (capability?.length) where.push(sql`p.capabilities @> ${textArray(capability)}`);
  if (kind?.length) where.push(sql`p.kind = any(${textArray(kind)})`);
  const r = await db.execute<PointRow & { rn: number; n: number }>(sql`
    select * from (
      select ${sql.raw(POINT_COLUMNS)},
        row_number() over w as rn, count(*) over (partition by p.country, p.region) as n
      from pickup_points p
      where ${sql.join(where, sql` and `)}
      window w as (partition by p.country, p.region order by p.city, p.name, p.id)
    ) x
    where rn <= ${perRegion}
    order by country, region nulls last, rn`);
  const groups: RegionGroup[] = [];
  let total = 0;
  for (const row of r.rows) {
    let g = groups[groups.length - 1];
    if (!g || g.country !== row.country || g.region !== row.region) {
      g = { country: row.country, region: row.region, count: Number(row.n), points: [] };
      groups.push(g);
      total += g.count;
    }
    g.points.push(toPickupPoint(row));
  }
  return { data: groups, total };
}
