import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { isUuid, newId } from '../../../platform/ids.ts';
import { type Allocation, allocate, type Candidate } from './allocate.ts';
import { applyMovements, levelKey, lockLevels, lockLevelsOfVariants, type Movement } from './ledger.ts';
import { lockReservations } from './lock-reservations.ts';
import { stockReservations } from './schema.ts';

// The stock side of an order's life (the contract the orders area calls, always inside its own transaction):
// reserve at placement, release on cancellation, ship on fulfilment, return. Shipping and returns live in
// ./fulfil-stock.ts and purchase requests in ./purchase-requests.ts; they are re-exported here so callers import
// the whole contract from one file.
export type { Allocation } from './allocate.ts';
export { returnStock, shipStock } from './fulfil-stock.ts';
export { createPurchaseRequests } from './purchase-requests.ts';

export type ReserveLine = { lineId: string; variantId: string; quantity: number };

/** What is wrong with a reservation's lines (shared by reserveStock and reserveStockForOrders). */
export function reserveLineErrors(lines: ReserveLine[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1)
      errors.push({ field: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
    // Checked here, not by the database: a malformed id in SQL would abort the caller's whole transaction.
    if (!isUuid(l.variantId)) errors.push({ field: `lines.${i}.variantId`, message: 'is not a variant id' });
    if (seen.has(l.lineId)) errors.push({ field: `lines.${i}.lineId`, message: `line ${l.lineId} appears twice` });
    seen.add(l.lineId);
  });
  return errors;
}

function checkLines(lines: ReserveLine[]): void {
  const errors = reserveLineErrors(lines);
  if (errors.length) throw AppError.validation(errors);
}

/**
 * Reserves stock for an order's lines and answers where each line's units come from (see allocate.ts for the
 * policy). Never oversells: every level row of the lines' variants is locked (in the ledger's global order) before
 * anything is counted, so concurrent orders for the last units queue, and the second one sees what the first took.
 * Not enough stock for any line → CONFLICT naming each short SKU, and nothing is written. Lines this order already
 * reserved (a retried call) are answered from their reservations and not reserved again.
 */
export async function reserveStock(
  tx: Tx,
  {
    workspaceId,
    orderId,
    lines,
    preferLocationId,
  }: { workspaceId: string; orderId: string; lines: ReserveLine[]; preferLocationId?: string },
): Promise<Allocation[]> {
  checkLines(lines);
  if (!lines.length) return [];
  const levels = await lockLevelsOfVariants(tx, workspaceId, [...new Set(lines.map((l) => l.variantId))].sort());

  const existing = await tx
    .select()
    .from(stockReservations)
    .where(
      and(
        eq(stockReservations.workspaceId, workspaceId),
        eq(stockReservations.orderId, orderId),
        inArray(
          stockReservations.lineId,
          lines.map((l) => l.lineId),
        ),
      ),
    );
  const done = new Set(existing.map((r) => r.lineId));
  const todo = lines.filter((l) => !done.has(l.lineId));

  // Allocate on copies: applyMovements moves the locked rows themselves.
  const byVariant = new Map<string, Candidate[]>();
  for (const l of levels) byVariant.set(l.variantId, [...(byVariant.get(l.variantId) ?? []), { ...l }]);
  const { allocations, short } = allocate(todo, byVariant, preferLocationId);
  if (short.length) {
    const skus = await skusOf(
      tx,
      workspaceId,
      short.map((s) => todo[s.index]!.variantId),
    );
    const fields = short.map((s) => {
      const line = todo[s.index]!;
      const sku = skus.get(line.variantId) ?? line.variantId;
      return {
        field: `lines.${lines.indexOf(line)}.quantity`,
        message: `not enough stock of ${sku}: ${line.quantity} wanted, ${s.available} available`,
      };
    });
    const names = short.map((s) => skus.get(todo[s.index]!.variantId) ?? todo[s.index]!.variantId);
    throw new AppError('CONFLICT', `Not enough stock of ${names.join(', ')}`, fields);
  }

  const locked = new Map(levels.map((l) => [levelKey(l.locationId, l.variantId), l]));
  const movements: Movement[] = allocations.map((a) => ({
    locationId: a.locationId,
    variantId: a.variantId,
    kind: 'reserved',
    quantity: a.quantity,
    onHandDelta: 0,
    reservedDelta: a.quantity,
    orderId,
    lineId: a.lineId,
  }));
  await applyMovements(tx, workspaceId, locked, movements);
  if (allocations.length) {
    await tx.insert(stockReservations).values(
      allocations.map((a) => ({
        workspaceId,
        id: newId(),
        orderId,
        lineId: a.lineId,
        variantId: a.variantId,
        locationId: a.locationId,
        quantity: a.quantity,
      })),
    );
  }
  const kinds = new Map(levels.map((l) => [l.locationId, l.kind]));
  const previous: Allocation[] = existing.map((r) => ({
    lineId: r.lineId,
    variantId: r.variantId,
    locationId: r.locationId,
    locationKind: kinds.get(r.locationId) ?? 'warehouse',
    quantity: r.quantity,
  }));
  // In the order of the lines asked for, each line's allocations in policy order.
  const all = [...previous, ...allocations];
  return lines.flatMap((l) => all.filter((a) => a.lineId === l.lineId));
}

