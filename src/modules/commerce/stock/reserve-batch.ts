import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { type Allocation, allocate, type Candidate } from './allocate.ts';
import { applyMovements, levelKey, lockLevelsOfVariants, type Movement } from './ledger.ts';
import { type ReserveLine, reserveLineErrors } from './reservations.ts';

// `reserveStock` for many orders at once (order batches): the same policy, answers, ledger rows and errors, in a
// fixed number of statements whatever the batch size — lock every level row the batch touches once, allocate in
// memory order by order, then write levels, movements and reservations with one statement each. reserveStock costs
// ~5 statements per order, and a batch holds its level locks from its first reservation to its commit, so every
// other batch of the same variants waited for all of them.

export type OrderToReserve = { orderId: string; lines: ReserveLine[]; preferLocationId?: string };
export type OrderReservation = { ok: true; allocations: Allocation[] } | { ok: false; error: AppError };

type HeldRow = { orderId: string; lineId: string; variantId: string; locationId: string; quantity: number };

/** reserveStock's input rules, per order (the same messages). */

/**
 * Reserves stock for each order as `reserveStock` would if it were called for them one after the other, in the
 * order given, in this transaction: each order sees what the orders before it took. An order that cannot be served
 * in full (or whose lines are invalid) is refused alone — `{ ok: false }` with reserveStock's error (CONFLICT naming
 * each short SKU, fields `lines.N.quantity` counted in that order's lines) — holds nothing, and the rest go on.
 * Lines an order already reserved (a retried call) are answered from their reservations, not reserved again.
 *
 * Never oversells and never deadlocks: every level row of the batch's variants is locked by one
 * `select … order by variant_id, location_id for update` — the ledger's global order, the one reserveStock and every
 * other stock writer use — before anything is counted, and held to the commit.
 *
 * `stock.low` is raised once per level that crossed its threshold over the whole batch (as one reserveStock call
 * does over its lines), with the level's available quantity after the batch.
 */
