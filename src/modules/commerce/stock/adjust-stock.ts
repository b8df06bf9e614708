import type { Db } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { TAdjust } from './contracts.ts';
import { applyMovements, levelKey, lockLevels, type Movement } from './ledger.ts';
import { assertVariants, countedLocation } from './stock-writes.ts';

/**
 * Corrects on-hand stock: to a counted quantity (`onHand`) or by a change (`delta`), with a reason, as `adjusted`
 * movements. A count below what is reserved is accepted — it is what is on the shelf — and leaves the level
 * oversubscribed (negative available) until orders are released or stock arrives; nothing new can be reserved there.
 * Below zero on hand is refused, naming the line. All lines or none.
 */
export async function adjustStock({
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
  input: TAdjust;
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
    // Several lines for one variant apply in order, so track the running quantity.
    const running = new Map([...levels].map(([k, v]) => [k, v.onHand]));
    const errors: FieldError[] = [];
    const movements: Movement[] = [];
    input.lines.forEach((l, i) => {
      const key = levelKey(locationId, l.variantId);
      const before = running.get(key) ?? 0;
      const after = l.onHand ?? before + (l.delta ?? 0);
      if (after < 0) {
        errors.push({ field: `lines.${i}.delta`, message: `would leave ${after} on hand (there are ${before})` });
        return;
      }
      running.set(key, after);
      if (after === before) return;
      movements.push({
        locationId,
        variantId: l.variantId,
        kind: 'adjusted',
        quantity: Math.abs(after - before),
        onHandDelta: after - before,
        reservedDelta: 0,
        reason: input.reason,
        actorId,
      });
    });
    if (errors.length) throw AppError.validation(errors);
    await applyMovements(tx, workspaceId, levels, movements);
    return { movements: movements.length };
  });
}
