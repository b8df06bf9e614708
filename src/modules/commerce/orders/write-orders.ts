import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { Allocation } from '../stock/reservations.ts';
import type { OrderMoney, PreparedOrder } from './prepare-order.ts';
import { addressOf } from './prepare-order.ts';
import type { PaymentStatus } from './schema.ts';
import type { OrderRow } from './serialize.ts';

// The bulk inserts of a batch of new orders: one statement per table whatever the batch size (the rows travel as one
// JSON parameter, so PostgreSQL's 65,535-parameter limit never applies).

export type NewOrder = {
  prepared: PreparedOrder;
  money: OrderMoney;
  number: string;
  contactId: string | null;
  paymentStatus: PaymentStatus;
  paidAt: Date | null;
};

export function paymentStatusOf(paidMinor: number, totalMinor: number, refundedMinor = 0): PaymentStatus {
  if (refundedMinor > 0) return refundedMinor >= paidMinor ? 'refunded' : 'partially_refunded';
  if (paidMinor >= totalMinor) return 'paid';
  return paidMinor > 0 ? 'partially_paid' : 'unpaid';
}

/** The row as inserted (what the API answers for a created order, without reading it back). */
export function rowOf(workspaceId: string, o: NewOrder, now: Date): OrderRow {
  const p = o.prepared;
  const i = p.input;
  return {
    workspaceId,
    id: p.id,
    number: o.number,
    source: i.source,
    externalId: i.externalId ?? null,
    status: o.money.status,
    paymentStatus: o.paymentStatus,
    currency: i.currency,
    contactId: o.contactId,
    customer: p.customer,
    email: p.email,
    shippingAddress: addressOf(i.shippingAddress),
    billingAddress: addressOf(i.billingAddress),
    shipping: p.shipping,
    pickupPointId: i.pickupPointId ?? null,
    itemCount: p.lines.reduce((s, l) => s + l.quantity, 0),
    subtotalMinor: p.subtotalMinor,
    discountMinor: p.discountMinor,
    taxMinor: p.taxMinor,
    shippingMinor: o.money.shippingMinor,
    totalMinor: o.money.totalMinor,
    paidMinor: o.money.paidMinor,
    refundedMinor: 0,
    note: i.note ?? null,
    tags: [...new Set(i.tags ?? [])],
    imported: p.imported,
    placedAt: p.placedAt,
    paidAt: o.paidAt,
    fulfilledAt: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: o.money.status === 'cancelled' ? p.placedAt : null,
    cancelReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Inserts the orders; a (source, external id) another transaction already holds is skipped (ON CONFLICT waits for
 * that transaction, so a concurrent duplicate is seen once it commits). Rows go in key order, so two batches with
 * overlapping keys queue on the first shared one instead of deadlocking. Returns the ids actually inserted.
 */
export async function insertOrders(tx: Tx, rows: OrderRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const sorted = [...rows].sort((a, b) =>
    `${a.source}\u0000${a.externalId ?? ''}` < `${b.source}\u0000${b.externalId ?? ''}` ? -1 : 1,
  );
  const r = await tx.execute<{ id: string }>(sql`
    insert into commerce_orders (workspace_id, id, number, source, external_id, status, payment_status, currency,
      contact_id, customer, email, shipping_address, billing_address, shipping, pickup_point_id, item_count,
      subtotal_minor, discount_minor, tax_minor, shipping_minor, total_minor, paid_minor, refunded_minor, note, tags,
      imported, placed_at, paid_at, cancelled_at, created_at, updated_at)
    select o."workspaceId", o.id, o.number, o.source, o."externalId", o.status, o."paymentStatus", o.currency,
      o."contactId", o.customer, o.email, o."shippingAddress", o."billingAddress", o.shipping, o."pickupPointId",
      o."itemCount", o."subtotalMinor", o."discountMinor", o."taxMinor", o."shippingMinor", o."totalMinor",
      o."paidMinor", 0, o.note, o.tags, o.imported, o."placedAt", o."paidAt", o."cancelledAt", o."createdAt",
      o."createdAt"
    from json_to_recordset(${JSON.stringify(sorted.map((row, n) => ({ ...row, n })))}::json) as o("workspaceId" uuid, id uuid,
      number text, source text, "externalId" text, status text, "paymentStatus" text, currency text,
      "contactId" uuid, customer jsonb, email text, "shippingAddress" jsonb, "billingAddress" jsonb, shipping jsonb,
      "pickupPointId" uuid, "itemCount" int, "subtotalMinor" bigint, "discountMinor" bigint, "taxMinor" bigint,
      "shippingMinor" bigint, "totalMinor" bigint, "paidMinor" bigint, note text, tags text[], imported boolean,
      "placedAt" timestamptz, "paidAt" timestamptz, "cancelledAt" timestamptz, "createdAt" timestamptz, n bigint)
    order by o.n
    on conflict (workspace_id, source, external_id) do nothing
    returning id`);
  return new Set(r.rows.map((x) => x.id));
}

/** The lines (allocations come later: `setAllocations`); past orders brought in are fulfilled (and shipped) already. */
export async function insertLines(tx: Tx, workspaceId: string, items: NewOrder[]): Promise<void> {
  const rows = items.flatMap((order) => {
    const s = order.money.status;
    const fulfilled = s === 'fulfilled' || s === 'shipped' || s === 'delivered';
    const shipped = s === 'shipped' || s === 'delivered';
    return order.prepared.lines.map((l) => ({
      id: l.id,
      order_id: order.prepared.id,
      position: l.position,
      variant_id: l.variantId,
      product_id: l.productId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unit_price_minor: l.unitPriceMinor,
      discount_minor: l.discountMinor,
      tax_minor: l.taxMinor,
      total_minor: l.totalMinor,
      fulfilled_qty: fulfilled ? l.quantity : 0,
      shipped_qty: shipped ? l.quantity : 0,
    }));
  });
  if (!rows.length) return;
  await tx.execute(sql`
    insert into commerce_order_lines (workspace_id, id, order_id, position, variant_id, product_id, sku, title, quantity,
      unit_price_minor, discount_minor, tax_minor, total_minor, fulfilled_qty, shipped_qty)
    select ${workspaceId}, l.id, l.order_id, l.position, l.variant_id, l.product_id, l.sku, l.title, l.quantity,
      l.unit_price_minor, l.discount_minor, l.tax_minor, l.total_minor, l.fulfilled_qty, l.shipped_qty
    from json_to_recordset(${JSON.stringify(rows)}::json) as l(id uuid, order_id uuid, position int, variant_id uuid,
      product_id uuid, sku text, title text, quantity int, unit_price_minor bigint, discount_minor bigint,
      tax_minor bigint, total_minor bigint, fulfilled_qty int, shipped_qty int)`);
}

/** Where stock placed each line (reserveStock's answers), one statement for the batch. */
export async function setAllocations(tx: Tx, workspaceId: string, allocations: Allocation[]): Promise<void> {
  const byLine = new Map<string, { locationId: string; locationKind: string; quantity: number }[]>();
  for (const a of allocations)
    byLine.set(a.lineId, [
      ...(byLine.get(a.lineId) ?? []),
      { locationId: a.locationId, locationKind: a.locationKind, quantity: a.quantity },
    ]);
  if (!byLine.size) return;
  await tx.execute(sql`
    update commerce_order_lines l set allocations = u.allocations
    from json_to_recordset(${JSON.stringify([...byLine].map(([id, a]) => ({ id, allocations: a })))}::json)
      as u(id uuid, allocations jsonb)
    where l.workspace_id = ${workspaceId} and l.id = u.id`);
}

export async function insertPayments(tx: Tx, workspaceId: string, actorId: string | null, orders: NewOrder[]) {
  const rows = orders
    .filter((o) => o.money.paidMinor > 0)
    .map((o) => {
      const p = o.prepared.input.payment;
      return {
        id: newId(),
        order_id: o.prepared.id,
        amount_minor: o.money.paidMinor,
        method: p?.method ?? null,
        reference: p?.reference ?? null,
        at: (p?.paidAt ? new Date(p.paidAt) : o.prepared.placedAt).toISOString(),
      };
    });
  if (!rows.length) return;
  await tx.execute(sql`
    insert into commerce_order_payments (workspace_id, id, order_id, kind, amount_minor, method, reference, at, actor_id)
    select ${workspaceId}, p.id, p.order_id, 'payment', p.amount_minor, p.method, p.reference, p.at, ${actorId}
    from json_to_recordset(${JSON.stringify(rows)}::json) as p(id uuid, order_id uuid, amount_minor bigint,
      method text, reference text, at timestamptz)`);
}
