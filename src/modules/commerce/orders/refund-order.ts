import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { returnStock } from '../stock/reservations.ts';
import type { TOrder, TRefundCreate } from './contracts.ts';
import { bumpLines, checkLineQuantities, conflict, inTransaction, lockOrder, saveOrder } from './lifecycle.ts';
import { moneyText } from './order-events.ts';
import { orderPayments } from './schema.ts';

/**
 * Money back (up to what was paid and not refunded yet), and optionally goods back on the shelf: `restock` lines go
 * through `returnStock` (to the location given, else where they left from). Lines outside the catalog, and orders
 * brought in as history (they never held stock), only count the returned units.
 */
export async function refundOrder(
  db: Db,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: TRefundCreate },
): Promise<TOrder> {
  return inTransaction(db, async (tx) => {
    const { row, lines } = await lockOrder(tx, workspaceId, orderId);
    const refundable = row.paidMinor - row.refundedMinor;
    const restock = input.restock ?? [];
    if (input.amountMinor === 0 && !restock.length)
      throw AppError.validation([{ field: 'amountMinor', message: 'give an amount, or lines to restock' }]);
    if (input.amountMinor > 0 && refundable <= 0) throw conflict(row, 'no payment is left to refund');
    if (input.amountMinor > refundable)
      throw AppError.validation([
        {
          field: 'amountMinor',
          message: `is more than the ${moneyText(refundable, row.currency)} paid and not refunded`,
        },
      ]);
    const take = checkLineQuantities(
      lines,
      restock,
      (l) => l.fulfilledQty - l.returnedQty,
      'units out of the building to take back',
      'restock',
    );
    const byId = new Map(lines.map((l) => [l.id, l]));
    const toStock = restock.filter((r) => byId.get(r.lineId)?.variantId && !row.imported);
    if (toStock.length) {
      try {
        await returnStock(tx, {
          workspaceId,
          orderId,
          lines: toStock.map((r) => ({
            lineId: r.lineId,
            quantity: r.quantity,
            ...(r.locationId ? { locationId: r.locationId } : {}),
          })),
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fields = err.fields.map((f) => {
          const m = /^lines\.(\d+)\.(.*)$/.exec(f.field);
          const i = m ? restock.indexOf(toStock[Number(m[1])]!) : -1;
          return i >= 0 && m ? { ...f, field: `restock.${i}.${m[2]}` } : f;
        });
        throw new AppError(err.code, err.message, fields);
      }
    }
    await bumpLines(tx, workspaceId, 'returned_qty', take);
    const at = new Date();
    if (input.amountMinor > 0)
      await tx.insert(orderPayments).values({
        workspaceId,
        id: newId(),
        orderId,
        kind: 'refund',
        amountMinor: input.amountMinor,
        reason: input.reason ?? null,
        at,
        actorId,
      });
    const reason = input.reason ?? null;
    const n = [...take.values()].reduce((s, q) => s + q, 0);
    const what = [
      input.amountMinor > 0 ? moneyText(input.amountMinor, row.currency) : null,
      n ? `${n} ${n === 1 ? 'item' : 'items'} back in stock` : null,
    ].filter(Boolean);
    return saveOrder(tx, row, { refundedMinor: row.refundedMinor + input.amountMinor }, () => [
      {
        type: 'refunded',
        fromStatus: row.status,
        event: 'order.refunded',
        data: {
          amountMinor: input.amountMinor,
          reason,
          restock: [...take.entries()].map(([lineId, quantity]) => ({ lineId, quantity })),
        },
        summary: `Refund for order ${row.number} — ${what.join(', ')}${reason ? ` (${reason})` : ''}`,
        at,
        actorId,
      },
    ]);
  });
}
