// The orders' fixed vocabularies, shared by the server and the web UI (this file imports nothing, so the UI can use it
// without pulling server code into its bundle).

/**
 * How far an order got. Payment is tracked apart (`payment_status`), since cash on delivery and invoices fulfil
 * before they are paid: `paid` is a step only while nothing has been fulfilled yet.
 */
export const ORDER_STATUSES = [
  'placed',
  'paid',
  'partially_fulfilled',
  'fulfilled',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = ['unpaid', 'partially_paid', 'paid', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
