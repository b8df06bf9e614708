import { address, postcode, str } from '../clean.ts';
import { lineAmounts, toMinor } from '../money.ts';
import type { OrderInput } from '../orders-port.ts';
import { buildTarget, type FieldErrorLike, type MapResult } from '../target.ts';
import { wooExternalId } from '../webhooks/woocommerce-order.ts';
import type { MapContext } from './layouts.ts';
import { type CsvRow, consistent, first, parseDateTime } from './rows.ts';

// WooCommerce order exports. WooCommerce itself has no order CSV export; the common ones are the official
// "Customer / Order / Coupon Export" extension (column keys guaranteed stable by its docs) and WebToffee's "Order
// Export & Order Import". Their line items come in one of three shapes, all read here:
//   - one row per item: item_name, item_sku, item_quantity, item_subtotal, item_total, item_total_tax;
//   - one row per order with `line_items`: items split by ";", each "name:…|sku:…|quantity:…|total:…" (pipe format);
//   - one row per order with `line_item_1`, `line_item_2`…, each in the same pipe format (WebToffee).
// Dates are the shop's local time without a zone: they are read in the workspace's time zone.

const NOT_ORDERS = new Set(['checkout-draft', 'auto-draft', 'draft', 'trash']);
const PAID = new Set(['processing', 'completed', 'refunded']);

type RawItem = {
  row: number;
  name?: string;
  sku?: string;
  quantity?: string;
  subtotal?: string;
  total?: string;
  tax?: string;
};

