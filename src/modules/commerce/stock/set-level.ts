import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { available, lockLevels } from './ledger.ts';
import { stockLevels, stockLocations } from './schema.ts';
import { assertVariants } from './stock-writes.ts';

/**
 * Sets a level's low-stock threshold, creating the level when the location did not carry the variant yet — which
 * is also how a variant is linked to a dropship supplier. A level already at or below the new threshold is marked
 * low at once (without a second `stock.low` when it already was).
 */
export async function setLevel({
  db,
  workspaceId,
  locationId,
  variantId,
  lowStockThreshold,
}: {
  db: Db;
  workspaceId: string;
  locationId: string;
  variantId: string;
  lowStockThreshold: number | null;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const [loc] = await tx
      .select({ id: stockLocations.id })
      .from(stockLocations)
      .where(and(eq(stockLocations.workspaceId, workspaceId), eq(stockLocations.id, locationId)));
    if (!loc) throw AppError.notFound('Stock location');
    await assertVariants(tx, workspaceId, [{ variantId }]).catch(() => {
      throw AppError.notFound('Variant');
    });
    const levels = await lockLevels(tx, workspaceId, [{ locationId, variantId }], { create: true });
    const level = [...levels.values()][0]!;
    const low = lowStockThreshold !== null && level.tracksLevels && available(level) <= lowStockThreshold;
    await tx
      .update(stockLevels)
      .set({
        lowStockThreshold,
        lowSince: low ? (level.lowSince ?? new Date()) : null,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(stockLevels.workspaceId, workspaceId),
          eq(stockLevels.locationId, locationId),
          eq(stockLevels.variantId, variantId),
        ),
      );
    if (low && !level.lowSince)
      await emitEvent(tx, {
        workspaceId,
        type: 'stock.low',
        subjectId: variantId,
        payload: {
          variantId,
          locationId,
          locationName: level.locationName,
          available: available(level),
          threshold: lowStockThreshold,
        },
      });
  });
}