async function skusOf(tx: Tx, workspaceId: string, variantIds: string[]): Promise<Map<string, string>> {
  const r = await tx.execute<{ id: string; sku: string }>(
    sql`select id, sku from commerce_variants where workspace_id = ${workspaceId} and id = any(${uuidArray(variantIds)})`,
  );
  return new Map(r.rows.map((x) => [x.id, x.sku]));
}

/**
 * Cancels what an order (or some of its lines) still holds: every reserved-but-not-shipped unit goes back to
 * available, as a `released` movement. Idempotent: a second call finds nothing outstanding. Returns the units
 * released per line and location.
 */
export async function releaseStock(
  tx: Tx,
  { workspaceId, orderId, lineIds }: { workspaceId: string; orderId: string; lineIds?: string[] },
): Promise<{ lineId: string; variantId: string; locationId: string; quantity: number }[]> {
  // Reservations are locked before levels; no writer locks them the other way round (see ledger.ts).
  const reservations = (await lockReservations(tx, workspaceId, orderId, lineIds)).filter(
    (r) => r.quantity - r.releasedQty - r.shippedQty > 0,
  );
  if (!reservations.length) return [];
  const levels = await lockLevels(tx, workspaceId, reservations);
  const released = reservations.map((r) => ({
    lineId: r.lineId,
    variantId: r.variantId,
    locationId: r.locationId,
    quantity: r.quantity - r.releasedQty - r.shippedQty,
    id: r.id,
  }));
  await applyMovements(
    tx,
    workspaceId,
    levels,
    released.map((r) => ({
      locationId: r.locationId,
      variantId: r.variantId,
      kind: 'released',
      quantity: r.quantity,
      onHandDelta: 0,
      reservedDelta: -r.quantity,
      orderId,
      lineId: r.lineId,
    })),
  );
  await tx.execute(sql`
    update commerce_stock_reservations r set released_qty = r.released_qty + u.q, updated_at = now()
    from unnest(${uuidArray(released.map((r) => r.id))}, ${sql.param(released.map((r) => r.quantity))}::int[]) as u(id, q)
    where r.workspace_id = ${workspaceId} and r.id = u.id`);
  // A supplier left with nothing to send for this order: its open purchase request is void.
  await tx.execute(sql`
    update commerce_purchase_requests pr set status = 'cancelled', updated_at = now()
    where pr.workspace_id = ${workspaceId} and pr.order_id = ${orderId} and pr.status in ('pending', 'sent')
      and not exists (select 1 from commerce_stock_reservations r
        where r.workspace_id = pr.workspace_id and r.order_id = pr.order_id and r.location_id = pr.location_id
          and r.quantity - r.released_qty - r.shipped_qty > 0)`);
  return released.map(({ id: _id, ...r }) => r);
}
