import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { newId } from '../../../../platform/ids.ts';
import { addJob } from '../../../../platform/jobs/queue.ts';
import { commerceStorefronts, commerceWebhookDeliveries, type StorefrontPlatform } from '../schema.ts';
import { type StorefrontRow, storefrontByPublicKey } from '../storefronts/storefront-row.ts';
import { DELIVERY_PRIORITY, SHOPIFY_MAX_AGE_MS, SHOPIFY_ORDER_TOPICS, WOO_ORDER_TOPICS } from './policy.ts';
import { processDeliveryJob } from './process-delivery.ts';
import { checkShopify, checkWooCommerce, type SignatureCheck, sha256Hex } from './signatures.ts';

export type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
};

export type ReceiveOutcome =
  | { kind: 'ping' }
  | { kind: 'duplicate' }
  | { kind: 'accepted'; deliveryId: string; queued: boolean };

function unauthenticated(headerName: string, check: Exclude<SignatureCheck, { ok: true }>): AppError {
  const why = {
    missing: `The ${headerName} header is missing: this request is not signed.`,
    malformed: `The ${headerName} header is not a base64 HMAC-SHA256 digest.`,
    mismatch: `The ${headerName} signature does not match this body and this connection's secret. Check the secret in Freehold against the storefront's.`,
  }[check.reason];
  return new AppError('UNAUTHENTICATED', why, [{ field: `header.${headerName}`, message: check.reason }]);
}

const badRequest = (field: string, message: string) =>
  new AppError('BAD_REQUEST', `${field}: ${message}`, [{ field, message }]);

/** The body as JSON, read only after its signature was checked. */
function jsonObject(body: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw badRequest('body', 'is not a JSON object');
}

type Verified = { topic: string; dedupeKey: string; payload: Record<string, unknown> | null; handled: boolean };

function verifyShopify(sf: StorefrontRow, headers: Headers, body: Buffer, now: Date): Verified {
  const check = checkShopify(body, sf.secret, header(headers, 'x-shopify-hmac-sha256'));
  if (!check.ok) throw unauthenticated('X-Shopify-Hmac-Sha256', check);
  // Headers are not signed: these checks stop misrouted and naively replayed deliveries; what stops a crafted replay
  // is that every step taken from a body is idempotent and ordered by the body's own updated_at (apply-target.ts).
  const shop = header(headers, 'x-shopify-shop-domain')?.toLowerCase();
  if (sf.shopDomain && shop && shop !== sf.shopDomain)
    throw new AppError('UNAUTHENTICATED', `This delivery is from ${shop}; this connection is for ${sf.shopDomain}.`, [
      { field: 'header.X-Shopify-Shop-Domain', message: 'is another shop' },
    ]);
  const triggered = header(headers, 'x-shopify-triggered-at');
  if (triggered) {
    const at = Date.parse(triggered);
    if (Number.isNaN(at)) throw badRequest('header.X-Shopify-Triggered-At', 'is not a time');
    if (now.getTime() - at > SHOPIFY_MAX_AGE_MS)
      throw new AppError(
        'UNAUTHENTICATED',
        `This delivery was triggered at ${new Date(at).toISOString()}, more than 24 hours ago: a stale or replayed delivery is not taken.`,
        [{ field: 'header.X-Shopify-Triggered-At', message: 'is more than 24 hours old' }],
      );
  }
  const topic = header(headers, 'x-shopify-topic');
  if (!topic) throw badRequest('header.X-Shopify-Topic', 'is required');
  const eventId = header(headers, 'x-shopify-event-id');
  const webhookId = header(headers, 'x-shopify-webhook-id');
  if (!eventId && !webhookId) throw badRequest('header.X-Shopify-Webhook-Id', 'is required to recognise repeats');
  const handled = SHOPIFY_ORDER_TOPICS.has(topic);
  return {
    topic,
    // Shopify: the event id is the same on every retry of one event; the webhook id names one delivery.
    dedupeKey: eventId ? `event:${eventId}` : `webhook:${webhookId}`,
    payload: handled ? jsonObject(body) : null,
    handled,
  };
}