export async function reserveStockForOrders(
  tx: Tx,
  { workspaceId, orders }: { workspaceId: string; orders: OrderToReserve[] },
): Promise<Map<string, OrderReservation>> {
  const out = new Map<string, OrderReservation>();
  for (const o of orders) {
    // A Map answer cannot hold two results for one order; a caller sending one twice has a bug.
    if (out.has(o.orderId)) throw new Error(`order ${o.orderId} appears twice in one stock reservation batch`);
    const errors = reserveLineErrors(o.lines);
    out.set(
      o.orderId,
      errors.length ? { ok: false, error: AppError.validation(errors) } : { ok: true, allocations: [] },
    );
  }
  const todo = orders.filter((o) => out.get(o.orderId)!.ok && o.lines.length);
  if (!todo.length) return out;

  const variantIds = [...new Set(todo.flatMap((o) => o.lines.map((l) => l.variantId)))].sort();
  const levels = await lockLevelsOfVariants(tx, workspaceId, variantIds);
  const held = await heldBy(tx, workspaceId, todo);

  // What is left where, as the batch goes: copies, since applyMovements moves the locked rows themselves.
  const state = new Map<string, Candidate[]>();
  for (const l of levels) state.set(l.variantId, [...(state.get(l.variantId) ?? []), { ...l }]);

  type Short = { order: OrderToReserve; line: ReserveLine; available: number };
  const shortOf = new Map<string, Short[]>();
  const made: { order: OrderToReserve; allocations: Allocation[] }[] = [];
  for (const order of todo) {
    const done = new Set((held.get(order.orderId) ?? []).map((r) => r.lineId));
    const lines = order.lines.filter((l) => !done.has(l.lineId));
    // Allocated on copies: an order refused halfway must leave nothing taken.
    const trial = new Map<string, Candidate[]>();
    for (const l of lines)
      if (!trial.has(l.variantId))
        trial.set(
          l.variantId,
          (state.get(l.variantId) ?? []).map((c) => ({ ...c })),
        );
    const { allocations, short } = allocate(lines, trial, order.preferLocationId);
    if (short.length) {
      shortOf.set(
        order.orderId,
        short.map((s) => ({ order, line: lines[s.index]!, available: s.available })),
      );
      continue;
    }
    for (const a of allocations) {
      const c = state.get(a.variantId)!.find((x) => x.locationId === a.locationId)!;
      c.reserved += a.quantity;
    }
    made.push({ order, allocations });
  }

  if (shortOf.size) {
    const skus = await skusOf(
      tx,
      workspaceId,
      [...shortOf.values()].flatMap((s) => s.map((x) => x.line.variantId)),
    );
    for (const [orderId, short] of shortOf) {
      const sku = (s: Short) => skus.get(s.line.variantId) ?? s.line.variantId;
      const fields = short.map((s) => ({
        field: `lines.${s.order.lines.indexOf(s.line)}.quantity`,
        message: `not enough stock of ${sku(s)}: ${s.line.quantity} wanted, ${s.available} available`,
      }));
      out.set(orderId, {
        ok: false,
        error: new AppError('CONFLICT', `Not enough stock of ${short.map(sku).join(', ')}`, fields),
      });
    }
  }

  const fresh = made.flatMap(({ order, allocations }) => allocations.map((a) => ({ orderId: order.orderId, a })));
  const locked = new Map(levels.map((l) => [levelKey(l.locationId, l.variantId), l]));
  const movements: Movement[] = fresh.map(({ orderId, a }) => ({
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
  await insertReservations(tx, workspaceId, fresh);

  const kinds = new Map(levels.map((l) => [l.locationId, l.kind]));
  for (const { order, allocations } of made) {
    const previous: Allocation[] = (held.get(order.orderId) ?? []).map((r) => ({
      lineId: r.lineId,
      variantId: r.variantId,
      locationId: r.locationId,
      locationKind: kinds.get(r.locationId) ?? 'warehouse',
      quantity: r.quantity,
    }));
    // In the order of the lines asked for, each line's allocations in policy order (as reserveStock answers).
    const all = [...previous, ...allocations];
    out.set(order.orderId, {
      ok: true,
      allocations: order.lines.flatMap((l) => all.filter((a) => a.lineId === l.lineId)),
    });
  }
  return out;
}

/** What these orders' lines already hold (a retried placement), oldest first — one statement for the batch. */
async function heldBy(tx: Tx, workspaceId: string, orders: OrderToReserve[]): Promise<Map<string, HeldRow[]>> {
  const r = await tx.execute<HeldRow>(sql`
    select order_id as "orderId", line_id as "lineId", variant_id as "variantId", location_id as "locationId", quantity
    from commerce_stock_reservations
    where workspace_id = ${workspaceId} and order_id = any(${uuidArray(orders.map((o) => o.orderId))})
    order by id`);
  const asked = new Map(orders.map((o) => [o.orderId, new Set(o.lines.map((l) => l.lineId))]));
  const byOrder = new Map<string, HeldRow[]>();
  for (const row of r.rows)
    if (asked.get(row.orderId)?.has(row.lineId)) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
  return byOrder;
}

async function insertReservations(
  tx: Tx,
  workspaceId: string,
  rows: { orderId: string; a: Allocation }[],
): Promise<void> {
  if (!rows.length) return;
  // Arrays, not one parameter per value: a batch of 1,000 orders would pass PostgreSQL's 65,535-parameter limit.
  await tx.execute(sql`
    insert into commerce_stock_reservations (workspace_id, id, order_id, line_id, variant_id, location_id, quantity)
    select ${workspaceId}, r.* from unnest(
      ${uuidArray(rows.map(() => newId()))}, ${uuidArray(rows.map((r) => r.orderId))},
      ${textArray(rows.map((r) => r.a.lineId))}, ${uuidArray(rows.map((r) => r.a.variantId))},
      ${uuidArray(rows.map((r) => r.a.locationId))}, ${sql.param(rows.map((r) => r.a.quantity))}::int[])
      as r(id, order_id, line_id, variant_id, location_id, quantity)`);
}

async function skusOf(tx: Tx, workspaceId: string, variantIds: string[]): Promise<Map<string, string>> {
  const r = await tx.execute<{ id: string; sku: string }>(
    sql`select id, sku from commerce_variants
        where workspace_id = ${workspaceId} and id = any(${uuidArray([...new Set(variantIds)])})`,
  );
  return new Map(r.rows.map((x) => [x.id, x.sku]));
}
