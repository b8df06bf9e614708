import type { Db } from '../../../platform/db/client.ts';
import { releasePickupCapacity } from '../pickup/capacity.ts';
import { releaseStock } from '../stock/reservations.ts';
import type { TCancelRequest, TOrder } from './contracts.ts';
import { conflict, inTransaction, lockOrder, saveOrder } from './lifecycle.ts';

/**
 * Cancels an order nothing of which was fulfilled yet: its reserved stock goes back to available (`releaseStock`)
 * and its pickup slot is given back. Money already paid stays recorded — refund it as a step of its own. A
 * customer's lifecycle stage does not move back.
 */
export async function cancelOrder(
  db: Db,
  {
    workspaceId,
    actorId,
    orderId,
    input,
  }: { workspaceId: string; actorId: string | null; orderId: string; input: TCancelRequest },
): Promise<TOrder> {
  return inTransaction(db, async (tx) => {
    const { row } = await lockOrder(tx, workspaceId, orderId);
    if (row.status === 'cancelled') throw conflict(row, 'it was cancelled already');
    if (row.status !== 'placed' && row.status !== 'paid')
      throw conflict(row, 'only an order nothing of which was fulfilled can be cancelled — record a refund instead');
    const released = await releaseStock(tx, { workspaceId, orderId });
    const pickup = await releasePickupCapacity(tx, { workspaceId, orderId });
    const at = new Date();
    const reason = input.reason ?? null;
    return saveOrder(tx, row, { status: 'cancelled', cancelledAt: at, cancelReason: reason }, () => [
      {
        type: 'cancelled',
        fromStatus: row.status,
        event: 'order.cancelled',
        data: {
          reason,
          releasedUnits: released.reduce((s, r) => s + r.quantity, 0),
          pickupReleased: pickup !== null,
        },
        summary: `Order ${row.number} cancelled${reason ? ` — ${reason}` : ''}`,
        at,
        actorId,
      },
    ]);
  });
}
