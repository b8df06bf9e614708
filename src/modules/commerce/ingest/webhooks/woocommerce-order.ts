import { z } from 'zod';
import { address, isoInstant, postcode, str } from '../clean.ts';
import { allocate, lineAmounts, toMinor } from '../money.ts';
import type { OrderInput } from '../orders-port.ts';
import { buildTarget, type Facts, type FieldErrorLike, type MapResult, type TargetShipment } from '../target.ts';

// WooCommerce's order as its webhooks send it: the REST API v3 order (`/wc/v3/orders/{id}`). Line `subtotal` and
// `total` are before and after discounts, both without tax (`total_tax` apart), whatever `prices_include_tax` says.

const Money = z.union([z.string(), z.number()]).nullish();
const Id = z.union([z.number(), z.string()]).transform(String);

const ZParty = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    address_1: z.string().nullish(),
    address_2: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

export const ZWooOrder = z.object({
  id: Id,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  date_completed_gmt: z.string().nullish(),
  total: Money,
  customer_note: z.string().nullish(),
  billing: ZParty,
  shipping: ZParty,
  payment_method: z.string().nullish(),
  payment_method_title: z.string().nullish(),
  transaction_id: z.string().nullish(),
  line_items: z.array(
    z.object({
      id: Id.nullish(),
      name: z.string().nullish(),
      sku: z.string().nullish(),
      quantity: z.number().int(),
      subtotal: Money,
      total: Money,
      total_tax: Money,
    }),
  ),
  shipping_lines: z
    .array(
      z.object({ method_title: z.string().nullish(), method_id: z.string().nullish(), total: Money, total_tax: Money }),
    )
    .nullish(),
  fee_lines: z.array(z.object({ name: z.string().nullish(), total: Money, total_tax: Money })).nullish(),
  refunds: z.array(z.object({ total: Money })).nullish(),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
});
export type WooOrder = z.infer<typeof ZWooOrder>;

/** Statuses with nothing to take yet: a checkout in progress, or an order moved to the bin. */
const NOT_ORDERS = new Set(['checkout-draft', 'auto-draft', 'draft', 'trash']);
const PAID = new Set(['processing', 'completed', 'refunded']);

