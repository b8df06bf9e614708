import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';

// Orders: the order (customer, addresses, chosen shipping, totals), its lines, the money that moved (payments and
// refunds), the parcels that left (shipments) and every step it took (history). Money is integer minor units in the
// order's currency; bigint, because totals of a large B2B order can pass int4's 21 million major units.

import type { OrderStatus, PaymentStatus } from './vocabulary.ts';

export {
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
} from './vocabulary.ts';

export type OrderAddress = {
  name?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string;
  phone?: string | null;
};

/** The customer as the order gave it (the contact may change later; the order keeps what was sent). */
export type OrderCustomer = {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
};

/**
 * The delivery the customer chose: a quoted option (shipping's `takeQuotedOption`, with its price breakdown and ETA)
 * or a plain carrier and price the storefront sent.
 */
export type OrderShipping = {
  quoteId: string | null;
  optionId: string | null;
  carrierId: string | null;
  carrierName: string;
  serviceId: string | null;
  serviceName: string | null;
  serviceKind: 'home' | 'pickup_point' | 'locker' | null;
  priceMinor: number;
  breakdown: { code: string; label: string; amountMinor: number }[];
  eta: { earliest: string; latest: string } | null;
};

/** Where stock was reserved for a line (stock's `reserveStock` answer). */
export type LineAllocation = {
  locationId: string;
  locationKind: 'warehouse' | 'shop' | 'dropship';
  quantity: number;
};

const money = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const orders = pgTable(
  'commerce_orders',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** The storefront's order name ("#1001") or ours ("F-1001"); not unique across sources. */
    number: text('number').notNull(),
    source: text('source').notNull(),
    externalId: text('external_id'),
    status: text('status').$type<OrderStatus>().notNull(),
    paymentStatus: text('payment_status').$type<PaymentStatus>().notNull(),
    currency: text('currency').notNull(),
    contactId: uuid('contact_id'),
    customer: jsonb('customer').$type<OrderCustomer>().notNull(),
    /** The customer's normalised address, copied out for search. */
    email: text('email'),
    shippingAddress: jsonb('shipping_address').$type<OrderAddress>(),
    billingAddress: jsonb('billing_address').$type<OrderAddress>(),
    shipping: jsonb('shipping').$type<OrderShipping>(),
    pickupPointId: uuid('pickup_point_id'),
    /** Units over all lines, kept for lists. */
    itemCount: integer('item_count').notNull().default(0),
    subtotalMinor: money('subtotal_minor'),
    discountMinor: money('discount_minor'),
    taxMinor: money('tax_minor'),
    shippingMinor: money('shipping_minor'),
    totalMinor: money('total_minor'),
    paidMinor: money('paid_minor'),
    refundedMinor: money('refunded_minor'),
    note: text('note'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** True for past orders brought in with a later status: they never touched stock. */
    imported: boolean('imported').notNull().default(false),
    placedAt: tstz('placed_at').notNull(),
    paidAt: tstz('paid_at'),
    fulfilledAt: tstz('fulfilled_at'),
    shippedAt: tstz('shipped_at'),
    deliveredAt: tstz('delivered_at'),
    cancelledAt: tstz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Idempotent ingest: a repeated (or concurrent) create of the same storefront order collides here.
    uniqueIndex('commerce_orders_ws_source_external').on(t.workspaceId, t.source, t.externalId),
    index('commerce_orders_ws_placed').on(t.workspaceId, t.placedAt, t.id),
    index('commerce_orders_ws_status_placed').on(t.workspaceId, t.status, t.placedAt, t.id),
    index('commerce_orders_ws_contact').on(t.workspaceId, t.contactId, t.placedAt),
    index('commerce_orders_ws_number').on(t.workspaceId, sql`lower(${t.number})`),
    index('commerce_orders_ws_email').on(t.workspaceId, t.email),
  ],
);

export const orderLines = pgTable(
  'commerce_order_lines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    /** Null: a text line (a storefront product not in the catalog), with no stock effect. */
    variantId: uuid('variant_id'),
    productId: uuid('product_id'),
    sku: text('sku'),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor'),
    /** For the whole line, not per unit. */
    discountMinor: money('discount_minor'),
    taxMinor: money('tax_minor'),
    totalMinor: money('total_minor'),
    fulfilledQty: integer('fulfilled_qty').notNull().default(0),
    shippedQty: integer('shipped_qty').notNull().default(0),
    /** Units taken back into stock by refunds. */
    returnedQty: integer('returned_qty').notNull().default(0),
    allocations: jsonb('allocations').$type<LineAllocation[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_order_lines_ws_order').on(t.workspaceId, t.orderId, t.position),
    // Pick lists read the open lines only.
    index('commerce_order_lines_ws_open').on(t.workspaceId, t.orderId).where(sql`fulfilled_qty < quantity`),
  ],
);

export const orderPayments = pgTable(
  'commerce_order_payments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    kind: text('kind').$type<'payment' | 'refund'>().notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    method: text('method'),
    reference: text('reference'),
    reason: text('reason'),
    at: tstz('at').notNull(),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_order_payments_ws_order').on(t.workspaceId, t.orderId, t.at),
  ],
);

export type ShipmentLine = { lineId: string; quantity: number };

export const orderShipments = pgTable(
  'commerce_order_shipments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    trackingNumber: text('tracking_number'),
    carrier: text('carrier'),
    lines: jsonb('lines').$type<ShipmentLine[]>().notNull(),
    /** Set when a dropship supplier sent it (stock's purchase request); one shipment per request. */
    purchaseRequestId: uuid('purchase_request_id'),
    /** The storefront's id of the shipment (ingest), so a repeated webhook records it once. */
    reference: text('reference'),
    shippedAt: tstz('shipped_at').notNull(),
    deliveredAt: tstz('delivered_at'),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_order_shipments_ws_order').on(t.workspaceId, t.orderId, t.shippedAt),
    uniqueIndex('commerce_order_shipments_ws_purchase_request').on(t.workspaceId, t.purchaseRequestId),
    uniqueIndex('commerce_order_shipments_ws_reference').on(t.workspaceId, t.orderId, t.reference),
  ],
);

/** Every step an order took, in order: what the order page's history shows. */
export const orderHistory = pgTable(
  'commerce_order_history',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    /** placed | paid | payment | fulfilled | shipped | delivered | cancelled | refunded */
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid('actor_id'),
    at: tstz('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_order_history_ws_order').on(t.workspaceId, t.orderId, t.at),
  ],
);

/**
 * Our own order numbers, per workspace. Taken in a statement of its own (like a sequence) so that concurrent
 * batches do not queue on this row until they commit; a failed batch leaves a gap, as storefront numbers do.
 */
export const orderNumberCounters = pgTable('commerce_order_number_counters', {
  workspaceId: uuid('workspace_id').notNull().primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull(),
});
