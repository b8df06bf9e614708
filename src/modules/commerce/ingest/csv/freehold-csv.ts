import { address, postcode, str, tagList } from '../clean.ts';
import { toMinor } from '../money.ts';
import type { OrderInput } from '../orders-port.ts';
import { buildTarget, type Facts, type FieldErrorLike, type MapResult } from '../target.ts';
import type { MapContext } from './layouts.ts';
import { type CsvRow, consistent, first, parseDateTime } from './rows.ts';

// Freehold's own order layout (docs/commerce/ingest.md): one row per line, grouped by `order_id`; order columns may be
// repeated on every row or written on the first only. Amounts are decimals in major units ("12.50").

export const FREEHOLD_COLUMNS = [
  'order_id',
  'source',
  'number',
  'placed_at',
  'currency',
  'status',
  'email',
  'phone',
  'first_name',
  'last_name',
  'sku',
  'title',
  'quantity',
  'unit_price',
  'discount',
  'tax',
  'ship_name',
  'ship_company',
  'ship_line1',
  'ship_line2',
  'ship_city',
  'ship_region',
  'ship_postcode',
  'ship_country',
  'ship_phone',
  'bill_name',
  'bill_company',
  'bill_line1',
  'bill_line2',
  'bill_city',
  'bill_region',
  'bill_postcode',
  'bill_country',
  'bill_phone',
  'shipping_carrier',
  'shipping_service',
  'shipping_price',
  'paid_amount',
  'payment_method',
  'payment_reference',
  'paid_at',
  'note',
  'tags',
] as const;

