import type { OrderInput } from './orders-port.ts';

/**
 * What a storefront says about one of its orders, in Freehold's words: the order to create if it is new, and the
 * lifecycle facts to bring an existing one up to (payment, fulfilment, shipments, cancellation). Mappers produce it
 * from Shopify and WooCommerce bodies and from CSV rows; `applyTarget` acts on it.
 */
export type OrderTarget = {
  input: OrderInput;
  paid: { amountMinor: number; method?: string; reference?: string; paidAt?: string } | null;
  refundedMinor: number;
  /** All lines fulfilled, some, or none (the storefront's own word). */
  fulfilment: 'none' | 'partial' | 'full';
  shipments: TargetShipment[];
  cancelled: { at: string | null; reason: string | null } | null;
  /** The body's own modification time (signed), to order deliveries that arrive out of order. */
  remoteUpdatedAt: string | null;
  /** When the storefront says the order was placed (decides whether it predates the connection). */
  placedAt: string | null;
};

export type TargetShipment = {
  /** The storefront's id of the shipment, so the same one is not recorded twice. */
  ref: string;
  trackingNumber: string | null;
  carrier: string | null;
  shippedAt: string | null;
  delivered: boolean;
  /** Which lines left in it, by SKU or title as the order has them; empty: all open lines. */
  lines: { sku: string | null; title: string | null; quantity: number }[];
};

/**
 * A mapped order, with warnings for parts left out (an incomplete address); or why it cannot be taken, `ignore`
 * when there is nothing to take (a checkout draft, a trashed order) rather than something wrong.
 */
export type MapResult =
  | { ok: true; target: OrderTarget; warnings?: FieldErrorLike[] }
  | { ok: false; message: string; fields: FieldErrorLike[]; ignore?: boolean };
export type FieldErrorLike = { field: string; message: string };

/** The furthest step the facts reach: a new order is created at this status. */
export function statusOf(t: Facts): NonNullable<OrderInput['status']> {
  if (t.cancelled) return 'cancelled';
  if (t.shipments.length && t.fulfilment === 'full') {
    if (t.shipments.every((s) => s.delivered)) return 'delivered';
    return 'shipped';
  }
  if (t.fulfilment === 'full') return 'fulfilled';
  if (t.paid) return 'paid';
  return 'placed';
}

/** The order's total as Freehold computes it from the lines and shipping (orders/prepare-order.ts does the same). */
export function orderTotal(input: Pick<OrderInput, 'lines' | 'shipping'>): number {
  const lines = input.lines.reduce(
    (s, l) => s + l.quantity * l.unitPriceMinor - (l.discountMinor ?? 0) + (l.taxMinor ?? 0),
    0,
  );
  return lines + (input.shipping && 'priceMinor' in input.shipping ? input.shipping.priceMinor : 0);
}

export type Facts = Omit<OrderTarget, 'input'>;

/**
 * Completes a mapped order: its status from the facts, and its payment. A storefront that says "paid" was paid in
 * full, whatever rounding its own totals carry, so the payment is the order's total as Freehold computes it; a
 * partial payment is capped at that total. An order brought in cancelled carries no payment (its money went back).
 */
export function buildTarget(input: Omit<OrderInput, 'status' | 'payment'>, facts: Facts, fullyPaid: boolean) {
  const total = orderTotal(input);
  const paid = facts.paid
    ? { ...facts.paid, amountMinor: fullyPaid ? total : Math.min(facts.paid.amountMinor, total) }
    : null;
  const f: Facts = { ...facts, paid };
  // Part-paid is not "paid": the order is created placed with its payment, and becomes paid when the rest comes.
  const reached = statusOf(f);
  const status = reached === 'paid' && paid && paid.amountMinor < total ? 'placed' : reached;
  const withPayment = paid && paid.amountMinor > 0 && status !== 'cancelled';
  const target: OrderTarget = { input: { ...input, ...(withPayment ? { payment: paid } : {}), status }, ...f };
  return target;
}
