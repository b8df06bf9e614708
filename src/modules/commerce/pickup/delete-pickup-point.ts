import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * Deletes a point that no order is waiting to collect at. One with open claims must be deactivated instead (it
 * then takes no new parcels), or the orders would point nowhere.
 */
export async function deletePickupPoint({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const p = await tx.execute(
      sql`select 1 from pickup_points where workspace_id = ${workspaceId} and id = ${id} for update`,
    );
    if (!p.rowCount) throw AppError.notFound('Pickup point');
    const open = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from pickup_capacity_claims
      where workspace_id = ${workspaceId} and pickup_point_id = ${id} and day >= current_date`);
    const n = open.rows[0]?.n ?? 0;
    if (n > 0)
      throw new AppError(
        'CONFLICT',
        `${n} order(s) are to be collected at this point; deactivate it instead of deleting it.`,
      );
    await tx.execute(
      sql`delete from pickup_capacity_days where workspace_id = ${workspaceId} and pickup_point_id = ${id}`,
    );
    await tx.execute(sql`delete from pickup_points where workspace_id = ${workspaceId} and id = ${id}`);
  });
}