function verifyWoo(sf: StorefrontRow, headers: Headers, body: Buffer): Verified | 'ping' {
  const signature = header(headers, 'x-wc-webhook-signature');
  // WooCommerce pings a new webhook's URL with the unsigned form body `webhook_id=<id>` and saves it only on a 200.
  if (!signature && /^webhook_id=\d+$/.test(body.toString('utf8').trim())) return 'ping';
  const check = checkWooCommerce(body, sf.secret, signature);
  if (!check.ok) throw unauthenticated('X-WC-Webhook-Signature', check);
  const topic = header(headers, 'x-wc-webhook-topic');
  if (!topic) throw badRequest('header.X-WC-Webhook-Topic', 'is required');
  const deliveryId = header(headers, 'x-wc-webhook-delivery-id');
  if (!deliveryId) throw badRequest('header.X-WC-Webhook-Delivery-ID', 'is required to recognise repeats');
  const handled = WOO_ORDER_TOPICS.has(topic);
  return {
    topic,
    // WooCommerce's delivery id is a hash of the webhook id and the current second, so two orders sent by one webhook
    // within a second share it: the body's hash tells them apart, and a replay (same bytes) still matches.
    dedupeKey: `${deliveryId}:${sha256Hex(body).slice(0, 32)}`,
    payload: handled ? jsonObject(body) : null,
    handled,
  };
}

/**
 * Takes one storefront delivery: finds the connection by the URL's key, checks the signature over the raw bytes,
 * refuses stale ones, records it once (a repeat is answered 200 and does nothing) and queues its processing in the
 * same transaction. Nothing is written for a request that fails any check.
 */
export async function receiveDelivery({
  db,
  publicKey,
  platform,
  headers,
  body,
  now = new Date(),
}: {
  db: Db;
  publicKey: string;
  platform: StorefrontPlatform;
  headers: Headers;
  body: Buffer;
  now?: Date;
}): Promise<ReceiveOutcome> {
  const sf = await storefrontByPublicKey(db, publicKey);
  if (!sf || sf.platform !== platform) throw AppError.notFound('Storefront connection');
  const v = platform === 'shopify' ? verifyShopify(sf, headers, body, now) : verifyWoo(sf, headers, body);
  if (v === 'ping') return { kind: 'ping' };
  return db.transaction(async (tx) => {
    const id = newId();
    const [row] = await tx
      .insert(commerceWebhookDeliveries)
      .values({
        workspaceId: sf.workspaceId,
        id,
        storefrontId: sf.id,
        dedupeKey: v.dedupeKey.slice(0, 300),
        topic: v.topic.slice(0, 100),
        status: v.handled ? 'queued' : 'ignored',
        outcome: v.handled ? null : `Topic ${v.topic} is not an order topic Freehold takes`,
        payload: v.payload,
        receivedAt: now,
        processedAt: v.handled ? null : now,
      })
      .onConflictDoNothing()
      .returning({ id: commerceWebhookDeliveries.id });
    if (!row) return { kind: 'duplicate' as const };
    await tx
      .update(commerceStorefronts)
      .set({ lastDeliveryAt: now })
      .where(and(eq(commerceStorefronts.workspaceId, sf.workspaceId), eq(commerceStorefronts.id, sf.id)));
    if (v.handled)
      // Ahead of the default priority: a big import's thousands of event deliveries must not hold up live orders.
      await addJob(
        tx,
        processDeliveryJob,
        { workspaceId: sf.workspaceId, deliveryId: id },
        { jobKey: `ingest:${id}`, priority: DELIVERY_PRIORITY },
      );
    return { kind: 'accepted' as const, deliveryId: id, queued: v.handled };
  });
}
