import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isValidDate } from './opening-hours.ts';

export type PickupClaim = {
  pickupPointId: string;
  orderId: string;
  date: string;
  /** Parcels claimed on that day at that point, this one included. */
  claimed: number;
  /** null: the point takes any number. */
  capacity: number | null;
};

type DayRow = { claimed: number };

/** Adds one parcel to a point's day unless that would pass the capacity; null when the day is full. */
async function takeSlot(
  tx: DbOrTx,
  workspaceId: string,
  pointId: string,
  date: string,
  capacity: number | null,
): Promise<number | null> {
  // The upsert locks the day's row: a concurrent claim waits here, then re-checks the condition against the
  // committed count (READ COMMITTED re-evaluates the WHERE on the newest row version), so the last slot is taken once.
  if (capacity !== null && capacity < 1) return null;
  const r = await tx.execute<DayRow>(sql`
    insert into pickup_capacity_days as d (workspace_id, pickup_point_id, day, claimed)
    values (${workspaceId}, ${pointId}, ${date}::date, 1)
    on conflict (workspace_id, pickup_point_id, day) do update set claimed = d.claimed + 1
      where ${capacity}::int is null or d.claimed < ${capacity}::int
    returning claimed`);
  return r.rows[0]?.claimed ?? null;
}

async function freeSlot(tx: DbOrTx, workspaceId: string, pointId: string, date: string): Promise<void> {
  await tx.execute(sql`
    update pickup_capacity_days set claimed = greatest(claimed - 1, 0)
    where workspace_id = ${workspaceId} and pickup_point_id = ${pointId} and day = ${date}::date`);
}

/**
 * Counts an order against a pickup point's capacity on a day, inside the caller's transaction (the order's). Safe
 * to repeat: the same order, point and day is claimed once; a different point or day moves the claim. Throws
 * NOT_FOUND for an unknown point, VALIDATION for an inactive one or a bad date, CONFLICT when the day is full.
 */
export async function claimPickupCapacity(
  tx: DbOrTx,
  opts: { workspaceId: string; pickupPointId: string; orderId: string; date: string },
): Promise<PickupClaim> {
  const { workspaceId, pickupPointId, orderId, date } = opts;
  if (!isValidDate(date)) throw AppError.validation([{ field: 'date', message: `"${date}" is not a YYYY-MM-DD date` }]);
  const p = await tx.execute<{ active: boolean; capacity: number | null; name: string }>(sql`
    select active, capacity_per_day as capacity, name from pickup_points
    where workspace_id = ${workspaceId} and id = ${pickupPointId}`);
  const point = p.rows[0];
  if (!point) throw AppError.notFound('Pickup point');
  if (!point.active)
    throw AppError.validation([
      { field: 'pickupPointId', message: `the pickup point "${point.name}" is not taking parcels (inactive)` },
    ]);

  // The claim row is inserted first: two claims for the same order serialise on its primary key.
  const ins = await tx.execute(sql`
    insert into pickup_capacity_claims (workspace_id, order_id, pickup_point_id, day)
    values (${workspaceId}, ${orderId}, ${pickupPointId}, ${date}::date)
    on conflict (workspace_id, order_id) do nothing`);
  let prev: { pickupPointId: string; day: string } | undefined;
  if (ins.rowCount === 0) {
    const cur = await tx.execute<{ pickupPointId: string; day: string }>(sql`
      select pickup_point_id as "pickupPointId", day::text as day from pickup_capacity_claims
      where workspace_id = ${workspaceId} and order_id = ${orderId} for update`);
    prev = cur.rows[0];
    if (prev && prev.pickupPointId === pickupPointId && prev.day === date) {
      const d = await tx.execute<DayRow>(sql`
        select claimed from pickup_capacity_days
        where workspace_id = ${workspaceId} and pickup_point_id = ${pickupPointId} and day = ${date}::date`);
      return { pickupPointId, orderId, date, claimed: d.rows[0]?.claimed ?? 0, capacity: point.capacity };
    }
  }
  // The new slot is taken before anything else changes, so a full day leaves the order's claims as they were even
  // when the caller catches the error and carries on in the same transaction.
  const claimed = await takeSlot(tx, workspaceId, pickupPointId, date, point.capacity);
  if (claimed === null) {
    if (ins.rowCount !== 0)
      await tx.execute(
        sql`delete from pickup_capacity_claims where workspace_id = ${workspaceId} and order_id = ${orderId}`,
      );
    throw new AppError('CONFLICT', `The pickup point "${point.name}" is full on ${date}.`, [
      { field: 'pickupPointId', message: `has no capacity left on ${date} (${point.capacity} a day)` },
    ]);
  }
  if (prev) {
    await freeSlot(tx, workspaceId, prev.pickupPointId, prev.day);
    await tx.execute(sql`
      update pickup_capacity_claims set pickup_point_id = ${pickupPointId}, day = ${date}::date, created_at = now()
      where workspace_id = ${workspaceId} and order_id = ${orderId}`);
  }
  return { pickupPointId, orderId, date, claimed, capacity: point.capacity };
}

/**
 * Gives an order's slot back (cancellation, or the customer chose home delivery after all). Returns the released
 * claim, or null when the order held none — so it is safe to call twice.
 */
export async function releasePickupCapacity(
  tx: DbOrTx,
  opts: { workspaceId: string; orderId: string },
): Promise<{ pickupPointId: string; date: string } | null> {
  const r = await tx.execute<{ pickupPointId: string; day: string }>(sql`
    delete from pickup_capacity_claims where workspace_id = ${opts.workspaceId} and order_id = ${opts.orderId}
    returning pickup_point_id as "pickupPointId", day::text as day`);
  const gone = r.rows[0];
  if (!gone) return null;
  await freeSlot(tx, opts.workspaceId, gone.pickupPointId, gone.day);
  return { pickupPointId: gone.pickupPointId, date: gone.day };
}
