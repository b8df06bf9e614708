import { type SQL, sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, tsvector, updatedAt } from '../../../platform/db/columns.ts';

// The catalog: categories (a tree by parent), products, their variants (the sellable unit with a SKU) and the
// variants' prices per currency. Stock lives in ../stock; orders and shipping read variants through resolveVariants.

export const PRODUCT_STATUSES = ['active', 'draft', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export type ProductImage = { url: string; alt: string | null };

export const commerceCategories = pgTable(
  'commerce_categories',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Null: a top-level category. A flat catalog simply never sets it. */
    parentId: uuid('parent_id'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Sibling names are unique (case-insensitively), so an import can find "Lamps > Desk" again by its path.
    uniqueIndex('commerce_categories_ws_parent_name').on(
      t.workspaceId,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${t.name})`,
    ),
  ],
);

export const commerceProducts = pgTable(
  'commerce_products',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    /** URL-safe name, unique per workspace; Shopify's export groups a product's variant rows by it. */
    handle: text('handle').notNull(),
    description: text('description'),
    vendor: text('vendor'),
    productType: text('product_type'),
    status: text('status').$type<ProductStatus>().notNull().default('active'),
    categoryId: uuid('category_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    images: jsonb('images').$type<ProductImage[]>().notNull().default([]),
    /** Option names in order ("Size", "Colour"); each variant has one value per option. */
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('simple', f_unaccent(lower(coalesce(title, '') || ' ' || coalesce(handle, '') || ' ' || coalesce(vendor, '') || ' ' || coalesce(product_type, '') || ' ' || f_join(tags))))`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_products_ws_handle').on(t.workspaceId, t.handle),
    index('commerce_products_ws_created').on(t.workspaceId, t.createdAt, t.id),
    index('commerce_products_ws_category').on(t.workspaceId, t.categoryId),
    index('commerce_products_search').using('gin', t.search),
  ],
);

export const commerceVariants = pgTable(
  'commerce_variants',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    productId: uuid('product_id').notNull(),
    /** Unique per workspace, compared case-insensitively (storefronts and spreadsheets disagree on case). */
    sku: text('sku').notNull(),
    /** "Brass / Large"; empty for a product's single default variant. */
    title: text('title').notNull().default(''),
    optionValues: text('option_values').array().notNull().default(sql`'{}'::text[]`),
    barcode: text('barcode'),
    weightGrams: integer('weight_grams'),
    lengthMm: integer('length_mm'),
    widthMm: integer('width_mm'),
    heightMm: integer('height_mm'),
    imageUrl: text('image_url'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('commerce_variants_ws_sku').on(t.workspaceId, sql`lower(${t.sku})`),
    index('commerce_variants_ws_product').on(t.workspaceId, t.productId, t.position),
    index('commerce_variants_ws_barcode').on(t.workspaceId, t.barcode),
  ],
);

/** One price per variant and currency, in minor units (cents); `compareAtMinor` is the struck-through "was" price. */
export const commerceVariantPrices = pgTable(
  'commerce_variant_prices',
  {
    workspaceId: uuid('workspace_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    compareAtMinor: bigint('compare_at_minor', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.variantId, t.currency] })],
);

export const PRODUCT_IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ProductImportStatus = (typeof PRODUCT_IMPORT_STATUSES)[number];
export type ProductImportError = { row: number; field: string | null; message: string };

/**
 * A CSV product import. The file is kept in the row (catalogs are small, and any worker node can then run it), and
 * `rows_done` is the checkpoint: each batch of rows commits together with it, so a resumed run skips exactly the
 * rows already written.
 */
export const commerceProductImports = pgTable(
  'commerce_product_imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    filename: text('filename').notNull(),
    /** 'freehold' (documented columns) or 'shopify' (Shopify's product export). */
    layout: text('layout').notNull(),
    content: text('content').notNull(),
    /** Prices in columns without a currency of their own (Shopify's "Variant Price"). */
    currency: text('currency').notNull(),
    /** Quantities in the file set on-hand stock here (a counted adjustment); null: quantities are ignored. */
    locationId: uuid('location_id'),
    status: text('status').$type<ProductImportStatus>().notNull().default('queued'),
    rowsTotal: integer('rows_total').notNull(),
    rowsDone: integer('rows_done').notNull().default(0),
    productsCreated: integer('products_created').notNull().default(0),
    variantsCreated: integer('variants_created').notNull().default(0),
    variantsUpdated: integer('variants_updated').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** The first rejected rows with their reasons (capped; `rejected` counts them all). */
    errors: jsonb('errors').$type<ProductImportError[]>().notNull().default([]),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('commerce_product_imports_ws_created').on(t.workspaceId, t.createdAt),
  ],
);
