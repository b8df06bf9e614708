import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { stockLevels, stockLocations } from './schema.ts';

/** Deletes a location that never moved stock; one with a ledger is deactivated instead (its history stays). */
export async function deleteLocation({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const where = and(eq(stockLocations.workspaceId, workspaceId), eq(stockLocations.id, id));
    const [row] = await tx.select({ id: stockLocations.id }).from(stockLocations).where(where).for('update');
    if (!row) throw AppError.notFound('Stock location');
    const moved = await tx.execute(sql`
      select 1 from commerce_stock_movements where workspace_id = ${workspaceId} and location_id = ${id} limit 1`);
    if (moved.rows.length)
      throw new AppError('CONFLICT', 'This location has stock history; deactivate it instead of deleting it', [
        { field: 'id', message: 'has stock history' },
      ]);
    await tx.delete(stockLevels).where(and(eq(stockLevels.workspaceId, workspaceId), eq(stockLevels.locationId, id)));
    await tx.delete(stockLocations).where(where);
  });
}
