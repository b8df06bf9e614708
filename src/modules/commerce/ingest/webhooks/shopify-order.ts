import { z } from 'zod';
import { address, isoInstant, postcode, str, tagList } from '../clean.ts';
import { lineAmounts, toMinor } from '../money.ts';
import type { OrderInput } from '../orders-port.ts';
import { buildTarget, type Facts, type FieldErrorLike, type MapResult, type TargetShipment } from '../target.ts';

// Shopify's order resource as webhooks send it (REST Admin API shape, the same for orders/create, orders/updated,
// orders/paid, orders/cancelled and orders/fulfilled). Amounts are decimal strings in the shop's currency
// (`currency`); the `*_set` twins in presentment currency are ignored, so one order has one currency.

const Money = z.union([z.string(), z.number()]).nullish();
const Id = z.union([z.number(), z.string()]).transform(String);

const ZAddress = z
  .object({
    name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province: z.string().nullish(),
    province_code: z.string().nullish(),
    zip: z.string().nullish(),
    country: z.string().nullish(),
    country_code: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

const ZLine = z.object({
  id: Id.nullish(),
  sku: z.string().nullish(),
  title: z.string().nullish(),
  name: z.string().nullish(),
  variant_title: z.string().nullish(),
  quantity: z.number().int().min(0),
  /** Quantity after order edits and removals (newer API versions). */
  current_quantity: z.number().int().min(0).nullish(),
  price: Money,
  total_discount: Money,
  discount_allocations: z.array(z.object({ amount: Money })).nullish(),
  tax_lines: z.array(z.object({ price: Money })).nullish(),
});

const ZFulfillment = z.object({
  id: Id,
  status: z.string().nullish(),
  created_at: z.string().nullish(),
  tracking_company: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_numbers: z.array(z.string()).nullish(),
  shipment_status: z.string().nullish(),
  line_items: z.array(z.object({ id: Id.nullish(), sku: z.string().nullish(), quantity: z.number().int() })).nullish(),
});

export const ZShopifyOrder = z.object({
  id: Id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  created_at: z.string().nullish(),
  processed_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  cancel_reason: z.string().nullish(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  taxes_included: z.boolean().nullish(),
  total_price: Money,
  total_outstanding: Money,
  gateway: z.string().nullish(),
  payment_gateway_names: z.array(z.string()).nullish(),
  note: z.string().nullish(),
  tags: z.string().nullish(),
  customer: z
    .object({
      email: z.string().nullish(),
      phone: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
    })
    .nullish(),
  billing_address: ZAddress,
  shipping_address: ZAddress,
  line_items: z.array(ZLine),
  shipping_lines: z
    .array(
      z.object({
        title: z.string().nullish(),
        code: z.string().nullish(),
        price: Money,
        discounted_price: Money,
        tax_lines: z.array(z.object({ price: Money })).nullish(),
      }),
    )
    .nullish(),
  fulfillments: z.array(ZFulfillment).nullish(),
  refunds: z
    .array(
      z.object({
        transactions: z
          .array(z.object({ amount: Money, kind: z.string().nullish(), status: z.string().nullish() }))
          .nullish(),
      }),
    )
    .nullish(),
});
export type ShopifyOrder = z.infer<typeof ZShopifyOrder>;

const PAID = new Set(['paid', 'partially_paid', 'partially_refunded', 'refunded']);

function toAddress(a: z.infer<typeof ZAddress>, field: string, errors: FieldErrorLike[]) {
  if (!a) return undefined;
  return address(
    {
      name: str(a.name, 200),
      firstName: str(a.first_name, 100),
      lastName: str(a.last_name, 100),
      company: str(a.company, 200),
      line1: str(a.address1, 200),
      line2: str(a.address2, 200),
      city: str(a.city, 100),
      region: str(a.province_code, 100) ?? str(a.province, 100),
      postcode: postcode(a.zip),
      country: str(a.country_code, 2),
      phone: str(a.phone, 40),
    },
    field,
    errors,
  );
}

/**
 * Maps a Shopify order body to what Freehold should hold. Lines removed by order edits (current quantity 0) are
 * left out; discounts are the line's allocations (order-level codes are allocated to lines by Shopify already).
 */
export function mapShopifyOrder(body: unknown): MapResult {
  const parsed = ZShopifyOrder.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    return { ok: false, message: 'This is not a Shopify order body Freehold can read.', fields };
  }
  const o = parsed.data;
  const currency = o.currency.toUpperCase();
  const errors: FieldErrorLike[] = [];
  const money = (v: unknown, field: string, fallback = 0): number => {
    if (v === null || v === undefined || v === '') return fallback;
    const m = toMinor(v as string, currency);
    if (m === null || m < 0) {
      errors.push({ field, message: `"${String(v)}" is not an amount` });
      return fallback;
    }
    return m;
  };
  const taxIncluded = o.taxes_included === true;
  const lines: OrderInput['lines'] = [];
  o.line_items.forEach((l, i) => {
    const quantity = l.current_quantity ?? l.quantity;
    if (quantity === 0) return;
    const price = money(l.price, `line_items.${i}.price`);
    const allocated = l.discount_allocations?.length
      ? l.discount_allocations.reduce((s, d, k) => s + money(d.amount, `line_items.${i}.discount_allocations.${k}`), 0)
      : money(l.total_discount, `line_items.${i}.total_discount`);
    const tax = (l.tax_lines ?? []).reduce((s, t, k) => s + money(t.price, `line_items.${i}.tax_lines.${k}.price`), 0);
    const title = str(l.name, 300) ?? [str(l.title, 200), str(l.variant_title, 100)].filter(Boolean).join(' - ');
    const sku = str(l.sku, 100);
    lines.push({
      ...(sku ? { sku } : {}),
      title: title || sku || `Line ${i + 1}`,
      quantity,
      ...lineAmounts({ subtotal: price * quantity, quantity, discount: allocated, tax, taxIncluded }),
    });
  });
  if (!lines.length) errors.push({ field: 'line_items', message: 'has no line with a quantity' });

  const paidStatus = o.financial_status ?? '';
  const total = money(o.total_price, 'total_price');
  const outstanding = money(o.total_outstanding, 'total_outstanding');
  const method = str(o.payment_gateway_names?.join(', '), 100) ?? str(o.gateway, 100);
  const placedAt = isoInstant(o.processed_at) ?? isoInstant(o.created_at);
  const paid = PAID.has(paidStatus)
    ? {
        amountMinor: paidStatus === 'partially_paid' ? Math.max(0, total - outstanding) : total,
        ...(method ? { method } : {}),
        ...(placedAt ? { paidAt: placedAt } : {}),
      }
    : null;
  const refundedMinor = (o.refunds ?? []).reduce(
    (s, r, i) =>
      s +
      (r.transactions ?? [])
        .filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')
        .reduce((a, t, k) => a + money(t.amount, `refunds.${i}.transactions.${k}.amount`), 0),
    0,
  );

  const shipments: TargetShipment[] = (o.fulfillments ?? [])
    .filter((f) => f.status === 'success' || f.status === 'open' || !f.status)
    .map((f) => ({
      ref: f.id,
      trackingNumber: str(f.tracking_number, 200) ?? str(f.tracking_numbers?.[0], 200) ?? null,
      carrier: str(f.tracking_company, 100) ?? null,
      shippedAt: isoInstant(f.created_at) ?? null,
      delivered: f.shipment_status === 'delivered',
      lines: (f.line_items ?? []).map((li) => {
        const line = o.line_items.find((x) => x.id !== undefined && x.id !== null && x.id === li.id);
        return {
          sku: str(li.sku ?? line?.sku, 100) ?? null,
          title: str(line?.name, 300) ?? null,
          quantity: li.quantity,
        };
      }),
    }));
  const fulfilment =
    o.fulfillment_status === 'fulfilled' ? 'full' : o.fulfillment_status === 'partial' ? 'partial' : 'none';

  const shippingLines = o.shipping_lines ?? [];
  // The order keeps one shipping price, so tax charged on top of shipping is part of it: totals stay what was paid.
  const shippingPrice = shippingLines.reduce(
    (s, l, i) =>
      s +
      money(l.discounted_price ?? l.price, `shipping_lines.${i}.price`) +
      (taxIncluded
        ? 0
        : (l.tax_lines ?? []).reduce((a, t, k) => a + money(t.price, `shipping_lines.${i}.tax_lines.${k}.price`), 0)),
    0,
  );
  const carrier = str(shippingLines.map((l) => l.title ?? l.code ?? '').join(' + '), 200);
  const service = str(shippingLines.map((l) => l.code ?? '').join(' + '), 200);

  const email = str(o.email, 320) ?? str(o.contact_email, 320) ?? str(o.customer?.email, 320);
  const phone = str(o.phone, 40) ?? str(o.customer?.phone, 40) ?? str(o.billing_address?.phone, 40);
  const firstName = str(o.customer?.first_name, 100) ?? str(o.billing_address?.first_name, 100);
  const lastName = str(o.customer?.last_name, 100) ?? str(o.billing_address?.last_name, 100);
  const shippingAddress = toAddress(o.shipping_address, 'shipping_address', errors);
  const billingAddress = toAddress(o.billing_address, 'billing_address', errors);
  // An incomplete address is worth a warning in the delivery log, not a lost order: keep the order without it.
  const blocking = errors.filter((e) => !e.field.endsWith('_address') && !e.field.includes('_address.'));
  if (blocking.length)
    return { ok: false, message: 'The Shopify order has values Freehold cannot read.', fields: errors };

  const note = str(o.note, 5000);
  const tags = tagList(o.tags);
  const number = str(o.name, 100);
  const cancelled = o.cancelled_at
    ? { at: isoInstant(o.cancelled_at) ?? null, reason: str(o.cancel_reason, 200) ?? null }
    : null;
  const facts: Facts = {
    paid,
    refundedMinor,
    fulfilment,
    shipments,
    cancelled,
    remoteUpdatedAt: isoInstant(o.updated_at) ?? null,
    placedAt: placedAt ?? null,
  };
  const shipping =
    shippingLines.length > 0
      ? {
          carrier: carrier ?? 'Shipping',
          ...(service && service !== carrier ? { service } : {}),
          priceMinor: shippingPrice,
        }
      : undefined;
  const target = buildTarget(
    {
      source: 'shopify',
      externalId: o.id,
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
      ...(shipping ? { shipping } : {}),
      ...(note ? { note } : {}),
      ...(tags ? { tags } : {}),
    },
    facts,
    paidStatus !== 'partially_paid',
  );
  return { ok: true, target, ...(errors.length ? { warnings: errors } : {}) };
}
