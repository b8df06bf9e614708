import { z } from 'zod';
import { crmImport } from '../../../crm/index.ts';
import { ORDER_IMPORT_FORMATS } from '../schema.ts';
import { ZShopDomain } from '../storefronts/contracts.ts';

const { ZDelimiter, ZEncoding } = crmImport;

export const ZOrderImportFormat = z
  .enum(ORDER_IMPORT_FORMATS)
  .describe('shopify: Shopify order export; woocommerce: WooCommerce order export; csv: the Freehold order layout');

export const ZOrderImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed', 'cancelled']);

export const ZOrderImport = z
  .object({
    id: z.string().uuid(),
    filename: z.string(),
    format: ZOrderImportFormat,
    encoding: z.string(),
    delimiter: z.string(),
    sizeBytes: z.number().int(),
    bytesDone: z.number().int(),
    progress: z.number().min(0).max(1).describe('bytesDone / sizeBytes, 1 when done'),
    headers: z.array(z.string()),
    preview: z.array(z.array(z.string())).describe('The first rows after the header, as read'),
    shopDomain: z.string().nullable(),
    status: ZOrderImportStatus,
    rowsDone: z.number().int(),
    rowsTotal: z.number().int().nullable().describe('Known once the import is done'),
    ordersDone: z.number().int(),
    created: z.number().int(),
    existing: z.number().int().describe('Already in Freehold (same source and external id): left unchanged'),
    failed: z.number().int(),
    skipped: z.number().int().describe('Not orders to take (a WooCommerce checkout draft, a trashed order)'),
    error: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'OrderImport' });

export const ZUploadOrderImportQuery = z.object({
  format: ZOrderImportFormat.optional().describe('Detected from the header row when left out'),
  encoding: ZEncoding.optional(),
  delimiter: ZDelimiter.optional(),
});

/** Documents the multipart form; the handler streams it, so the parts are validated there. */
export const ZUploadOrderImportForm = z
  .object({
    format: ZOrderImportFormat.optional().describe('Send text fields before the file part'),
    encoding: ZEncoding.optional(),
    delimiter: z.string().optional(),
    file: z.string().meta({ format: 'binary' }).describe('The CSV'),
  })
  .nullish();

export const ZUploadOrderFields = z.object({
  format: ZOrderImportFormat.optional(),
  encoding: ZEncoding.optional(),
  delimiter: ZDelimiter.optional(),
});

export const ZStartOrderImportRequest = z
  .object({
    shopDomain: ZShopDomain.optional().describe(
      "WooCommerce files: the shop's host, so order ids match the ones its webhooks send (or give storefrontId)",
    ),
    storefrontId: z.string().uuid().optional().describe('A WooCommerce connection whose shop host to use'),
  })
  .meta({ id: 'StartOrderImportRequest' });

export const ZOrderImportError = z
  .object({
    kind: z.enum(['error', 'skipped']),
    orderRef: z.string().nullable().describe('The order as the file names it (Name, order_id)'),
    rows: z.array(z.number().int()).describe('The file rows of that order (the header is row 1)'),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'OrderImportError' });

export const ZIdParams = z.object({ id: z.string().uuid() });
