import type { FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { normalizeEmail, normalizePhone } from '../../crm/index.ts';
import type { VariantInfo } from '../catalog/resolve-variants.ts';
import { type TOrderInput, ZOrderInput } from './contracts.ts';
import type { OrderAddress, OrderCustomer, OrderShipping, OrderStatus } from './schema.ts';

// Turns one OrderInput into what the writers need, or the list of what is wrong with it (each error names its field,
// the way the API names it: `lines.1.quantity`). Pure: the database parts (variants, quotes, contacts) come after.

export type PreparedLine = {
  id: string;
  position: number;
  ref: { variantId?: string; sku?: string };
  variantId: string | null;
  productId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
};

export type PreparedOrder = {
  index: number;
  id: string;
  input: TOrderInput;
  /** `source \u0000 externalId`: the idempotency key, null without an external id. */
  key: string | null;
  email: string | null;
  phone: string | null;
  customer: OrderCustomer;
  lines: PreparedLine[];
  placedAt: Date;
  /** What the input asked for; the order's status also depends on payment (see createOrders). */
  requestedStatus: 'placed' | 'paid' | 'fulfilled' | 'shipped' | 'delivered' | 'cancelled';
  /** Past orders (fulfilled and later, or cancelled) never touch stock or pickup capacity. */
  imported: boolean;
  shipping: OrderShipping | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
};

export type Prepared = { ok: true; order: PreparedOrder } | { ok: false; fields: FieldError[] };

const str = (v: string | null | undefined): string | null => (v ? v : null);

function toAddress(a: TOrderInput['shippingAddress']): OrderAddress | null {
  if (!a) return null;
  return {
    name: str(a.name),
    company: str(a.company),
    line1: a.line1,
    line2: str(a.line2),
    city: a.city,
    region: str(a.region),
    postcode: str(a.postcode),
    country: a.country,
    phone: str(a.phone),
  };
}

export const addressOf = toAddress;

/** Zod's issue path as the API names fields: `lines.0.quantity`. */
const pathOf = (path: PropertyKey[]) => path.map(String).join('.') || 'body';

export function prepareOrder(raw: unknown, index: number, now: Date): Prepared {
  const parsed = ZOrderInput.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      fields: parsed.error.issues.map((i) => ({ field: pathOf(i.path), message: i.message })),
    };
  }
  const input = parsed.data;
  const errors: FieldError[] = [];

  const email = input.customer.email ? normalizeEmail(input.customer.email) : null;
  if (input.customer.email && !email) errors.push({ field: 'customer.email', message: 'is not an email address' });
  // A phone that cannot be read stays on the order as sent, but does not identify anybody.
  const country = input.shippingAddress?.country ?? input.billingAddress?.country ?? null;
  const phone = input.customer.phone ? normalizePhone(input.customer.phone, country) : null;

  const placedAt = input.placedAt ? new Date(input.placedAt) : now;
  if (placedAt.getTime() > now.getTime() + 24 * 3600_000)
    errors.push({ field: 'placedAt', message: 'is more than a day in the future' });

  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  const lines: PreparedLine[] = input.lines.map((l, i) => {
    if (!l.variantId && !l.sku && !l.title)
      errors.push({ field: `lines.${i}.title`, message: 'a line needs a variantId, a sku or a title' });
    const gross = l.quantity * l.unitPriceMinor;
    const d = l.discountMinor ?? 0;
    const t = l.taxMinor ?? 0;
    if (d > gross)
      errors.push({
        field: `lines.${i}.discountMinor`,
        message: `is more than the line's ${gross} (quantity × price)`,
      });
    subtotal += gross;
    discount += d;
    tax += t;
    const ref: PreparedLine['ref'] = {};
    if (l.variantId) ref.variantId = l.variantId;
    else if (l.sku) ref.sku = l.sku;
    return {
      id: newId(),
      position: i,
      ref,
      variantId: null,
      productId: null,
      sku: str(l.sku),
      title: l.title || l.sku || '',
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: d,
      taxMinor: t,
      totalMinor: gross - d + t,
    };
  });
  if (!Number.isSafeInteger(subtotal + tax))
    errors.push({ field: 'lines', message: 'the order total is too large to store' });

  const requestedStatus = input.status ?? 'placed';
  const imported = ['fulfilled', 'shipped', 'delivered', 'cancelled'].includes(requestedStatus);
  if (requestedStatus === 'cancelled' && input.payment && input.payment.amountMinor > 0)
    errors.push({ field: 'status', message: 'a cancelled order brought in cannot carry a payment; record a refund' });

  let shipping: OrderShipping | null = null;
  if (input.shipping && 'carrier' in input.shipping) {
    shipping = {
      quoteId: null,
      optionId: null,
      carrierId: null,
      carrierName: input.shipping.carrier,
      serviceId: null,
      serviceName: str(input.shipping.service),
      serviceKind: input.pickupPointId ? 'pickup_point' : null,
      priceMinor: input.shipping.priceMinor,
      breakdown: [],
      eta: null,
    };
  }

  if (errors.length) return { ok: false, fields: errors };
  return {
    ok: true,
    order: {
      index,
      id: newId(),
      input,
      key: input.externalId ? `${input.source}\u0000${input.externalId}` : null,
      email,
      phone,
      customer: {
        email: email ?? str(input.customer.email),
        phone: phone ?? str(input.customer.phone),
        firstName: str(input.customer.firstName),
        lastName: str(input.customer.lastName),
      },
      lines,
      placedAt,
      requestedStatus,
      imported,
      shipping,
      subtotalMinor: subtotal,
      discountMinor: discount,
      taxMinor: tax,
    },
  };
}

