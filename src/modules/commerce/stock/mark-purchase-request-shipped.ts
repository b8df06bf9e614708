import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import type { TPurchaseRequest } from './contracts.ts';
import { shipStock } from './fulfil-stock.ts';
import { getPurchaseRequest } from './list-purchase-requests.ts';
import { lockReservations } from './lock-reservations.ts';
import { purchaseRequests } from './schema.ts';

/**
 * The supplier sent its parcel. In one transaction: the request is closed with the tracking, the units it holds at
 * the supplier move from reserved to shipped in the ledger, and `purchase_request.shipped` is raised for the orders
 * area (which records the order's shipment; it does not move stock again). A second call changes nothing and
 * raises nothing; a cancelled request cannot ship.
 */
export async function markPurchaseRequestShipped({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: { trackingNumber?: string | undefined; carrier?: string | undefined };
}): Promise<TPurchaseRequest> {
  return db.transaction(async (tx) => {
    const where = and(eq(purchaseRequests.workspaceId, workspaceId), eq(purchaseRequests.id, id));
    const [seen] = await tx.select({ orderId: purchaseRequests.orderId }).from(purchaseRequests).where(where);
    if (!seen) throw AppError.notFound('Purchase request');
    // Lock order as releaseStock's: the order's reservations first (all of them, so any concurrent release or ship
    // of this order queues here), then the request, then the levels.
    await lockReservations(tx, workspaceId, seen.orderId);
    const [pr] = await tx.select().from(purchaseRequests).where(where).for('update');
    if (!pr) throw AppError.notFound('Purchase request');
    if (pr.status === 'shipped') return getPurchaseRequest({ db: tx, workspaceId, id });
    if (pr.status === 'cancelled')
      throw new AppError('CONFLICT', 'This purchase request was cancelled', [{ field: 'id', message: 'is cancelled' }]);
    const trackingNumber = input.trackingNumber || null;
    const carrier = input.carrier || null;
    // Units of the order cancelled meanwhile were released: only what is still reserved at the supplier ships.
    const shipped = await shipWhatIsLeft(tx, workspaceId, pr);
    await tx
      .update(purchaseRequests)
      .set({ status: 'shipped', shippedAt: new Date(), trackingNumber, carrier, updatedAt: new Date() })
      .where(where);
    const lines = [...shipped.reduce((m, s) => m.set(s.lineId, (m.get(s.lineId) ?? 0) + s.quantity), new Map())].map(
      ([lineId, quantity]: [string, number]) => ({ lineId, quantity }),
    );
    await emitEvent(tx, {
      workspaceId,
      type: 'purchase_request.shipped',
      subjectId: pr.id,
      payload: { orderId: pr.orderId, purchaseRequestId: pr.id, lines, trackingNumber, carrier },
    });
    return getPurchaseRequest({ db: tx, workspaceId, id });
  });
}

/** Ships, per line, what the supplier still holds reserved (less than asked when part of the order was cancelled). */
async function shipWhatIsLeft(tx: Tx, workspaceId: string, pr: typeof purchaseRequests.$inferSelect) {
  const rows = await lockReservations(
    tx,
    workspaceId,
    pr.orderId,
    pr.lines.map((l) => l.lineId),
  );
  const left = pr.lines
    .map((l) => ({
      lineId: l.lineId,
      quantity: Math.min(
        l.quantity,
        rows
          .filter((r) => r.lineId === l.lineId && r.locationId === pr.locationId)
          .reduce((s, r) => s + r.quantity - r.releasedQty - r.shippedQty, 0),
      ),
    }))
    .filter((l) => l.quantity > 0);
  return left.length ? shipStock(tx, { workspaceId, orderId: pr.orderId, locationId: pr.locationId, lines: left }) : [];
}
