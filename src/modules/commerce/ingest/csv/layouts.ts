import { AppError } from '../../../../platform/errors.ts';
import type { OrderImportFormat } from '../schema.ts';
import type { MapResult } from '../target.ts';
import { mapFreeholdCsv } from './freehold-csv.ts';
import { type CsvRow, hasColumn } from './rows.ts';
import { mapShopifyCsv } from './shopify-csv.ts';
import { mapWooCsv } from './woocommerce-csv.ts';

/** What mapping a row group needs beyond the rows: the workspace's zone and currency, a WooCommerce shop's host. */
export type MapContext = { timeZone: string; defaultCurrency: string; shopDomain: string | null };

type Layout = {
  label: string;
  /** The column whose value names the order a row belongs to. */
  key: string;
  /** Columns without which the file is not this layout (any one of each inner list). */
  required: string[][];
  map: (rows: CsvRow[], ctx: MapContext, headers: string[]) => MapResult;
};

export const LAYOUTS: Record<OrderImportFormat, Layout> = {
  shopify: {
    label: 'Shopify order export',
    key: 'Name',
    required: [['Name'], ['Lineitem quantity'], ['Lineitem price'], ['Currency']],
    map: mapShopifyCsv,
  },
  woocommerce: {
    label: 'WooCommerce order export',
    key: 'order_id',
    required: [['order_id'], ['item_quantity', 'line_items', 'line_item_1']],
    map: mapWooCsv,
  },
  csv: {
    label: 'Freehold order layout',
    key: 'order_id',
    required: [['order_id'], ['quantity'], ['unit_price']],
    map: mapFreeholdCsv,
  },
};

const missingColumns = (format: OrderImportFormat, headers: string[]) =>
  LAYOUTS[format].required.filter((any) => !any.some((c) => hasColumn(headers, c)));

/** The layout a header row is, or null. Shopify's capitalised names and WooCommerce's item columns tell them apart. */
export function detectLayout(headers: string[]): OrderImportFormat | null {
  for (const f of ['shopify', 'woocommerce', 'csv'] as const) if (!missingColumns(f, headers).length) return f;
  return null;
}

/** The format asked for (or detected), refusing a file that lacks the columns it needs, naming them. */
export function resolveLayout(headers: string[], asked: OrderImportFormat | undefined): OrderImportFormat {
  const format = asked ?? detectLayout(headers);
  if (!format)
    throw AppError.validation([
      {
        field: 'file',
        message:
          'is not a Shopify or WooCommerce order export nor the Freehold order layout (no Name + Lineitem columns, no order_id + item columns)',
      },
    ]);
  const missing = missingColumns(format, headers);
  if (missing.length)
    throw AppError.validation([
      {
        field: 'file',
        message: `lacks the ${LAYOUTS[format].label} column${missing.length > 1 ? 's' : ''} ${missing.map((m) => m.join(' or ')).join(', ')}`,
      },
    ]);
  return format;
}
