import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import type { TOrder } from './contracts.ts';
import { orderHistory, orderLines, orderPayments, orderShipments, orders } from './schema.ts';
import { toOrder } from './serialize.ts';

/** The order with its lines, payments, shipments and history (oldest first). */
export async function getOrderIn(db: DbOrTx, workspaceId: string, id: string): Promise<TOrder> {
  if (!isUuid(id)) throw AppError.notFound('Order');
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, id)));
  if (!row) throw AppError.notFound('Order');
  const [lines, payments, shipments, history] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, id)))
      .orderBy(asc(orderLines.position)),
    db
      .select()
      .from(orderPayments)
      .where(and(eq(orderPayments.workspaceId, workspaceId), eq(orderPayments.orderId, id)))
      .orderBy(asc(orderPayments.at), asc(orderPayments.id)),
    db
      .select()
      .from(orderShipments)
      .where(and(eq(orderShipments.workspaceId, workspaceId), eq(orderShipments.orderId, id)))
      .orderBy(asc(orderShipments.shippedAt), asc(orderShipments.id)),
    db
      .select()
      .from(orderHistory)
      .where(and(eq(orderHistory.workspaceId, workspaceId), eq(orderHistory.orderId, id)))
      .orderBy(asc(orderHistory.at), asc(orderHistory.id)),
  ]);
  return toOrder(row, { lines, payments, shipments, history });
}

export async function getOrder({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return getOrderIn(db, workspaceId, id);
}
