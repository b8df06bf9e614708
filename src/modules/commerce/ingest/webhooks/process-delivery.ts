import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { defineJob } from '../../../../platform/jobs/queue.ts';
import { applyTarget } from '../apply-target.ts';
import { commerceStorefronts, commerceWebhookDeliveries } from '../schema.ts';
import type { MapResult } from '../target.ts';
import { DELIVERY_RETENTION_DAYS } from './policy.ts';
import { mapShopifyOrder } from './shopify-order.ts';
import { mapWooOrder } from './woocommerce-order.ts';

/** Orders placed more than this before the connection was made are history, not live sales (see applyTarget). */
const LIVE_GRACE_MS = 60 * 60 * 1000;

/**
 * Processes one recorded delivery: maps the body, then creates or moves the order. Runs in the worker so the
 * storefront gets its 200 at once. Safe to run twice: a delivery already processed is left alone, and every step is
 * idempotent against the order anyway. A body Freehold cannot take is recorded as failed with the fields named.
 */
export async function processDelivery(db: Db, workspaceId: string, deliveryId: string): Promise<void> {
  const d = commerceWebhookDeliveries;
  const where = and(eq(d.workspaceId, workspaceId), eq(d.id, deliveryId));
  const [delivery] = await db.select().from(d).where(where);
  if (delivery?.status !== 'queued') return;
  const [sf] = await db
    .select()
    .from(commerceStorefronts)
    .where(and(eq(commerceStorefronts.workspaceId, workspaceId), eq(commerceStorefronts.id, delivery.storefrontId)));
  if (!sf) return; // disconnected since: its log went with it
  // A failed delivery keeps its body, so it can be retried once the cause is fixed (stock adjusted, a SKU added).
  const finish = (set: Partial<typeof d.$inferInsert>) =>
    db
      .update(d)
      .set({ processedAt: new Date(), ...(set.status === 'failed' ? {} : { payload: null }), ...set })
      .where(where);

  const mapped: MapResult =
    sf.platform === 'shopify'
      ? mapShopifyOrder(delivery.payload)
      : mapWooOrder(delivery.payload, sf.shopDomain ?? 'woocommerce');
  if (!mapped.ok) {
    await finish({
      status: mapped.ignore ? 'ignored' : 'failed',
      ...(mapped.ignore ? { outcome: mapped.message } : { error: mapped.message, errorFields: mapped.fields }),
    });
    return;
  }
  const t = mapped.target;
  const placed = t.placedAt ? Date.parse(t.placedAt) : Number.NaN;
  const live = Number.isNaN(placed) || placed >= sf.createdAt.getTime() - LIVE_GRACE_MS;
  try {
    const r = await applyTarget({ db, workspaceId, target: t, live });
    const warnings = mapped.warnings?.map((w) => `${w.field} ${w.message}`) ?? [];
    const outcome = r.stale
      ? 'Older than the state already applied: nothing to do'
      : r.steps.length
        ? r.steps.join(', ')
        : 'Up to date: nothing to do';
    await finish({
      status: r.refused.length ? 'failed' : 'processed',
      externalId: t.input.externalId ?? null,
      orderId: r.orderId,
      outcome: [outcome, ...warnings.map((w) => `left out: ${w}`)].join('; ').slice(0, 2000),
      error: r.refused.length ? r.refused.join('; ').slice(0, 2000) : null,
    });
  } catch (err) {
    if (!(err instanceof AppError)) {
      // A passing failure (database restart): keep it queued, say why, and let the job retry.
      await db
        .update(d)
        .set({ error: `Will retry: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000) })
        .where(where);
      throw err;
    }
    await finish({
      status: 'failed',
      externalId: t.input.externalId ?? null,
      error: err.message.slice(0, 2000),
      errorFields: err.fields,
    });
  }
}

export const processDeliveryJob = defineJob({
  name: 'commerce.ingest.process-delivery',
  payload: z.object({ workspaceId: z.string().uuid(), deliveryId: z.string().uuid() }),
  maxAttempts: 8,
  handler: async (p, ctx) => processDelivery(ctx.db, p.workspaceId, p.deliveryId),
});

/** Deliveries older than the retention are dropped: their ids guard against repeats far longer than any retry. */
export const pruneDeliveriesJob = defineJob({
  name: 'commerce.ingest.prune-deliveries',
  payload: z.object({}).passthrough(),
  maxAttempts: 3,
  handler: async (_p, ctx) => {
    const cutoff = new Date(Date.now() - DELIVERY_RETENTION_DAYS * 24 * 3600_000);
    await ctx.db.delete(commerceWebhookDeliveries).where(lt(commerceWebhookDeliveries.receivedAt, cutoff));
  },
});
