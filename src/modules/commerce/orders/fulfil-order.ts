import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { shipStock } from '../stock/reservations.ts';
import type { TFulfilRequest, TOrder } from './contracts.ts';
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
import { openAllocations } from './pick-list.ts';
import type { LineRow } from './serialize.ts';

const open = (l: LineRow) => l.quantity - l.fulfilledQty;

/** The units still to fulfil at one location (a dropship supplier's share is the supplier's to send). */
export function openAtLocation(lines: LineRow[], locationId: string): LineQty[] {
  return lines.flatMap((l) => {
    const here = openAllocations(l.allocations, open(l))
      .filter((a) => a.locationId === locationId && a.locationKind !== 'dropship')
      .reduce((s, a) => s + a.quantity, 0);
    return here > 0 ? [{ lineId: l.id, quantity: here }] : [];
  });
}

/**
 * The open units the shop fulfils itself: a dropship supplier's units are fulfilled when the supplier reports its
 * shipment (`purchase_request.shipped`), never from here, or its later report would find nothing left to ship.
 */
function openOwn(lines: LineRow[]): LineQty[] {
  return lines.flatMap((l) => {
    const dropship = openAllocations(l.allocations, open(l))
      .filter((a) => a.locationKind === 'dropship')
      .reduce((s, a) => s + a.quantity, 0);
    const own = open(l) - dropship;
    return own > 0 ? [{ lineId: l.id, quantity: own }] : [];
  });
}

/**
 * Fulfilment: units picked, packed and out of stock (`shipStock`: reserved → shipped, on hand down). All open lines,
 * the lines given, or what a location's pick list holds. Partial fulfilment is a state of its own;
 * `order.fulfilled` carries the lines and `complete`.
 */
export async function fulfilOrder(
  db: Db,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: TFulfilRequest },
): Promise<TOrder> {
  return inTransaction(db, async (tx) => {
    const { row, lines } = await lockOrder(tx, workspaceId, orderId);
    if (row.status === 'cancelled' || row.status === 'delivered')
      throw conflict(row, 'it cannot be fulfilled any more');
    const requested: LineQty[] =
      input.lines ?? (input.locationId ? openAtLocation(lines, input.locationId) : openOwn(lines));
    if (!requested.length) {
      const anyOpen = lines.some((l) => open(l) > 0);
      if (input.locationId && anyOpen)
        throw AppError.validation([
          { field: 'locationId', message: 'no open line of this order is to be picked there' },
        ]);
      throw conflict(row, anyOpen ? 'what is left is shipped by dropship suppliers' : 'nothing is left to fulfil');
    }
    const take = checkLineQuantities(lines, requested, open, 'units left to fulfil');
    const passed = linesOf(take);
    try {
      await shipStock(tx, { workspaceId, orderId, lines: passed });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // shipStock names lines by their index in `passed`; the caller knows them by the request's.
      throw new AppError(
        err.code,
        err.message,
        err.fields.map((f) => {
          const m = /^lines\.(\d+)\.(.*)$/.exec(f.field);
          const lineId = m ? passed[Number(m[1])]?.lineId : undefined;
          const i = lineId ? requested.findIndex((r) => r.lineId === lineId) : -1;
          return i >= 0 && m ? { ...f, field: `lines.${i}.${m[2]}` } : f;
        }),
      );
    }
    await bumpLines(tx, workspaceId, 'fulfilled_qty', take);
    const after = withAdded(lines, 'fulfilledQty', take);
    const status = statusOf(row, after);
    const complete = after.every((l) => l.fulfilledQty >= l.quantity);
    const n = units(take);
    return saveOrder(tx, row, { status, ...(complete ? { fulfilledAt: new Date() } : {}) }, () => [
      {
        type: 'fulfilled',
        fromStatus: row.status,
        event: 'order.fulfilled',
        data: { lines: passed, locationId: input.locationId ?? null, complete },
        summary: `Order ${row.number} ${complete ? 'fulfilled' : 'partly fulfilled'} — ${n} ${n === 1 ? 'item' : 'items'}`,
        actorId,
      },
    ]);
  });
}
