import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import type { TLocation, TLocationUpdate } from './contracts.ts';
import { nameTaken } from './create-location.ts';
import { checkLocation, getLocation } from './locations.ts';
import { stockLocations } from './schema.ts';

/**
 * Changes only the fields given. The kind is fixed once created (a warehouse's ledger would make no sense as a
 * supplier's); switching a supplier to or from unlimited is allowed only while it holds no reservations, since the
 * levels would mean something else before and after.
 */
export async function updateLocation({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TLocationUpdate;
}): Promise<TLocation> {
  return db.transaction(async (tx) => {
    const where = and(eq(stockLocations.workspaceId, workspaceId), eq(stockLocations.id, id));
    const [row] = await tx.select().from(stockLocations).where(where).for('update');
    if (!row) throw AppError.notFound('Stock location');
    const next = {
      name: input.name ?? row.name,
      code: input.code === undefined ? row.code : input.code,
      address: input.address ?? row.address,
      supplierEmail:
        input.supplierEmail === undefined ? row.supplierEmail : (input.supplierEmail?.toLowerCase() ?? null),
      tracksLevels: input.tracksLevels ?? row.tracksLevels,
      priority: input.priority ?? row.priority,
      active: input.active ?? row.active,
    };
    checkLocation({ ...next, kind: row.kind });
    if (next.tracksLevels !== row.tracksLevels) {
      const held = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from commerce_stock_levels
        where workspace_id = ${workspaceId} and location_id = ${id} and (reserved > 0 or on_hand > 0)`);
      if ((held.rows[0]?.n ?? 0) > 0)
        throw AppError.validation([
          { field: 'tracksLevels', message: 'cannot change while the location holds stock or reservations' },
        ]);
    }
    try {
      await tx
        .update(stockLocations)
        .set({ ...next, updatedAt: new Date() })
        .where(where);
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(next.name);
      throw err;
    }
    return getLocation({ db: tx, workspaceId, id });
  });
}
