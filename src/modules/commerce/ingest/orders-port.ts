// The one file of ingest that reaches into the orders area: the OrderInput contract, createOrders and the lifecycle
// use cases. Everything else in ingest maps outside formats onto these.
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { type OrderInput, type TOrder, ZOrderAddressInput } from '../orders/contracts.ts';
import { createOrders } from '../orders/create-order.ts';
import { deliverOrder } from '../orders/deliver-order.ts';
import { fulfilOrder } from '../orders/fulfil-order.ts';
import { getOrder } from '../orders/get-order.ts';
import { recordPayment } from '../orders/record-payment.ts';
import { refundOrder } from '../orders/refund-order.ts';
import { shipOrder } from '../orders/ship-order.ts';

export type { OrderInput, TOrder };
export type OrderAddressInput = z.input<typeof ZOrderAddressInput>;
export { ZOrderAddressInput };

export type CreateResult =
  | { status: 'created' | 'existing'; orderId: string; orderStatus: string }
  | { status: 'error'; error: { code: string; message: string; fields: { field: string; message: string }[] } };

/** createOrders, answering per input (same order) what happened: created, already there, or why not. */
export async function createOrdersFromIngest(
  db: Db,
  workspaceId: string,
  inputs: OrderInput[],
  actorId: string | null = null,
): Promise<CreateResult[]> {
  if (!inputs.length) return [];
  const { results } = await createOrders(db, { workspaceId, actorId, inputs });
  return results.map((r) =>
    r.status === 'error'
      ? { status: 'error', error: r.error }
      : { status: r.status, orderId: r.order.id, orderStatus: r.order.status },
  );
}

/**
 * The lifecycle steps a storefront's news can move an order through, each the orders area's own use case (its own
 * transaction, event and timeline entry). Ingest never writes the orders tables itself.
 */
export const orderSteps = {
  get: (db: Db, workspaceId: string, orderId: string) => getOrder({ db, workspaceId, id: orderId }),
  pay: (db: Db, workspaceId: string, orderId: string, input: Parameters<typeof recordPayment>[1]['input']) =>
    recordPayment(db, { workspaceId, actorId: null, orderId, input }),
  cancel: (db: Db, workspaceId: string, orderId: string, reason: string | undefined) =>
    cancelOrder(db, { workspaceId, actorId: null, orderId, input: reason ? { reason } : {} }),
  fulfil: (db: Db, workspaceId: string, orderId: string, lines?: { lineId: string; quantity: number }[]) =>
    fulfilOrder(db, { workspaceId, actorId: null, orderId, input: lines ? { lines } : {} }),
  ship: (db: Db, workspaceId: string, orderId: string, input: Parameters<typeof shipOrder>[1]['input']) =>
    shipOrder(db, { workspaceId, actorId: null, orderId, input }),
  deliver: (db: Db, workspaceId: string, orderId: string, shipmentId: string) =>
    deliverOrder(db, { workspaceId, actorId: null, orderId, input: { shipmentId } }),
  refund: (db: Db, workspaceId: string, orderId: string, amountMinor: number, reason: string) =>
    refundOrder(db, { workspaceId, actorId: null, orderId, input: { amountMinor, reason } }),
};
