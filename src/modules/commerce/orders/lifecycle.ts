import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError, pgCode } from '../../../platform/errors.ts';
import type { TOrder } from './contracts.ts';
import { getOrderIn } from './get-order.ts';
import { type OrderFacts, type OrderStep, recordOrderSteps } from './order-events.ts';
import { type OrderStatus, orderLines, orders } from './schema.ts';
import type { LineRow, OrderRow } from './serialize.ts';
import { paymentStatusOf } from './write-orders.ts';

// What the lifecycle steps (record-payment, fulfil-order, ship-order, deliver-order, cancel-order, refund-order) share:
// the locked order, the status its lines imply, the conflict error that names the state, and the write at the end.

const retryable = (err: unknown) => ['40P01', '40001'].includes(pgCode(err) ?? '');

/**
 * A transaction that is run again when PostgreSQL picks it as a deadlock victim: a fulfilment locking stock rows can
 * meet a batch of new orders reserving the same variants in another order, and the loser simply retries.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (!retryable(err) || i >= attempts) throw err;
    }
  }
}

export type LockedOrder = { row: OrderRow; lines: LineRow[] };

/** The order and its lines, the order row locked until the step commits (steps on one order queue). */
export async function lockOrder(tx: Tx, workspaceId: string, id: string): Promise<LockedOrder> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, id)))
    .for('update');
  if (!row) throw AppError.notFound('Order');
  const lines = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, id)))
    .orderBy(asc(orderLines.position));
  return { row, lines };
}

/** 409 naming the state: "Order F-1001 is cancelled: it cannot be fulfilled." */
export const conflict = (row: OrderRow, why: string): AppError =>
  new AppError('CONFLICT', `Order ${row.number} is ${row.status.replace('_', ' ')}: ${why}`, [
    { field: 'status', message: `is ${row.status}` },
  ]);

/**
 * How far the lines say the order got. Delivered is decided by the deliver step (every unit shipped and every
 * shipment delivered); cancelled by cancel-order; before any fulfilment, payment decides between placed and paid.
 */
export function statusOf(row: Pick<OrderRow, 'paidMinor' | 'totalMinor'>, lines: LineRow[]): OrderStatus {
  const qty = lines.reduce((s, l) => s + l.quantity, 0);
  const fulfilled = lines.reduce((s, l) => s + l.fulfilledQty, 0);
  const shipped = lines.reduce((s, l) => s + l.shippedQty, 0);
  if (qty > 0 && shipped >= qty) return 'shipped';
  if (shipped > 0) return 'partially_shipped';
  if (qty > 0 && fulfilled >= qty) return 'fulfilled';
  if (fulfilled > 0) return 'partially_fulfilled';
  return row.paidMinor >= row.totalMinor ? 'paid' : 'placed';
}

export const factsOf = (row: OrderRow): OrderFacts => ({
  workspaceId: row.workspaceId,
  id: row.id,
  contactId: row.contactId,
  number: row.number,
  source: row.source,
  externalId: row.externalId,
  totalMinor: row.totalMinor,
  currency: row.currency,
  status: row.status,
  paymentStatus: row.paymentStatus,
});

export type LineQty = { lineId: string; quantity: number };

/**
 * Checks requested line quantities against what each line has room for (`room`), merging a line named twice.
 * Field names follow the request (`lines.2.quantity`).
 */
export function checkLineQuantities(
  lines: LineRow[],
  requested: LineQty[],
  room: (l: LineRow) => number,
  what: string,
  field = 'lines',
): Map<string, number> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const take = new Map<string, number>();
  const errors: FieldError[] = [];
  requested.forEach((r, i) => {
    const line = byId.get(r.lineId);
    if (!line) {
      errors.push({ field: `${field}.${i}.lineId`, message: 'is not a line of this order' });
      return;
    }
    const total = (take.get(line.id) ?? 0) + r.quantity;
    if (total > room(line))
      errors.push({ field: `${field}.${i}.quantity`, message: `line "${line.title}" has ${room(line)} ${what}` });
    else take.set(line.id, total);
  });
  if (errors.length) throw AppError.validation(errors);
  return take;
}

/** Adds to the lines' counters (fulfilled_qty, shipped_qty or returned_qty) in one statement. */
export async function bumpLines(
  tx: Tx,
  workspaceId: string,
  column: 'fulfilled_qty' | 'shipped_qty' | 'returned_qty',
  take: Map<string, number>,
): Promise<void> {
  if (!take.size) return;
  const col = sql.raw(column);
  await tx.execute(sql`
    update commerce_order_lines l set ${col} = l.${col} + u.q
    from unnest(${uuidArray([...take.keys()])}, ${sql.param([...take.values()])}::int[]) as u(id, q)
    where l.workspace_id = ${workspaceId} and l.id = u.id`);
}

/**
 * Writes the order's new state and its steps, and answers the order as it now is. `changes` may move status, money
 * and timestamps; the payment status follows the money.
 */
export async function saveOrder(
  tx: Tx,
  before: OrderRow,
  changes: Partial<OrderRow>,
  steps: (facts: OrderFacts) => Omit<OrderStep, 'order'>[],
): Promise<TOrder> {
  const after: OrderRow = { ...before, ...changes, updatedAt: new Date() };
  after.paymentStatus = paymentStatusOf(after.paidMinor, after.totalMinor, after.refundedMinor);
  await tx
    .update(orders)
    .set({
      status: after.status,
      paymentStatus: after.paymentStatus,
      paidMinor: after.paidMinor,
      refundedMinor: after.refundedMinor,
      paidAt: after.paidAt,
      fulfilledAt: after.fulfilledAt,
      shippedAt: after.shippedAt,
      deliveredAt: after.deliveredAt,
      cancelledAt: after.cancelledAt,
      cancelReason: after.cancelReason,
      updatedAt: after.updatedAt,
    })
    .where(and(eq(orders.workspaceId, before.workspaceId), eq(orders.id, before.id)));
  const facts = factsOf(after);
  await recordOrderSteps(
    tx,
    steps(facts).map((s) => ({ ...s, order: facts })),
  );
  return getOrderIn(tx, before.workspaceId, before.id);
}

/** Lines after adding `take` to one counter (for working out the new status before writing). */
export function withAdded(lines: LineRow[], key: 'fulfilledQty' | 'shippedQty', take: Map<string, number>): LineRow[] {
  return lines.map((l) => ({ ...l, [key]: l[key] + (take.get(l.id) ?? 0) }));
}

export const units = (take: Map<string, number>) => [...take.values()].reduce((s, q) => s + q, 0);
export const linesOf = (take: Map<string, number>) =>
  [...take.entries()].map(([lineId, quantity]) => ({ lineId, quantity }));
