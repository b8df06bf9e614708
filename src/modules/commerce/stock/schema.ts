import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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

// Stock: where goods are (locations of three kinds), how many per variant and location (levels), every change as a
// ledger row (movements), which order holds which units (reservations), and what dropship suppliers are asked to send
// (purchase requests).

export const LOCATION_KINDS = ['warehouse', 'shop', 'dropship'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const MOVEMENT_KINDS = ['received', 'reserved', 'released', 'shipped', 'adjusted', 'returned'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const PURCHASE_REQUEST_STATUSES = ['pending', 'sent', 'shipped', 'cancelled'] as const;
export type PurchaseRequestStatus = (typeof PURCHASE_REQUEST_STATUSES)[number];

export type LocationAddress = {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  country?: string | null;
};

export const stockLocations = pgTable(
  'commerce_stock_locations',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<LocationKind>().notNull(),
    /** Short code for pick lists and CSV columns ("WH1"). */
    code: text('code'),
    address: jsonb('address').$type<LocationAddress>().notNull().default({}),
    /** Dropship suppliers only: where purchase requests are emailed. */
    supplierEmail: text('supplier_email'),
    /**
     * Dropship suppliers only. False: the supplier does not report stock levels, so the location can fill any
     * quantity of the variants linked to it (its levels count what is reserved and shipped, never what is on hand).
     */
    tracksLevels: boolean('tracks_levels').notNull().default(true),
    /** Within a kind, lower first; ties by name. */
    priority: integer('priority').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_stock_locations_ws_name').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * One row per location and variant that the location carries (a dropship supplier's rows say which variants it
 * supplies). `available = on_hand - reserved`. Every change to a row is written together with a movement row whose
 * deltas it equals, so the ledger always sums to the level.
 */
export const stockLevels = pgTable(
  'commerce_stock_levels',
  {
    workspaceId: uuid('workspace_id').notNull(),
    locationId: uuid('location_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    /** Alert when available falls to this or below; null: no alert. */
    lowStockThreshold: integer('low_stock_threshold'),
    /** Set when available crossed the threshold (the `stock.low` event fired), cleared when it rose above again. */
    lowSince: tstz('low_since'),
    /** The `stock.low` event a reorder task was made for: a redelivered event makes no second task. */
    alertedEventId: uuid('alerted_event_id'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.locationId, t.variantId] }),
    index('commerce_stock_levels_ws_variant').on(t.workspaceId, t.variantId),
    index('commerce_stock_levels_ws_low').on(t.workspaceId, t.lowSince).where(sql`low_since is not null`),
    check('commerce_stock_levels_non_negative', sql`on_hand >= 0 and reserved >= 0`),
  ],
);

export const stockMovements = pgTable(
  'commerce_stock_movements',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    kind: text('kind').$type<MovementKind>().notNull(),
    /** Units moved, always positive; the deltas carry the direction. */
    quantity: integer('quantity').notNull(),
    onHandDelta: integer('on_hand_delta').notNull(),
    reservedDelta: integer('reserved_delta').notNull(),
    orderId: uuid('order_id'),
    lineId: text('line_id'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_stock_movements_ws_variant').on(t.workspaceId, t.variantId, t.id),
    index('commerce_stock_movements_ws_location').on(t.workspaceId, t.locationId, t.id),
    index('commerce_stock_movements_ws_order').on(t.workspaceId, t.orderId),
  ],
);

/** Which units an order line holds where; a line may be split over several locations. */
export const stockReservations = pgTable(
  'commerce_stock_reservations',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    lineId: text('line_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    locationId: uuid('location_id').notNull(),
    quantity: integer('quantity').notNull(),
    releasedQty: integer('released_qty').notNull().default(0),
    shippedQty: integer('shipped_qty').notNull().default(0),
    returnedQty: integer('returned_qty').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_stock_reservations_line_location').on(t.workspaceId, t.orderId, t.lineId, t.locationId),
    check(
      'commerce_stock_reservations_quantities',
      sql`quantity > 0 and released_qty >= 0 and shipped_qty >= 0 and returned_qty >= 0
        and released_qty + shipped_qty <= quantity and returned_qty <= shipped_qty`,
    ),
  ],
);

export type PurchaseRequestLine = {
  lineId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
};

/** What a dropship supplier is asked to send for one order: one request per order and supplier. */
export const purchaseRequests = pgTable(
  'commerce_purchase_requests',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    locationId: uuid('location_id').notNull(),
    supplierEmail: text('supplier_email').notNull(),
    status: text('status').$type<PurchaseRequestStatus>().notNull().default('pending'),
    lines: jsonb('lines').$type<PurchaseRequestLine[]>().notNull(),
    sentAt: tstz('sent_at'),
    shippedAt: tstz('shipped_at'),
    trackingNumber: text('tracking_number'),
    carrier: text('carrier'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_purchase_requests_order_location').on(t.workspaceId, t.orderId, t.locationId),
    index('commerce_purchase_requests_ws_created').on(t.workspaceId, t.createdAt, t.id),
  ],
);
