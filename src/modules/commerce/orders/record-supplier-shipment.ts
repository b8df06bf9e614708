import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TOrder } from './contracts.ts';
import { getOrderIn } from './get-order.ts';
import { bumpLines, inTransaction, lockOrder, saveOrder, statusOf, withAdded } from './lifecycle.ts';
import { orderShipments } from './schema.ts';
import { shipOrderIn } from './ship-order.ts';

export type SupplierShipment = {
  orderId: string;
  purchaseRequestId: string;
  lines: { lineId: string; quantity: number }[];
  trackingNumber: string | null;
  carrier: string | null;
};

/**
 * A dropship supplier sent its part of an order (stock's `purchase_request.shipped`). Those units were never picked
 * here, so they count as fulfilled and shipped at once — `order.fulfilled`, then `order.shipped` with the supplier's
 * tracking. Their stock movement is the stock area's (it closed the purchase request). Recorded once per purchase
 * request, however often the event is delivered; an order cancelled meanwhile is left alone.
 */
export async function recordSupplierShipment(db: Db, workspaceId: string, s: SupplierShipment): Promise<TOrder | null> {
  return inTransaction(db, async (tx) => {
    const { row, lines } = await lockOrder(tx, workspaceId, s.orderId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return { row: null, lines: [] };
      throw err;
    });
    if (!row) return null;
    const [seen] = await tx
      .select({ id: orderShipments.id })
      .from(orderShipments)
      .where(
        and(eq(orderShipments.workspaceId, workspaceId), eq(orderShipments.purchaseRequestId, s.purchaseRequestId)),
      );
    if (seen || row.status === 'cancelled' || row.status === 'delivered') return getOrderIn(tx, workspaceId, s.orderId);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const take = new Map<string, number>();
    for (const l of s.lines) {
      const line = byId.get(l.lineId);
      if (!line) continue;
      const q = Math.min(l.quantity, line.quantity - line.fulfilledQty - (take.get(line.id) ?? 0));
      if (q > 0) take.set(line.id, (take.get(line.id) ?? 0) + q);
    }
    // Units already fulfilled here (by hand) are not the supplier's to ship again.
    if (!take.size) return getOrderIn(tx, workspaceId, s.orderId);
    {
      await bumpLines(tx, workspaceId, 'fulfilled_qty', take);
      const after = withAdded(lines, 'fulfilledQty', take);
      const complete = after.every((l) => l.fulfilledQty >= l.quantity);
      await saveOrder(
        tx,
        row,
        { status: statusOf(row, after), ...(complete ? { fulfilledAt: new Date() } : {}) },
        () => [
          {
            type: 'fulfilled',
            fromStatus: row.status,
            event: 'order.fulfilled',
            data: {
              lines: [...take].map(([lineId, quantity]) => ({ lineId, quantity })),
              purchaseRequestId: s.purchaseRequestId,
              complete,
            },
            actorId: null,
          },
        ],
      );
    }
    return shipOrderIn(tx, {
      workspaceId,
      actorId: null,
      orderId: s.orderId,
      input: {
        lines: [...take].map(([lineId, quantity]) => ({ lineId, quantity })),
        purchaseRequestId: s.purchaseRequestId,
        ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
        ...(s.carrier ? { carrier: s.carrier } : {}),
      },
    });
  });
}