/** Fills the catalog lines from resolveVariants' answers (in line order); an unknown variantId is an error. */
export function applyVariants(order: PreparedOrder, variants: (VariantInfo | null)[]): FieldError[] {
  const errors: FieldError[] = [];
  order.lines.forEach((line, i) => {
    const v = variants[i] ?? null;
    if (line.ref.variantId && !v) {
      errors.push({ field: `lines.${i}.variantId`, message: 'no such variant in this workspace' });
      return;
    }
    if (!v) return; // a SKU the catalog does not know: a text line
    line.variantId = v.variantId;
    line.productId = v.productId;
    line.sku = v.sku;
    line.title = order.input.lines[i]?.title || v.title;
  });
  return errors;
}

export type OrderMoney = {
  shippingMinor: number;
  totalMinor: number;
  paidMinor: number;
  status: OrderStatus;
};

/**
 * The order's money and starting status once shipping is known. Past orders brought in as paid or later without a
 * payment are taken as paid in full (the storefront settled them); a payment cannot exceed the total.
 */
export function settle(order: PreparedOrder): { ok: true; money: OrderMoney } | { ok: false; fields: FieldError[] } {
  const shippingMinor = order.shipping?.priceMinor ?? 0;
  const totalMinor = order.subtotalMinor - order.discountMinor + order.taxMinor + shippingMinor;
  const p = order.input.payment;
  const s = order.requestedStatus;
  let paidMinor = p?.amountMinor ?? 0;
  if (!p && s !== 'placed' && s !== 'cancelled') paidMinor = totalMinor;
  if (paidMinor > totalMinor)
    return {
      ok: false,
      fields: [{ field: 'payment.amountMinor', message: `is more than the order's total of ${totalMinor}` }],
    };
  let status: OrderStatus = s;
  if (s === 'placed' && paidMinor >= totalMinor) status = 'paid';
  if (s === 'paid' && paidMinor < totalMinor)
    return {
      ok: false,
      fields: [{ field: 'payment.amountMinor', message: `a paid order needs ${totalMinor} paid, not ${paidMinor}` }],
    };
  return { ok: true, money: { shippingMinor, totalMinor, paidMinor, status } };
}
