import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { claimPickupCapacity, releasePickupCapacity } from '../pickup/capacity.ts';
import { type Allocation, createPurchaseRequests } from '../stock/reservations.ts';
import { reserveStockForOrders } from '../stock/reserve-batch.ts';

// What a new order holds elsewhere: its pickup point's capacity for the day, its stock, and purchase requests for
// the units a dropship supplier sends. Through the stock and pickup areas' contracts, inside the order's transaction.

export type HoldRequest = {
  orderId: string;
  number: string;
  pickupPointId: string | null;
  /** The day the parcel is expected at the pickup point (YYYY-MM-DD). */
  pickupDate: string;
  /** Catalog lines only, with the order line's position so errors name the line as the caller sent it. */
  lines: { lineId: string; variantId: string; quantity: number; position: number }[];
};

/**
 * `retry`: this order was refused only because an order before it was (a pickup slot that order gave back came
 * too late for it) — not a final answer: the caller places it again without the refused orders.
 */
export type HoldResult = { ok: true; allocations: Allocation[] } | { ok: false; error: AppError; retry?: true };

/** Stock names lines by their index among those it was given; the caller knows them by their position. */
function renameLines(err: AppError, req: HoldRequest): AppError {
  const fields = err.fields.map((f) => {
    const m = /^lines\.(\d+)\.(.*)$/.exec(f.field);
    const line = m ? req.lines[Number(m[1])] : undefined;
    return line && m ? { ...f, field: `lines.${line.position}.${m[2]}` } : f;
  });
  return new AppError(err.code, err.message, fields);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function pickupError(err: AppError): AppError {
  if (err.code === 'NOT_FOUND')
    return AppError.validation([{ field: 'pickupPointId', message: 'no such pickup point in this workspace' }]);
  return err;
}

/**
 * Places the holds of a batch's orders, with the answers they would get placed one after the other, in the order
 * given: pickup capacity first (per order, through the pickup contract), then the stock of every order still in,
 * through stock's set-based `reserveStockForOrders` (a fixed number of statements for the batch), then the purchase
 * requests for the units dropship suppliers send. A failure (no stock, a full pickup day, an unknown point) is that
 * order's result and the others carry on: those contracts write nothing when they refuse, and an order refused its
 * stock gives its pickup slot back here. Errors other than AppError (a broken statement) are thrown: the
 * transaction is lost then anyway.
 *
 * One difference from placing orders one by one: there, a slot given back by an order short of stock is free for
 * the orders after it; here slots are given back after all were claimed. So a full-day refusal that comes after a
 * slot was given back — and every refusal after that one, since stock and slots then go differently — is answered
 * as `retry`. It only happens when some order was refused for good, so the caller retries without that one anyway.
 */
export async function placeHolds(tx: Tx, workspaceId: string, requests: HoldRequest[]): Promise<HoldResult[]> {
  const out: (HoldResult | undefined)[] = requests.map(() => undefined);
  const claimed = new Set<number>();
  // By point and day, then in the batch's order: each day's slots go to the orders in the order given (days are
  // independent of one another), and every batch locks the days' rows in one order, so two batches queue instead
  // of deadlocking. Stock is locked after all of them, in its own global order.
  const claims = requests
    .map((req, i) => ({ req, i }))
    .filter(({ req }) => req.pickupPointId)
    .sort(
      (a, b) => cmp(a.req.pickupPointId!, b.req.pickupPointId!) || cmp(a.req.pickupDate, b.req.pickupDate) || a.i - b.i,
    );
  for (const { req, i } of claims) {
    try {
      await claimPickupCapacity(tx, {
        workspaceId,
        pickupPointId: req.pickupPointId!,
        orderId: req.orderId,
        date: req.pickupDate,
      });
      claimed.add(i);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out[i] = { ok: false, error: pickupError(err) };
    }
  }

  const stocked = requests.flatMap((req, i) => (out[i] || !req.lines.length ? [] : [{ req, i }]));
  const reserved = await reserveStockForOrders(tx, {
    workspaceId,
    orders: stocked.map(({ req }) => ({
      orderId: req.orderId,
      lines: req.lines.map(({ lineId, variantId, quantity }) => ({ lineId, variantId, quantity })),
    })),
  });
  let firstGivenBack = Number.POSITIVE_INFINITY;
  for (const { req, i } of stocked) {
    const r = reserved.get(req.orderId)!;
    if (r.ok) continue;
    out[i] = { ok: false, error: renameLines(r.error, req) };
    if (claimed.has(i)) {
      await releasePickupCapacity(tx, { workspaceId, orderId: req.orderId });
      firstGivenBack = Math.min(firstGivenBack, i);
    }
  }
  const firstUnsure = out.findIndex(
    (h, i) => i > firstGivenBack && h && !h.ok && h.error.code === 'CONFLICT' && !!requests[i]!.pickupPointId,
  );

  const results: HoldResult[] = [];
  for (const [i, req] of requests.entries()) {
    const h = out[i];
    if (h && !h.ok) {
      results.push(firstUnsure >= 0 && i >= firstUnsure ? { ...h, retry: true } : h);
      continue;
    }
    const r = reserved.get(req.orderId);
    const allocations = r?.ok ? r.allocations : [];
    if (allocations.some((a) => a.locationKind === 'dropship'))
      await createPurchaseRequests(tx, { workspaceId, orderId: req.orderId, orderNumber: req.number, allocations });
    results.push({ ok: true, allocations });
  }
  return results;
}
