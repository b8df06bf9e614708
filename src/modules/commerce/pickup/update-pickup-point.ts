import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import type { TPickupPoint, TPickupPointCreate, TPickupPointUpdate } from './contracts.ts';
import { codeTaken } from './create-pickup-point.ts';
import { toPickupPoint } from './point-row.ts';
import { preparePoint } from './prepare-point.ts';
import { pickupPoints } from './schema.ts';

/**
 * Changes the fields given. The merged point is checked as a whole (a point turned into a partner point needs its
 * partner), so a patch cannot leave it inconsistent.
 */
export async function updatePickupPoint({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TPickupPointUpdate;
}): Promise<TPickupPoint> {
  return db.transaction(async (tx) => {
    const where = and(eq(pickupPoints.workspaceId, workspaceId), eq(pickupPoints.id, id));
    const [cur] = await tx.select().from(pickupPoints).where(where).for('update');
    if (!cur) throw AppError.notFound('Pickup point');
    const hoursGiven = input.hoursText !== undefined;
    const merged: TPickupPointCreate = {
      code: input.code !== undefined ? input.code : cur.code,
      kind: input.kind ?? cur.kind,
      name: input.name ?? cur.name,
      partner: input.partner !== undefined ? input.partner : cur.partner,
      carrier: input.carrier !== undefined ? input.carrier : cur.carrier,
      address: {
        line1: input.address?.line1 ?? cur.addressLine1,
        line2: input.address?.line2 !== undefined ? input.address.line2 : cur.addressLine2,
        city: input.address?.city ?? cur.city,
        region: input.address?.region !== undefined ? input.address.region : cur.region,
        postcode: input.address?.postcode !== undefined ? input.address.postcode : cur.postcode,
        country: input.address?.country ?? cur.country,
      },
      lat: input.lat ?? cur.lat,
      lng: input.lng ?? cur.lng,
      timezone: input.timezone !== undefined ? input.timezone : cur.timezone,
      ...(hoursGiven
        ? { hoursText: input.hoursText }
        : { hours: input.hours ?? cur.hours, hoursExceptions: input.hoursExceptions ?? cur.hoursExceptions }),
      ...(hoursGiven && (input.hours !== undefined || input.hoursExceptions !== undefined)
        ? { hours: input.hours, hoursExceptions: input.hoursExceptions }
        : {}),
      capabilities: input.capabilities ?? cur.capabilities,
      capacityPerDay: input.capacityPerDay !== undefined ? input.capacityPerDay : cur.capacityPerDay,
      fee: {
        amountMinor: input.fee?.amountMinor ?? cur.feeMinor,
        currency: input.fee?.currency ?? cur.currency,
      },
      instructions: input.instructions !== undefined ? input.instructions : cur.instructions,
      active: input.active ?? cur.active,
    };
    const prepared = preparePoint(merged, { currency: cur.currency });
    if (!prepared.ok) throw AppError.validation(prepared.errors);
    try {
      const [row] = await tx
        .update(pickupPoints)
        .set({ ...prepared.values, updatedAt: new Date() })
        .where(where)
        .returning();
      return toPickupPoint(row!);
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw codeTaken(merged.code);
      throw err;
    }
  });
}
