import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TDeliverRequest, TOrder } from './contracts.ts';
import { conflict, inTransaction, lockOrder, saveOrder } from './lifecycle.ts';
import { orderShipments } from './schema.ts';

/**
 * A shipment (or every one still on its way) reached the customer. The order becomes delivered — and
 * `order.delivered` is emitted, once — when every unit was shipped and every shipment delivered; an earlier parcel's
 * delivery is history and a timeline entry.
 */
export async function deliverOrder(
  db: Db,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: TDeliverRequest },
): Promise<TOrder> {
  return inTransaction(db, async (tx) => {
    const { row, lines } = await lockOrder(tx, workspaceId, orderId);
    if (row.status === 'cancelled' || row.status === 'delivered') throw conflict(row, 'it cannot be delivered again');
    const shipments = await tx
      .select()
      .from(orderShipments)
      .where(and(eq(orderShipments.workspaceId, workspaceId), eq(orderShipments.orderId, orderId)));
    const pending = shipments.filter((s) => !s.deliveredAt);
    let targets = pending;
    if (input.shipmentId) {
      const s = shipments.find((x) => x.id === input.shipmentId);
      if (!s) throw AppError.validation([{ field: 'shipmentId', message: 'is not a shipment of this order' }]);
      if (s.deliveredAt) throw AppError.validation([{ field: 'shipmentId', message: 'was delivered already' }]);
      targets = [s];
    }
    if (!targets.length) throw conflict(row, 'no shipment is on its way — ship it first');
    const at = new Date();
    await tx
      .update(orderShipments)
      .set({ deliveredAt: at })
      .where(
        and(
          eq(orderShipments.workspaceId, workspaceId),
          sql`${orderShipments.id} = any(${uuidArray(targets.map((t) => t.id))})`,
          isNull(orderShipments.deliveredAt),
        ),
      );
    const allShipped = lines.every((l) => l.shippedQty >= l.quantity);
    const complete = allShipped && pending.length === targets.length;
    const ids = targets.map((t) => t.id);
    return saveOrder(tx, row, complete ? { status: 'delivered', deliveredAt: at } : {}, () => [
      complete
        ? {
            type: 'delivered',
            fromStatus: row.status,
            event: 'order.delivered',
            data: { shipmentIds: ids },
            summary: `Order ${row.number} delivered`,
            at,
            actorId,
          }
        : {
            type: 'parcel_delivered',
            fromStatus: row.status,
            data: { shipmentIds: ids },
            summary: `A parcel of order ${row.number} was delivered`,
            at,
            actorId,
          },
    ]);
  });
}
