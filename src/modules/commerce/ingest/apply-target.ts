import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { createOrdersFromIngest, type OrderInput, orderSteps, type TOrder } from './orders-port.ts';
import { commerceStorefrontOrderSync } from './schema.ts';
import { type OrderTarget, orderTotal, type TargetShipment } from './target.ts';

export type ApplyOutcome = {
  orderId: string | null;
  /** What was done, in order ("created", "paid", "shipped DHL 0034…"), or why nothing was. */
  steps: string[];
  /** Steps the orders area refused (a cancellation of an order already fulfilled here), with its reason. */
  refused: string[];
  stale: boolean;
};

type Line = TOrder['lines'][number];

/**
 * Brings Freehold's order up to what the storefront says: creates it if new (idempotent by source + external id),
 * then takes the steps still missing through the orders area's use cases — payment, cancellation, fulfilment,
 * shipments with tracking, delivery, refunds. Every step is idempotent against the order's state, so a delivery
 * processed twice changes nothing the second time, and a body older (by its own signed modification time) than the
 * last one applied is not applied at all: deliveries arrive at least once and in any order.
 *
 * `live` orders (placed since the connection existed) are created placed or paid and walk the steps, so stock moves
 * as it does for any order; others are history, created at their status without touching stock.
 */
export async function applyTarget({
  db,
  workspaceId,
  target,
  live,
}: {
  db: Db;
  workspaceId: string;
  target: OrderTarget;
  live: boolean;
}): Promise<ApplyOutcome> {
  const { source, externalId } = target.input;
  if (!externalId) throw new Error('a storefront order always has an external id');
  // Deliveries of one order are processed one at a time, across workers and processes.
  const client = await db.$client.connect();
  const lockKey = `ingest:${workspaceId}:${source}:${externalId}`;
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      return await applyLocked(db, workspaceId, target, live);
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

async function applyLocked(db: Db, workspaceId: string, target: OrderTarget, live: boolean): Promise<ApplyOutcome> {
  const { source, externalId } = target.input as { source: string; externalId: string };
  const syncWhere = and(
    eq(commerceStorefrontOrderSync.workspaceId, workspaceId),
    eq(commerceStorefrontOrderSync.source, source),
    eq(commerceStorefrontOrderSync.externalId, externalId),
  );
  const [sync] = await db.select().from(commerceStorefrontOrderSync).where(syncWhere);
  const remote = target.remoteUpdatedAt ? new Date(target.remoteUpdatedAt) : null;
  if (sync?.remoteUpdatedAt && remote && remote < sync.remoteUpdatedAt)
    return { orderId: sync.orderId, steps: [], refused: [], stale: true };

  const [created] = await createOrdersFromIngest(db, workspaceId, [live ? liveInput(target) : target.input]);
  if (!created || created.status === 'error') {
    const e = created?.status === 'error' ? created.error : { code: 'INTERNAL', message: 'no answer', fields: [] };
    throw new AppError(e.code === 'VALIDATION' ? 'VALIDATION' : 'CONFLICT', e.message, e.fields);
  }
  const out: ApplyOutcome = { orderId: created.orderId, steps: [], refused: [], stale: false };
  if (created.status === 'created') out.steps.push(`created (${created.orderStatus})`);
  const walk = live || created.status === 'existing';
  if (walk) await catchUp(db, workspaceId, created.orderId, target, out);

  await db
    .insert(commerceStorefrontOrderSync)
    .values({ workspaceId, source, externalId, orderId: created.orderId, remoteUpdatedAt: remote })
    .onConflictDoUpdate({
      target: [
        commerceStorefrontOrderSync.workspaceId,
        commerceStorefrontOrderSync.source,
        commerceStorefrontOrderSync.externalId,
      ],
      set: {
        orderId: created.orderId,
        remoteUpdatedAt: sql`greatest(${commerceStorefrontOrderSync.remoteUpdatedAt}, excluded.remote_updated_at)`,
        updatedAt: new Date(),
      },
    });
  return out;
}

/** A live order starts where any order starts, placed or paid; fulfilment and shipping are steps taken after. */
function liveInput(t: OrderTarget): OrderInput {
  const s = t.input.status;
  if (s === 'placed' || s === 'paid' || s === 'cancelled' || !s) return t.input;
  const paidInFull = !!t.input.payment && t.input.payment.amountMinor >= orderTotal(t.input);
  return { ...t.input, status: paidInFull ? 'paid' : 'placed' };
}

/** Runs one step; a step the orders area refuses (409/400) is reported, and the next steps still run. */
async function step(out: ApplyOutcome, label: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    out.steps.push(label);
    return true;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    out.refused.push(`${label}: ${err.message}`);
    return false;
  }
}

