import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { TOrder, TShipmentCreate } from './contracts.ts';
import { getOrderIn } from './get-order.ts';
import {
  bumpLines,
  checkLineQuantities,
  conflict,
  inTransaction,
  type LineQty,
  linesOf,
  lockOrder,
  saveOrder,
  statusOf,
  units,
  withAdded,
} from './lifecycle.ts';
import { orderShipments } from './schema.ts';
import type { LineRow } from './serialize.ts';

const waiting = (l: LineRow) => l.fulfilledQty - l.shippedQty;

export type ShipInput = TShipmentCreate & {
  /** Set when a dropship supplier's shipment is recorded (stock's purchase request). */
  purchaseRequestId?: string;
  shippedAt?: Date;
};

/**
 * A parcel leaves: tracking number and carrier for fulfilled units (all that wait, or the lines given). Shipping
 * what was not fulfilled is refused with the line named — fulfil it first. `order.shipped` per shipment (each has its
 * own tracking); the order is shipped once every unit is. A repeated `reference` (or purchase request) records
 * nothing new.
 */
export async function shipOrder(
  db: Db,
  opts: { workspaceId: string; actorId: string | null; orderId: string; input: ShipInput },
): Promise<TOrder> {
  return inTransaction(db, (tx) => shipOrderIn(tx, opts));
}

export async function shipOrderIn(
  tx: Tx,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: ShipInput },
): Promise<TOrder> {
  const { row, lines } = await lockOrder(tx, workspaceId, orderId);
  if (input.reference || input.purchaseRequestId) {
    const [seen] = await tx
      .select({ id: orderShipments.id })
      .from(orderShipments)
      .where(
        and(
          eq(orderShipments.workspaceId, workspaceId),
          input.reference
            ? and(eq(orderShipments.orderId, orderId), eq(orderShipments.reference, input.reference))
            : eq(orderShipments.purchaseRequestId, input.purchaseRequestId!),
        ),
      );
    if (seen) return getOrderIn(tx, workspaceId, orderId);
  }
  if (row.status === 'cancelled' || row.status === 'delivered') throw conflict(row, 'it cannot be shipped any more');
  const requested: LineQty[] =
    input.lines ?? lines.flatMap((l) => (waiting(l) > 0 ? [{ lineId: l.id, quantity: waiting(l) }] : []));
  if (!requested.length) throw conflict(row, 'no fulfilled units wait for shipping — fulfil lines first');
  const take = checkLineQuantities(lines, requested, waiting, 'fulfilled units not yet shipped (fulfil first)');
  const shipmentId = newId();
  const shippedAt = input.shippedAt ?? new Date();
  await tx.insert(orderShipments).values({
    workspaceId,
    id: shipmentId,
    orderId,
    trackingNumber: input.trackingNumber ?? null,
    carrier: input.carrier ?? null,
    lines: linesOf(take),
    purchaseRequestId: input.purchaseRequestId ?? null,
    reference: input.reference ?? null,
    shippedAt,
    actorId,
  });
  await bumpLines(tx, workspaceId, 'shipped_qty', take);
  const after = withAdded(lines, 'shippedQty', take);
  const status = statusOf(row, after);
  const complete = status === 'shipped';
  const n = units(take);
  const via = [input.carrier, input.trackingNumber].filter(Boolean).join(' ');
  return saveOrder(tx, row, { status, ...(complete ? { shippedAt } : {}) }, () => [
    {
      type: 'shipped',
      fromStatus: row.status,
      event: 'order.shipped',
      data: {
        shipmentId,
        trackingNumber: input.trackingNumber ?? null,
        carrier: input.carrier ?? null,
        lines: linesOf(take),
        complete,
        ...(input.purchaseRequestId ? { purchaseRequestId: input.purchaseRequestId } : {}),
      },
      summary: `Order ${row.number} ${complete ? 'shipped' : 'partly shipped'} — ${n} ${n === 1 ? 'item' : 'items'}${via ? ` · ${via}` : ''}`,
      at: shippedAt,
      actorId,
    },
  ]);
}