const STATUSES = ['placed', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

const addressOf = (rows: CsvRow[], p: 'ship' | 'bill') => {
  const c = (k: string) => first(rows, `${p}_${k}`);
  return {
    name: str(c('name'), 200),
    company: str(c('company'), 200),
    line1: str(c('line1'), 300),
    line2: str(c('line2'), 300),
    city: str(c('city'), 120),
    region: str(c('region'), 120),
    postcode: postcode(c('postcode')),
    country: str(c('country'), 2),
    phone: str(c('phone'), 40),
  };
};

/** What a status says happened, so a new order is created at it (past orders: they never touch stock). */
function factsOf(status: Status | undefined, paid: Facts['paid'], placedAt: string | null): Facts {
  const done = status === 'fulfilled' || status === 'shipped' || status === 'delivered';
  return {
    paid: paid ?? (status === 'paid' || done ? { amountMinor: 0 } : null),
    refundedMinor: 0,
    fulfilment: done ? 'full' : 'none',
    shipments:
      status === 'shipped' || status === 'delivered'
        ? [
            {
              ref: 'csv',
              trackingNumber: null,
              carrier: null,
              shippedAt: null,
              delivered: status === 'delivered',
              lines: [],
            },
          ]
        : [],
    cancelled: status === 'cancelled' ? { at: null, reason: null } : null,
    remoteUpdatedAt: null,
    placedAt,
  };
}

export function mapFreeholdCsv(rows: CsvRow[], ctx: MapContext): MapResult {
  const errors: FieldErrorLike[] = [];
  const orderId = first(rows, 'order_id') ?? '';
  const currency = (consistent(rows, 'currency', errors) ?? ctx.defaultCurrency).toUpperCase();
  const money = (v: string | undefined, field: string): number | undefined => {
    if (v === undefined) return undefined;
    const m = toMinor(v, currency);
    if (m === null || m < 0) {
      errors.push({ field, message: `"${v}" is not an amount (write it like 12.50)` });
      return undefined;
    }
    return m;
  };
  const lines: OrderInput['lines'] = [];
  for (const r of rows) {
    const q = r.get('quantity');
    const price = r.get('unit_price');
    if (q === undefined && price === undefined && r.get('sku') === undefined && r.get('title') === undefined) continue;
    const quantity = q && /^\d+$/.test(q) ? Number(q) : Number.NaN;
    if (!Number.isSafeInteger(quantity) || quantity < 1)
      errors.push({ field: `row ${r.rowNumber}: quantity`, message: `"${q ?? ''}" is not a whole number ≥ 1` });
    const unit = money(price, `row ${r.rowNumber}: unit_price`);
    if (price === undefined) errors.push({ field: `row ${r.rowNumber}: unit_price`, message: 'is required' });
    const discount = money(r.get('discount'), `row ${r.rowNumber}: discount`);
    const tax = money(r.get('tax'), `row ${r.rowNumber}: tax`);
    const sku = str(r.get('sku'), 100);
    const title = str(r.get('title'), 500);
    if (!sku && !title) errors.push({ field: `row ${r.rowNumber}: sku`, message: 'a line needs a sku or a title' });
    lines.push({
      ...(sku ? { sku } : {}),
      ...(title ? { title } : {}),
      quantity: Number.isSafeInteger(quantity) ? quantity : 1,
      unitPriceMinor: unit ?? 0,
      ...(discount ? { discountMinor: discount } : {}),
      ...(tax ? { taxMinor: tax } : {}),
    });
  }
  if (!lines.length) errors.push({ field: 'quantity', message: 'the order has no line rows' });
  const statusText = first(rows, 'status')?.toLowerCase();
  const status = STATUSES.find((s) => s === statusText);
  if (statusText && !status)
    errors.push({ field: 'status', message: `"${statusText}" is not one of ${STATUSES.join(', ')}` });
  const placedText = first(rows, 'placed_at');
  const placedAt = parseDateTime(placedText, ctx.timeZone);
  if (placedText && !placedAt) errors.push({ field: 'placed_at', message: `"${placedText}" is not a date and time` });
  const paidText = first(rows, 'paid_at');
  const paidAt = parseDateTime(paidText, ctx.timeZone);
  if (paidText && !paidAt) errors.push({ field: 'paid_at', message: `"${paidText}" is not a date and time` });
  const source = str(first(rows, 'source'), 100) ?? 'csv';
  if (source.length > 40) errors.push({ field: 'source', message: 'is longer than 40 characters' });
  const paidAmount = money(first(rows, 'paid_amount'), 'paid_amount');
  const shippingPrice = money(first(rows, 'shipping_price'), 'shipping_price');
  const carrier = str(first(rows, 'shipping_carrier'), 120);
  const service = str(first(rows, 'shipping_service'), 120);
  const shippingAddress = address(addressOf(rows, 'ship'), 'ship', errors);
  const billingAddress = address(addressOf(rows, 'bill'), 'bill', errors);
  if (errors.length) return { ok: false, message: `Order ${orderId} cannot be read.`, fields: errors };

  const method = str(first(rows, 'payment_method'), 60);
  const reference = str(first(rows, 'payment_reference'), 200);
  const paid =
    paidAmount !== undefined
      ? {
          amountMinor: paidAmount,
          ...(method ? { method } : {}),
          ...(reference ? { reference } : {}),
          ...(paidAt ? { paidAt } : {}),
        }
      : null;
  const email = str(first(rows, 'email'), 254);
  const phone = str(first(rows, 'phone'), 40);
  const firstName = str(first(rows, 'first_name'), 120);
  const lastName = str(first(rows, 'last_name'), 120);
  const number = str(first(rows, 'number'), 60);
  const note = str(first(rows, 'note'), 5000);
  const tags = tagList(first(rows, 'tags'));
  const target = buildTarget(
    {
      source,
      externalId: orderId,
      ...(number ? { number } : {}),
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
      ...(billingAddress ? { billingAddress } : {}),
      ...(carrier || shippingPrice
        ? {
            shipping: {
              carrier: carrier ?? 'Shipping',
              ...(service ? { service } : {}),
              priceMinor: shippingPrice ?? 0,
            },
          }
        : {}),
      ...(note ? { note } : {}),
      ...(tags ? { tags } : {}),
    },
    factsOf(status, paid, placedAt),
    // A status of paid or later without an amount means paid in full; an amount given is taken as written.
    paidAmount === undefined,
  );
  return { ok: true, target };
}
