import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
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
import type { HoursException, WeeklyHours } from './opening-hours.ts';

// Pickup points (own shops, partner businesses, carrier points), their per-day capacity, the workspace's postcode
// centroids for "near this postcode" searches, and the CSV imports of both.

import type { Capability, PickupKind } from './vocabulary.ts';

export { CAPABILITIES, type Capability, PICKUP_KINDS, type PickupKind } from './vocabulary.ts';

export type PartnerInfo = {
  name: string;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
};

/** A point on the unit sphere as a 3-D `cube` (see the function pickup_earth and docs/adr/0007). */
const cube = customType<{ data: string }>({ dataType: () => 'cube' });

export const pickupPoints = pgTable(
  'pickup_points',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** The shop's own reference ("BER-014"); a CSV import updates the point with the same code. */
    code: text('code'),
    kind: text('kind').$type<PickupKind>().notNull(),
    name: text('name').notNull(),
    /** Partner points: the business that hosts it and whom to call. */
    partner: jsonb('partner').$type<PartnerInfo>(),
    /** Carrier points: whose network it belongs to ("DHL Packstation"). */
    carrier: text('carrier'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    region: text('region'),
    postcode: text('postcode'),
    country: text('country').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** Derived position for the nearest-point index; the app never writes it. */
    earth: cube('earth').generatedAlwaysAs(sql`pickup_earth(lat, lng)`),
    /** IANA zone the hours are in; null: the workspace's. */
    timezone: text('timezone'),
    hours: jsonb('hours').$type<WeeklyHours>().notNull().default(sql`'{}'::jsonb`),
    hoursExceptions: jsonb('hours_exceptions').$type<HoursException[]>().notNull().default(sql`'[]'::jsonb`),
    capabilities: text('capabilities').array().$type<Capability[]>().notNull().default(sql`'{pickup}'::text[]`),
    /** Parcels it accepts per day; null: no limit. */
    capacityPerDay: integer('capacity_per_day'),
    feeMinor: integer('fee_minor').notNull().default(0),
    currency: text('currency').notNull(),
    /** What the customer needs to know on arrival ("ask at the till"). */
    instructions: text('instructions'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('pickup_points_ws_code').on(t.workspaceId, t.code).where(sql`code is not null`),
    index('pickup_points_ws_created').on(t.workspaceId, t.createdAt, t.id),
    index('pickup_points_ws_name').on(t.workspaceId, t.name, t.id),
    index('pickup_points_ws_region').on(t.workspaceId, t.country, t.region),
    // Nearest-point search: workspace equality (btree_gist) plus KNN ordering on the position, active points only.
    index('pickup_points_ws_earth').using('gist', t.workspaceId, t.earth).where(sql`active`),
  ],
);

/** Claimed parcels per point and day: the row lock on it serialises claims for the last slot. */
export const pickupCapacityDays = pgTable(
  'pickup_capacity_days',
  {
    workspaceId: uuid('workspace_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    claimed: integer('claimed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.pickupPointId, t.day] })],
);

/** One claim per order (an order is collected at one point, on one day). */
export const pickupCapacityClaims = pgTable(
  'pickup_capacity_claims',
  {
    workspaceId: uuid('workspace_id').notNull(),
    orderId: uuid('order_id').notNull(),
    pickupPointId: uuid('pickup_point_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.orderId] }),
    index('pickup_capacity_claims_point').on(t.workspaceId, t.pickupPointId, t.day),
  ],
);

/** Where a postcode is (its centroid), for "near 10115" searches. */
export const pickupPostcodes = pgTable(
  'pickup_postcodes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    country: text('country').notNull(),
    /** Upper case, single spaces (normalisePostcode), as searched. */
    postcode: text('postcode').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    placeName: text('place_name'),
    region: text('region'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.country, t.postcode] })],
);

export const PICKUP_IMPORT_KINDS = ['points', 'postcodes'] as const;
export type PickupImportKind = (typeof PICKUP_IMPORT_KINDS)[number];
export type PickupImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type RowError = { row: number; column: string | null; message: string };

/** A CSV import of pickup points or postcode centroids: a resumable job with progress and per-row errors. */
export const pickupImports = pgTable(
  'pickup_imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<PickupImportKind>().notNull(),
    filename: text('filename').notNull(),
    storedPath: text('stored_path').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** points: csv; postcodes: csv | geonames (tab-separated GeoNames postal-code dump). */
    format: text('format').notNull(),
    /** Postcode imports: keep only this country's rows (GeoNames allCountries.txt). */
    country: text('country'),
    status: text('status').$type<PickupImportStatus>().notNull(),
    rowsDone: integer('rows_done').notNull().default(0),
    bytesDone: integer('bytes_done').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** Rows left out on purpose: another country's postcodes when the import is for one country. */
    skipped: integer('skipped').notNull().default(0),
    /** The first rejected rows with the column and reason (capped; the count is in `rejected`). */
    errors: jsonb('errors').$type<RowError[]>().notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('pickup_imports_ws_created').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Rows of a postcode import on their way in. They are merged into pickup_postcodes in one transaction at the end
 * (duplicates averaged into one centroid), so a search never sees half an import and a resumed run redoes nothing.
 */
export const pickupPostcodeStaging = pgTable(
  'pickup_postcode_staging',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    country: text('country').notNull(),
    postcode: text('postcode').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    placeName: text('place_name'),
    region: text('region'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.row] })],
);