function pipeItem(text: string, row: number): RawItem {
  const f: Record<string, string> = {};
  for (const part of text.split('|')) {
    const i = part.indexOf(':');
    if (i > 0) f[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  return {
    row,
    name: f.name,
    sku: f.sku,
    quantity: f.quantity ?? f.qty,
    subtotal: f.subtotal ?? f.sub_total,
    total: f.total,
    tax: f.total_tax ?? f.tax,
  };
}

function itemsOf(rows: CsvRow[], headers: string[]): RawItem[] {
  const items: RawItem[] = [];
  const numbered = headers.filter((h) => /^line_item_\d+$/i.test(h.trim()));
  for (const r of rows) {
    const q = r.get('item_quantity');
    if (q !== undefined || r.get('item_name') !== undefined)
      items.push({
        row: r.rowNumber,
        name: r.get('item_name'),
        sku: r.get('item_sku'),
        quantity: q,
        subtotal: r.get('item_subtotal'),
        total: r.get('item_total'),
        tax: r.get('item_total_tax') ?? r.get('item_tax'),
      });
    const packed = r.get('line_items');
    if (packed) for (const t of packed.split(';')) if (t.trim()) items.push(pipeItem(t, r.rowNumber));
    for (const h of numbered) {
      const v = r.get(h);
      if (v) items.push(pipeItem(v, r.rowNumber));
    }
  }
  return items;
}

function wooAddress(rows: CsvRow[], prefix: 'billing' | 'shipping') {
  const col = (c: string) => first(rows, `${prefix}_${c}`);
  return {
    firstName: str(col('first_name'), 120),
    lastName: str(col('last_name'), 120),
    company: str(col('company'), 200),
    line1: str(col('address_1'), 300),
    line2: str(col('address_2'), 300),
    city: str(col('city'), 120),
    region: str(col('state_code'), 120) ?? str(col('state'), 120),
    postcode: postcode(col('postcode')),
    country: str(col('country'), 2),
    phone: str(col('phone'), 40),
  };
}

export function mapWooCsv(rows: CsvRow[], ctx: MapContext, headers: string[]): MapResult {
  const errors: FieldErrorLike[] = [];
  const orderId = first(rows, 'order_id') ?? '';
  const status = (first(rows, 'status', 'order_status') ?? 'processing').toLowerCase().replace(/^wc-/, '');
  if (NOT_ORDERS.has(status))
    return {
      ok: false,
      ignore: true,
      message: `Order ${orderId} is in status "${status}": not an order to take.`,
      fields: [],
    };
  if (!ctx.shopDomain)
    return {
      ok: false,
      message: 'WooCommerce imports need the shop host.',
      fields: [{ field: 'shopDomain', message: 'is required' }],
    };
  const currency = (
    consistent(rows, 'order_currency', errors) ??
    first(rows, 'currency') ??
    ctx.defaultCurrency
  ).toUpperCase();
  const money = (v: string | undefined, field: string, allowNegative = false): number => {
    if (v === undefined) return 0;
    const m = toMinor(v, currency);
    if (m === null || (m < 0 && !allowNegative)) {
      errors.push({ field, message: `"${v}" is not an amount` });
      return 0;
    }
    return m;
  };

  const lines: OrderInput['lines'] = [];
  for (const it of itemsOf(rows, headers)) {
    const quantity = it.quantity && /^\d+$/.test(it.quantity) ? Number(it.quantity) : Number.NaN;
    if (!Number.isSafeInteger(quantity) || quantity < 1) {
      errors.push({
        field: `row ${it.row}: item quantity`,
        message: `"${it.quantity ?? ''}" is not a whole number ≥ 1`,
      });
      continue;
    }
    const subtotal = money(it.subtotal ?? it.total, `row ${it.row}: item subtotal`);
    const total = money(it.total ?? it.subtotal, `row ${it.row}: item total`);
    const sku = str(it.sku, 100);
    lines.push({
      ...(sku ? { sku } : {}),
      title: str(it.name, 500) ?? sku ?? `Line ${lines.length + 1}`,
      quantity,
      ...lineAmounts({
        subtotal,
        quantity,
        discount: subtotal - total,
        tax: money(it.tax, `row ${it.row}: item tax`),
        taxIncluded: false,
      }),
    });
  }
  if (!lines.length && !errors.length) errors.push({ field: 'item_quantity', message: 'the order has no items' });
  const fees = money(first(rows, 'fee_total'), 'fee_total') + money(first(rows, 'fee_tax_total'), 'fee_tax_total');
  if (fees > 0) lines.push({ title: 'Fees', quantity: 1, unitPriceMinor: fees });

  const placedAt = parseDateTime(first(rows, 'order_date', 'date'), ctx.timeZone);
  if (first(rows, 'order_date', 'date') && !placedAt)
    errors.push({ field: 'order_date', message: `"${first(rows, 'order_date', 'date')}" is not a date and time` });
  const paidAt = parseDateTime(first(rows, 'paid_date', 'date_paid'), ctx.timeZone);
  const shippingPrice =
    money(first(rows, 'shipping_total'), 'shipping_total') +
    money(first(rows, 'shipping_tax_total'), 'shipping_tax_total');
  const shippingMethod = str(first(rows, 'shipping_method'), 120);
  const billing = address(wooAddress(rows, 'billing'), 'billing', errors);
  const shippingAddress = address(wooAddress(rows, 'shipping'), 'shipping', errors);
  const blocking = errors.filter((e) => !/^(billing|shipping)(\.|$)/.test(e.field));
  if (blocking.length) return { ok: false, message: `Order ${orderId} cannot be read.`, fields: errors };

  const email = str(first(rows, 'billing_email', 'customer_email'), 254);
  const phone = str(first(rows, 'billing_phone'), 40);
  const method = str(first(rows, 'payment_method_title', 'payment_method'), 60);
  const reference = str(first(rows, 'transaction_id'), 200);
  const note = str(first(rows, 'customer_note'), 5000);
  const number = str(first(rows, 'order_number_formatted', 'order_number'), 60) ?? orderId;
  const firstName = str(first(rows, 'billing_first_name', 'shipping_first_name'), 120);
  const lastName = str(first(rows, 'billing_last_name', 'shipping_last_name'), 120);
  const target = buildTarget(
    {
      source: 'woocommerce',
      // The same id webhooks of this shop carry: an order imported and later updated by a webhook is one order.
      externalId: wooExternalId(ctx.shopDomain, orderId),
      number,
      ...(placedAt ? { placedAt } : {}),
      currency,
      customer: {
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(firstName ? { firstName } : {}),
        ...(lastName ? { lastName } : {}),
      },
      lines,
      ...(shippingAddress ? { shippingAddress } : {}),
      ...(billing ? { billingAddress: billing } : {}),
      ...(shippingPrice > 0 || shippingMethod
        ? { shipping: { carrier: shippingMethod ?? 'Shipping', priceMinor: shippingPrice } }
        : {}),
      ...(note ? { note } : {}),
    },
    {
      paid:
        PAID.has(status) || paidAt
          ? {
              amountMinor: money(first(rows, 'order_total'), 'order_total'),
              ...(method ? { method } : {}),
              ...(reference ? { reference } : {}),
              ...((paidAt ?? placedAt) ? { paidAt: (paidAt ?? placedAt)! } : {}),
            }
          : null,
      refundedMinor: Math.abs(money(first(rows, 'refunded_total'), 'refunded_total', true)),
      fulfilment: status === 'completed' ? 'full' : 'none',
      shipments: [],
      cancelled: status === 'cancelled' ? { at: null, reason: null } : null,
      remoteUpdatedAt: null,
      placedAt,
    },
    true,
  );
  return { ok: true, target, ...(errors.length ? { warnings: errors } : {}) };
}
