import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';
import { sealedText } from '../../../platform/secrets.ts';
import type { CardIssue, RateCardDefinition, ServiceKind } from './card-types.ts';
import type { StoredOptions } from './quote-codec.ts';

// Delivery calculator: carriers and their services, versioned rate cards, the workspace's margin and free-shipping
// rules, and the quotes given (kept 7 days so an order can take the option its customer chose).

export type CarrierKind = 'rate_card' | 'api';

export const shippingCarriers = pgTable(
  'shipping_carriers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** rate_card: priced from its imported rate card; api: priced by a carrier adapter at quote time. */
    kind: text('kind').$type<CarrierKind>().notNull(),
    /** api carriers: which adapter (see adapters/registry.ts) and its settings; the secret is never sent back. */
    adapter: text('adapter'),
    adapterConfig: jsonb('adapter_config').$type<Record<string, unknown>>(),
    adapterSecret: sealedText('shipping_carriers', 'adapter_secret'),
    active: boolean('active').notNull().default(true),
    /** Archived carriers leave lists and quotes; their rate cards stay for the orders that refer to them. */
    archivedAt: tstz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('shipping_carriers_ws_name').on(t.workspaceId, sql`lower(${t.name})`).where(sql`archived_at is null`),
  ],
);

export const shippingServices = pgTable(
  'shipping_services',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    carrierId: uuid('carrier_id').notNull(),
    /** The code rate cards (and carrier APIs: Shippo's servicelevel token) name it by. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ServiceKind>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('shipping_services_ws_carrier_code').on(t.workspaceId, t.carrierId, t.code),
  ],
);

/**
 * One row per imported version. Versions never change after import: the parsed card is one document
 * (`definition`), read whole into the quote index. Exactly one version per carrier is active.
 */
export const shippingRateCards = pgTable(
  'shipping_rate_cards',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    carrierId: uuid('carrier_id').notNull(),
    version: integer('version').notNull(),
    active: boolean('active').notNull().default(false),
    currency: text('currency').notNull(),
    filename: text('filename').notNull(),
    rowCount: integer('row_count').notNull(),
    zoneCount: integer('zone_count').notNull(),
    serviceCount: integer('service_count').notNull(),
    warnings: jsonb('warnings').$type<CardIssue[]>().notNull().default(sql`'[]'::jsonb`),
    definition: jsonb('definition').$type<RateCardDefinition>().notNull(),
    /** The file as imported, to download and compare versions. */
    source: text('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    activatedAt: tstz('activated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('shipping_rate_cards_ws_carrier_version').on(t.workspaceId, t.carrierId, t.version),
    uniqueIndex('shipping_rate_cards_ws_carrier_active').on(t.workspaceId, t.carrierId).where(sql`active`),
  ],
);

export type ShippingRuleKind = 'margin' | 'free_shipping';

/**
 * Margin (a percentage and/or a fixed amount added to the carrier's price) and free shipping (the price drops to 0
 * from an order value up). Either may be narrowed to a carrier, a service and a list of countries.
 */
export const shippingRules = pgTable(
  'shipping_rules',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<ShippingRuleKind>().notNull(),
    name: text('name').notNull(),
    carrierId: uuid('carrier_id'),
    serviceId: uuid('service_id'),
    /** ISO 3166 codes; empty: every country. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    /** The currency of fixedMinor / minOrderMinor; the rule applies to quotes in that currency only. */
    currency: text('currency'),
    percent: doublePrecision('percent'),
    fixedMinor: integer('fixed_minor'),
    minOrderMinor: integer('min_order_minor'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const shippingQuotes = pgTable(
  'shipping_quotes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** api: POST /api/v1/shipping/quotes; widget: the public quote widget. */
    source: text('source').$type<'api' | 'widget'>().notNull(),
    currency: text('currency').notNull(),
    destination: jsonb('destination').$type<Record<string, unknown>>().notNull(),
    parcels: jsonb('parcels').$type<unknown[]>().notNull(),
    /**
     * The options as answered, in the compact form of quote-codec.ts. `json`, not `jsonb`: nothing queries inside
     * it, and text is stored as sent (no conversion to binary on every quote: ~3× cheaper to insert).
     */
    options: json('options').$type<StoredOptions>().notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('shipping_quotes_expires').on(t.expiresAt)],
);

/**
 * Per workspace: a counter bumped in the same transaction as every change that alters quotes (carriers, services,
 * rate cards, rules). Quote indexes in every process compare it to decide whether to reload (quote-index.ts).
 */
export const shippingSettings = pgTable('shipping_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: updatedAt(),
});
