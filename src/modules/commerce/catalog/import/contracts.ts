import { z } from 'zod';
import { PRODUCT_IMPORT_STATUSES } from '../schema.ts';

export const ZProductImport = z
  .object({
    id: z.string().uuid(),
    filename: z.string(),
    layout: z.enum(['freehold', 'shopify']),
    currency: z.string(),
    locationId: z.string().uuid().nullable(),
    status: z.enum(PRODUCT_IMPORT_STATUSES),
    rowsTotal: z.number(),
    rowsDone: z.number(),
    productsCreated: z.number(),
    variantsCreated: z.number(),
    variantsUpdated: z.number(),
    rejected: z.number(),
    errors: z
      .array(z.object({ row: z.number(), field: z.string().nullable(), message: z.string() }))
      .describe('The first rejected rows (row 1 is the header), capped at 500'),
    error: z.string().nullable().describe('Why the whole import stopped, if it did'),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'ProductImport' });
export type TProductImport = z.infer<typeof ZProductImport>;

export const ZProductImportOptions = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe("Currency of price columns without one of their own (default: the workspace's)"),
  locationId: z.string().uuid().optional().describe('Set on-hand stock here from the quantity column'),
});

/** Documents the multipart form; the handler streams it. */
export const ZProductImportForm = z
  .object({
    currency: z.string().optional(),
    locationId: z.string().optional(),
    file: z.string().meta({ format: 'binary' }).describe('CSV, one row per variant'),
  })
  .nullish();
