import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';

export type CapacityDay = { date: string; claimed: number; capacity: number | null; left: number | null };

/** Claimed parcels per day at a point over a date span (days with no claim included), for its page. */
export async function pointCapacity({
  db,
  workspaceId,
  id,
  from,
  days,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  from: string;
  days: number;
}): Promise<CapacityDay[]> {
  const p = await db.execute<{ capacity: number | null }>(
    sql`select capacity_per_day as capacity from pickup_points where workspace_id = ${workspaceId} and id = ${id}`,
  );
  if (!p.rows[0]) throw AppError.notFound('Pickup point');
  const capacity = p.rows[0].capacity;
  const r = await db.execute<{ date: string; claimed: number }>(sql`
    select g.day::date::text as date, coalesce(d.claimed, 0)::int as claimed
    from generate_series(${from}::date, ${from}::date + ${days - 1}::int, interval '1 day') g(day)
    left join pickup_capacity_days d
      on d.workspace_id = ${workspaceId} and d.pickup_point_id = ${id} and d.day = g.day::date
    order by g.day`);
  return r.rows.map((d) => ({ ...d, capacity, left: capacity === null ? null : Math.max(0, capacity - d.claimed) }));
}
