import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { TPickupPoint } from './contracts.ts';
import { toPickupPoint } from './point-row.ts';
import { type PickupKind, pickupPoints } from './schema.ts';

export type PickupPointSummary = {
  id: string;
  name: string;
  kind: PickupKind;
  address: string;
  city: string;
  postcode: string | null;
  country: string;
  lat: number;
  lng: number;
};

/**
 * What an order keeps of its pickup point (and shows on the order page): the name and where it is. Null when the
 * workspace has no such point, so the caller decides whether that is an input error.
 */
export async function getPickupPointSummary(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<PickupPointSummary | null> {
  if (!isUuid(id)) return null;
  const [r] = await db
    .select({
      id: pickupPoints.id,
      name: pickupPoints.name,
      kind: pickupPoints.kind,
      line1: pickupPoints.addressLine1,
      line2: pickupPoints.addressLine2,
      city: pickupPoints.city,
      postcode: pickupPoints.postcode,
      country: pickupPoints.country,
      lat: pickupPoints.lat,
      lng: pickupPoints.lng,
    })
    .from(pickupPoints)
    .where(and(eq(pickupPoints.workspaceId, workspaceId), eq(pickupPoints.id, id)));
  if (!r) return null;
  const { line1, line2, ...rest } = r;
  return { ...rest, address: line2 ? `${line1}, ${line2}` : line1 };
}

export async function getPickupPoint(db: DbOrTx, workspaceId: string, id: string): Promise<TPickupPoint> {
  const [r] = await db
    .select()
    .from(pickupPoints)
    .where(and(eq(pickupPoints.workspaceId, workspaceId), eq(pickupPoints.id, id)));
  if (!r) throw AppError.notFound('Pickup point');
  return toPickupPoint(r);
}
