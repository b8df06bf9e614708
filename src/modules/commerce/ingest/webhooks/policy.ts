// How long deliveries count, and which topics are orders: the replay window and the log's retention belong together.

/**
 * How old a Shopify delivery may be (by X-Shopify-Triggered-At) and still be taken. Shopify retries a failed delivery
 * 8 times over 4 hours (since 2024-09; 19 times over 48 hours before): a day covers every genuine retry with a wide
 * margin for clock skew and incidents on either side. It must stay below DELIVERY_RETENTION_DAYS, so that a repeat
 * inside the window is always caught by its id, and one outside it by its age.
 */
export const SHOPIFY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Deliveries (their ids, for the replay check, and their outcome, for the log) are kept this long. */
export const DELIVERY_RETENTION_DAYS = 30;

export const SHOPIFY_ORDER_TOPICS = new Set([
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
]);
export const WOO_ORDER_TOPICS = new Set(['order.created', 'order.updated']);

/** graphile-worker runs lower numbers first: storefront deliveries go before bulk work (0), e.g. event fan-out. */
export const DELIVERY_PRIORITY = -1;
