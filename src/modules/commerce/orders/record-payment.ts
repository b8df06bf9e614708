import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { TOrder, TPaymentCreate } from './contracts.ts';
import { inTransaction, lockOrder, saveOrder } from './lifecycle.ts';
import { moneyText } from './order-events.ts';
import { orderPayments } from './schema.ts';

/**
 * Records money received for an order. The payment that completes the total makes the order paid (`order.paid`,
 * and the `paid` step while nothing is fulfilled yet); a part payment is history and a timeline entry only.
 */
export async function recordPayment(
  db: Db,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: TPaymentCreate },
): Promise<TOrder> {
  return inTransaction(db, async (tx) => {
    const { row } = await lockOrder(tx, workspaceId, orderId);
    if (row.status === 'cancelled')
      throw new AppError('CONFLICT', `Order ${row.number} is cancelled: it takes no payment`, [
        { field: 'status', message: 'is cancelled' },
      ]);
    const due = row.totalMinor - row.paidMinor;
    if (due <= 0)
      throw new AppError('CONFLICT', `Order ${row.number} is paid in full already`, [
        { field: 'paymentStatus', message: `is ${row.paymentStatus}` },
      ]);
    if (input.amountMinor > due)
      throw AppError.validation([
        { field: 'amountMinor', message: `is more than the ${moneyText(due, row.currency)} still due` },
      ]);
    const at = input.paidAt ? new Date(input.paidAt) : new Date();
    await tx.insert(orderPayments).values({
      workspaceId,
      id: newId(),
      orderId,
      kind: 'payment',
      amountMinor: input.amountMinor,
      method: input.method ?? null,
      reference: input.reference ?? null,
      at,
      actorId,
    });
    const paidMinor = row.paidMinor + input.amountMinor;
    const complete = paidMinor >= row.totalMinor;
    const amount = moneyText(input.amountMinor, row.currency);
    const data = { amountMinor: input.amountMinor, method: input.method ?? null, reference: input.reference ?? null };
    return saveOrder(
      tx,
      row,
      {
        paidMinor,
        ...(complete ? { paidAt: at } : {}),
        ...(complete && row.status === 'placed' ? { status: 'paid' as const } : {}),
      },
      () => [
        complete
          ? {
              type: 'paid',
              fromStatus: row.status,
              event: 'order.paid',
              data,
              summary: `Order ${row.number} paid — ${amount}`,
              at,
              actorId,
            }
          : {
              type: 'payment',
              fromStatus: row.status,
              data,
              summary: `Payment of ${amount} for order ${row.number}`,
              at,
              actorId,
            },
      ],
    );
  });
}
