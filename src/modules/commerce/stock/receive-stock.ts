import type { Db } from '../../../platform/db/client.ts';
import type { TReceive } from './contracts.ts';
import { applyMovements, lockLevels } from './ledger.ts';
import { assertVariants, countedLocation } from './stock-writes.ts';

/** Goods arrived at a location: on hand goes up, one `received` movement per line. All lines or none. */
export async function receiveStock({
  db,
  workspaceId,
  actorId,
  locationId,
  input,
}: {
  db: Db;
  workspaceId: string;
  actorId: string | null;
  locationId: string;
  input: TReceive;
}): Promise<{ movements: number }> {
  return db.transaction(async (tx) => {
    await countedLocation(tx, workspaceId, locationId);
    await assertVariants(tx, workspaceId, input.lines);
    const levels = await lockLevels(
      tx,
      workspaceId,
      input.lines.map((l) => ({ locationId, variantId: l.variantId })),
      { create: true },
    );
    await applyMovements(
      tx,
      workspaceId,
      levels,
      input.lines.map((l) => ({
        locationId,
        variantId: l.variantId,
        kind: 'received',
        quantity: l.quantity,
        onHandDelta: l.quantity,
        reservedDelta: 0,
        reason: input.reason ?? null,
        actorId,
      })),
    );
    return { movements: input.lines.length };
  });
}