async function catchUp(db: Db, ws: string, orderId: string, t: OrderTarget, out: ApplyOutcome): Promise<void> {
  let order = await orderSteps.get(db, ws, orderId);
  const reload = async () => {
    order = await orderSteps.get(db, ws, orderId);
  };

  if (t.paid && order.status !== 'cancelled') {
    const owed = Math.min(t.paid.amountMinor, order.totalMinor) - order.paidMinor;
    if (owed > 0) {
      const { method, reference, paidAt } = t.paid;
      await step(out, 'paid', () =>
        orderSteps.pay(db, ws, orderId, {
          amountMinor: owed,
          ...(method ? { method } : {}),
          ...(reference ? { reference } : {}),
          ...(paidAt ? { paidAt } : {}),
        }),
      );
      await reload();
    }
  }

  if (t.cancelled) {
    if (order.status !== 'cancelled')
      await step(out, 'cancelled', () => orderSteps.cancel(db, ws, orderId, t.cancelled?.reason ?? undefined));
  } else {
    for (const s of t.shipments) {
      const ref = `${t.input.source}:${s.ref}`;
      if (order.shipments.some((x) => x.reference === ref)) continue;
      // A shipment naming lines the order does not have (renamed SKUs) ships what is open, rather than nothing.
      const named = s.lines.length ? matchLines(order.lines, s.lines) : [];
      const lines = named.length ? named : null;
      // Units leave fulfilled: what is to ship beyond the fulfilled units already waiting is fulfilled first.
      const toFulfil = (lines ?? openLines(order.lines)).flatMap((l) => {
        const line = order.lines.find((x) => x.id === l.lineId);
        if (!line) return [];
        const more = Math.min(l.quantity - (line.fulfilledQty - line.shippedQty), line.quantity - line.fulfilledQty);
        return more > 0 ? [{ lineId: l.lineId, quantity: more }] : [];
      });
      let fulfilledNow = false;
      if (toFulfil.length) {
        fulfilledNow = await step(out, 'fulfilled', () => orderSteps.fulfil(db, ws, orderId, toFulfil));
        await reload();
      }
      const label = ['shipped', s.carrier, s.trackingNumber].filter(Boolean).join(' ');
      await step(out, label, () =>
        orderSteps.ship(db, ws, orderId, {
          reference: ref,
          ...(s.trackingNumber ? { trackingNumber: s.trackingNumber.slice(0, 100) } : {}),
          ...(s.carrier ? { carrier: s.carrier.slice(0, 100) } : {}),
          ...(lines ? { lines: shippable(order.lines, lines) } : {}),
          // The storefront's time, unless the units were fulfilled just now: the history keeps its order.
          ...(s.shippedAt && !fulfilledNow ? { shippedAt: new Date(s.shippedAt) } : {}),
        }),
      );
      await reload();
    }
    if (t.fulfilment === 'full' && order.lines.some((l) => l.fulfilledQty < l.quantity)) {
      await step(out, 'fulfilled', () => orderSteps.fulfil(db, ws, orderId));
      await reload();
    }
    for (const s of t.shipments.filter((x) => x.delivered)) {
      const shipment = order.shipments.find((x) => x.reference === `${t.input.source}:${s.ref}`);
      if (shipment && !shipment.deliveredAt) {
        await step(out, 'delivered', () => orderSteps.deliver(db, ws, orderId, shipment.id));
        await reload();
      }
    }
  }

  const refundable = order.paidMinor - order.refundedMinor;
  const refund = Math.min(t.refundedMinor - order.refundedMinor, refundable);
  if (refund > 0)
    await step(out, 'refunded', () => orderSteps.refund(db, ws, orderId, refund, 'Refunded at the storefront'));
}

/** Lines with units not yet shipped, all of them (a shipment that does not say which lines left). */
function openLines(lines: Line[]): { lineId: string; quantity: number }[] {
  return lines.flatMap((l) =>
    l.quantity - l.shippedQty > 0 ? [{ lineId: l.id, quantity: l.quantity - l.shippedQty }] : [],
  );
}

/** The order's lines a storefront shipment names (by SKU, else title), up to the units each has left to ship. */
function matchLines(lines: Line[], wanted: TargetShipment['lines']): { lineId: string; quantity: number }[] {
  const left = new Map(lines.map((l) => [l.id, l.quantity - l.shippedQty]));
  const out = new Map<string, number>();
  for (const w of wanted) {
    let q = w.quantity;
    for (const l of lines) {
      if (q <= 0) break;
      const same = (w.sku && l.sku === w.sku) || (!w.sku && w.title && l.title === w.title);
      const room = left.get(l.id) ?? 0;
      if (!same || room <= 0) continue;
      const take = Math.min(q, room);
      left.set(l.id, room - take);
      out.set(l.id, (out.get(l.id) ?? 0) + take);
      q -= take;
    }
  }
  return [...out].map(([lineId, quantity]) => ({ lineId, quantity }));
}

/** What of the named lines is fulfilled and waiting, so the shipment asks for no more than can leave. */
function shippable(lines: Line[], wanted: { lineId: string; quantity: number }[]) {
  return wanted.flatMap((w) => {
    const l = lines.find((x) => x.id === w.lineId);
    const q = l ? Math.min(w.quantity, l.fulfilledQty - l.shippedQty) : 0;
    return q > 0 ? [{ lineId: w.lineId, quantity: q }] : [];
  });
}