/** WooCommerce writes GMT times without a zone ("2024-03-05T13:22:10"). */
const gmt = (v: string | null | undefined) => isoInstant(v && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v}Z` : v);

/** The Shipment Tracking extension keeps its numbers in order meta (`_wc_shipment_tracking_items`). */
const ZTracking = z.array(
  z.object({
    tracking_id: z.union([z.string(), z.number()]).nullish(),
    tracking_provider: z.string().nullish(),
    custom_tracking_provider: z.string().nullish(),
    tracking_number: z.union([z.string(), z.number()]).nullish(),
    date_shipped: z.union([z.string(), z.number()]).nullish(),
  }),
);

function trackingOf(o: WooOrder): TargetShipment[] {
  const meta = o.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items');
  const items = meta ? ZTracking.safeParse(meta.value) : null;
  if (!items?.success) return [];
  return items.data
    .filter((t) => str(t.tracking_number))
    .map((t, i) => {
      const shipped = t.date_shipped ? Number(t.date_shipped) : Number.NaN;
      return {
        ref: str(t.tracking_id, 100) ?? `tracking-${i}`,
        trackingNumber: str(t.tracking_number, 200) ?? null,
        carrier: str(t.custom_tracking_provider, 100) ?? str(t.tracking_provider, 100) ?? null,
        shippedAt: Number.isFinite(shipped) ? new Date(shipped * 1000).toISOString() : null,
        delivered: false,
        lines: [],
      };
    });
}

/** WooCommerce order ids count from 1 on every site: the shop's host keeps two shops' order 42 apart. */
export const wooExternalId = (shopDomain: string, id: string) => `${shopDomain}:${id}`;

export function mapWooOrder(body: unknown, shopDomain: string): MapResult {
  const parsed = ZWooOrder.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    return { ok: false, message: 'This is not a WooCommerce order body Freehold can read.', fields };
  }
  const o = parsed.data;
  if (NOT_ORDERS.has(o.status))
    return {
      ok: false,
      ignore: true,
      message: `A WooCommerce order in status "${o.status}" is not taken.`,
      fields: [],
    };
  // An order started in the WordPress admin is saved (and sent) before its items are added: its update brings them.
  if (!o.line_items.some((l) => l.quantity > 0))
    return { ok: false, ignore: true, message: 'The WooCommerce order has no items yet.', fields: [] };
  const currency = o.currency.toUpperCase();
  const errors: FieldErrorLike[] = [];
  const money = (v: unknown, field: string): number => {
    if (v === null || v === undefined || v === '') return 0;
    const m = toMinor(v as string, currency);
    if (m === null) {
      errors.push({ field, message: `"${String(v)}" is not an amount` });
      return 0;
    }
    return m;
  };

  const lines: OrderInput['lines'] = [];
  for (const [i, l] of o.line_items.entries()) {
    if (l.quantity <= 0) continue;
    const subtotal = money(l.subtotal, `line_items.${i}.subtotal`);
    const total = money(l.total ?? l.subtotal, `line_items.${i}.total`);
    const sku = str(l.sku, 100);
    lines.push({
      ...(sku ? { sku } : {}),
      title: str(l.name, 300) ?? sku ?? `Line ${i + 1}`,
      quantity: l.quantity,
      ...lineAmounts({
        subtotal,
        quantity: l.quantity,
        discount: subtotal - total,
        tax: money(l.total_tax, `line_items.${i}.total_tax`),
        taxIncluded: false,
      }),
    });
  }
  // Fees (cash-on-delivery charge, gift wrap) are lines of their own; a negative fee is a discount on the items.
  const itemLines = lines.length;
  for (const [i, f] of (o.fee_lines ?? []).entries()) {
    const amount = money(f.total, `fee_lines.${i}.total`);
    const tax = money(f.total_tax, `fee_lines.${i}.total_tax`);
    if (amount > 0) {
      lines.push({ title: str(f.name, 300) ?? 'Fee', quantity: 1, unitPriceMinor: amount, taxMinor: Math.max(0, tax) });
    } else if (amount < 0 && itemLines) {
      const net = lines.slice(0, itemLines).map((l) => l.unitPriceMinor * l.quantity - (l.discountMinor ?? 0));
      allocate(-amount, net).forEach((d, k) => {
        const line = lines[k]!;
        line.discountMinor = Math.min(line.unitPriceMinor * line.quantity, (line.discountMinor ?? 0) + d);
      });
      allocate(-tax, net).forEach((d, k) => {
        const line = lines[k]!;
        line.taxMinor = Math.max(0, (line.taxMinor ?? 0) - d);
      });
    }
  }

  const placedAt = gmt(o.date_created_gmt);
  const total = money(o.total, 'total');
  const method = str(o.payment_method_title, 100) ?? str(o.payment_method, 100);
  const reference = str(o.transaction_id, 200);
  const paidAt = gmt(o.date_paid_gmt);
  const paid =
    PAID.has(o.status) || paidAt
      ? {
          amountMinor: total,
          ...(method ? { method } : {}),
          ...(reference ? { reference } : {}),
          ...((paidAt ?? placedAt) ? { paidAt: paidAt ?? placedAt } : {}),
        }
      : null;
  const refundedMinor = (o.refunds ?? []).reduce((s, r, i) => s + Math.abs(money(r.total, `refunds.${i}.total`)), 0);
  const shipments = o.status === 'completed' ? trackingOf(o) : [];

  const shippingLines = o.shipping_lines ?? [];
  const shippingPrice = shippingLines.reduce(
    (s, l, i) => s + money(l.total, `shipping_lines.${i}.total`) + money(l.total_tax, `shipping_lines.${i}.total_tax`),
    0,
  );
  const carrier = str(shippingLines.map((l) => l.method_title ?? l.method_id ?? '').join(' + '), 200);

  const b = o.billing;
  const s = o.shipping;
  const shippingAddress = address(
    s
      ? {
          firstName: str(s.first_name, 100),
          lastName: str(s.last_name, 100),
          company: str(s.company, 200),
          line1: str(s.address_1, 200),
          line2: str(s.address_2, 200),
          city: str(s.city, 100),
          region: str(s.state, 100),
          postcode: postcode(s.postcode),
          country: str(s.country, 2),
          phone: str(s.phone, 40),
        }
      : undefined,
    'shipping',
    errors,
  );
  const billingAddress = address(
    b
      ? {
          firstName: str(b.first_name, 100),
          lastName: str(b.last_name, 100),
          company: str(b.company, 200),
          line1: str(b.address_1, 200),
          line2: str(b.address_2, 200),
          city: str(b.city, 100),
          region: str(b.state, 100),
          postcode: postcode(b.postcode),
          country: str(b.country, 2),
          phone: str(b.phone, 40),
        }
      : undefined,
    'billing',
    errors,
  );
  const blocking = errors.filter((e) => !/^(shipping|billing)(\.|$)/.test(e.field));
  if (blocking.length)
    return { ok: false, message: 'The WooCommerce order has values Freehold cannot read.', fields: errors };

  const email = str(b?.email, 320);
  const phone = str(b?.phone, 40);
  const firstName = str(b?.first_name, 100) ?? str(s?.first_name, 100);
  const lastName = str(b?.last_name, 100) ?? str(s?.last_name, 100);
  const note = str(o.customer_note, 5000);
  const number = str(o.number, 100) ?? o.id;
  const cancelled = o.status === 'cancelled' ? { at: gmt(o.date_modified_gmt) ?? null, reason: null } : null;
  const facts: Facts = {
    paid,
    refundedMinor,
    fulfilment: o.status === 'completed' ? 'full' : 'none',
    shipments,
    cancelled,
    remoteUpdatedAt: gmt(o.date_modified_gmt) ?? null,
    placedAt: placedAt ?? null,
  };
  const target = buildTarget(
    {
      source: 'woocommerce',
      externalId: wooExternalId(shopDomain, o.id),
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
      ...(billingAddress ? { billingAddress } : {}),
      ...(shippingLines.length ? { shipping: { carrier: carrier ?? 'Shipping', priceMinor: shippingPrice } } : {}),
      ...(note ? { note } : {}),
    },
    facts,
    true,
  );
  return { ok: true, target, ...(errors.length ? { warnings: errors } : {}) };
}
