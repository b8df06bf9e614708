import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { sealedText } from '../../../platform/secrets.ts';

// Order ingest: storefront connections (where webhooks come from, with their signing secrets), every webhook
// delivery received (the replay guard and the "recent deliveries" list), the last signed state applied per
// storefront order (so an older delivery arriving late cannot undo a newer one), and CSV order imports.

export const STOREFRONT_PLATFORMS = ['shopify', 'woocommerce'] as const;
export type StorefrontPlatform = (typeof STOREFRONT_PLATFORMS)[number];

export const commerceStorefronts = pgTable(
  'commerce_storefronts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** Random and unguessable: the webhook URL names the connection (and so the workspace) by it, never by an id. */
    publicKey: text('public_key').notNull(),
    name: text('name').notNull(),
    platform: text('platform').$type<StorefrontPlatform>().notNull(),
    /**
     * The HMAC key, kept as the platform shows it: Shopify's app client secret (or the key shown under Settings →
     * Notifications → Webhooks), WooCommerce's webhook secret. Stored sealed (platform/secrets.ts), not hashed: every
     * delivery's HMAC is computed with it. Only admins can read it back.
     */
    secret: sealedText('commerce_storefronts', 'secret').notNull(),
    /** Host of the shop ("example.myshopify.com", "shop.example.com"); WooCommerce order ids are scoped by it. */
    shopDomain: text('shop_domain'),
    lastDeliveryAt: tstz('last_delivery_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Looked up without a workspace (the webhook URL carries only this key), like a form's public id.
    uniqueIndex('commerce_storefronts_public_key').on(t.publicKey),
  ],
);

export const DELIVERY_STATUSES = ['queued', 'processed', 'ignored', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const commerceWebhookDeliveries = pgTable(
  'commerce_webhook_deliveries',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    storefrontId: uuid('storefront_id').notNull(),
    /**
     * What makes a delivery the same as an earlier one: Shopify's X-Shopify-Event-Id (else X-Shopify-Webhook-Id);
     * WooCommerce's X-WC-Webhook-Delivery-ID with a hash of the body (WooCommerce derives that id from the webhook
     * id and the current second, so two different orders sent in one second share it).
     */
    dedupeKey: text('dedupe_key').notNull(),
    topic: text('topic').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    /** The storefront's order id, once the body is read. */
    externalId: text('external_id'),
    orderId: uuid('order_id'),
    /** What was done ("created", "paid", "cancelled"…), or why nothing was. */
    outcome: text('outcome'),
    error: text('error'),
    errorFields: jsonb('error_fields').$type<FieldError[]>(),
    /** The verified body, kept until processed (then dropped: it holds personal data the order already has). */
    payload: jsonb('payload').$type<unknown>(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_webhook_deliveries_dedupe').on(t.workspaceId, t.storefrontId, t.dedupeKey),
    index('commerce_webhook_deliveries_recent').on(t.workspaceId, t.storefrontId, t.id),
    index('commerce_webhook_deliveries_received').on(t.receivedAt),
  ],
);

/** The newest signed state applied to each storefront order: deliveries come at least once and in any order. */
export const commerceStorefrontOrderSync = pgTable(
  'commerce_storefront_order_sync',
  {
    workspaceId: uuid('workspace_id').notNull(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    orderId: uuid('order_id').notNull(),
    /** The body's own `updated_at` / `date_modified_gmt`: signed, unlike any header. */
    remoteUpdatedAt: tstz('remote_updated_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.externalId] })],
);

export const ORDER_IMPORT_FORMATS = ['shopify', 'woocommerce', 'csv'] as const;
export type OrderImportFormat = (typeof ORDER_IMPORT_FORMATS)[number];

export const commerceOrderImports = pgTable(
  'commerce_order_imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    filename: text('filename').notNull(),
    /** Where the upload is kept under the data folder until the import ends. */
    storedPath: text('stored_path').notNull(),
    format: text('format').$type<OrderImportFormat>().notNull(),
    encoding: text('encoding').notNull(),
    delimiter: text('delimiter').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    headers: text('headers').array().notNull().default(sql`'{}'::text[]`),
    preview: jsonb('preview').$type<string[][]>().notNull().default([]),
    /** WooCommerce order ids are per site: the shop's host scopes them, as the webhooks of that shop do. */
    shopDomain: text('shop_domain'),
    /** uploaded → queued → running → done | failed | cancelled */
    status: text('status').notNull().default('uploaded'),
    /** Rows whose orders are fully handled; a resumed run skips exactly these. */
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    bytesDone: bigint('bytes_done', { mode: 'number' }).notNull().default(0),
    ordersDone: integer('orders_done').notNull().default(0),
    created: integer('created').notNull().default(0),
    /** Orders already in Freehold (same source and external id): left as they are. */
    existing: integer('existing').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Rows that are not orders to take (a WooCommerce checkout draft or trashed order): listed with the errors. */
    skipped: integer('skipped').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** One order of an import that could not be taken, with the file rows it came from. */
export const commerceOrderImportErrors = pgTable(
  'commerce_order_import_errors',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    /** Spreadsheet numbering: the header is row 1. */
    firstRow: integer('first_row').notNull(),
    rows: integer('rows').array().notNull(),
    orderRef: text('order_ref'),
    message: text('message').notNull(),
    /** error: the order was not taken; skipped: nothing to take (a draft). */
    kind: text('kind').$type<'error' | 'skipped'>().notNull().default('error'),
    fields: jsonb('fields').$type<FieldError[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.firstRow] })],
);
