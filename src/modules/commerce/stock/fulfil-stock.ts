import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { applyMovements, lockLevels, type Movement } from './ledger.ts';
import { lockReservations } from './lock-reservations.ts';
import { stockLocations } from './schema.ts';

export type StockLineResult = { lineId: string; variantId: string; locationId: string; quantity: number };

type Reservation = Awaited<ReturnType<typeof lockReservations>>[number];

function checkQuantities(lines: { lineId: string; quantity: number }[]): void {
  const errors: FieldError[] = [];
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1)
      errors.push({ field: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
  });
  if (errors.length) throw AppError.validation(errors);
}

/** Takes `quantity` units from a line's reservations, first reserved first, within what `room` leaves on each. */
function take(
  rows: Reservation[],
  quantity: number,
  room: (r: Reservation) => number,
): { row: Reservation; q: number }[] | null {
  const out: { row: Reservation; q: number }[] = [];
  let left = quantity;
  for (const row of rows) {
    const q = Math.min(room(row), left);
    if (q > 0) out.push({ row, q });
    left -= q;
    if (left === 0) return out;
  }
  return null;
}

/**
 * Fulfilment: reserved units leave the building. Each location's reserved and on-hand both go down (a dropship
 * supplier that does not report levels only loses the reservation). Lines that hold no reservation at all — text
 * lines for products outside the catalog — have no stock effect and are skipped; asking for more than a line still
 * has reserved is a validation error naming the line, and nothing is written.
 */
export async function shipStock(
  tx: Tx,
  {
    workspaceId,
    orderId,
    lines,
    locationId,
  }: {
    workspaceId: string;
    orderId: string;
    lines: { lineId: string; quantity: number }[];
    /** Only units reserved at this location (a dropship supplier shipping its part of a split line). */
    locationId?: string;
  },
): Promise<StockLineResult[]> {
  checkQuantities(lines);
  const reservations = await lockReservations(
    tx,
    workspaceId,
    orderId,
    lines.map((l) => l.lineId),
  );
  const outstanding = (r: Reservation) => r.quantity - r.releasedQty - r.shippedQty;
  const errors: FieldError[] = [];
  const picks: { row: Reservation; q: number }[] = [];
  lines.forEach((l, i) => {
    const mine = reservations.filter((r) => r.lineId === l.lineId && (!locationId || r.locationId === locationId));
    if (!mine.length) return;
    const got = take(mine, l.quantity, outstanding);
    if (!got) {
      const left = mine.reduce((s, r) => s + outstanding(r), 0);
      errors.push({
        field: `lines.${i}.quantity`,
        message: `line ${l.lineId} has ${left} reserved units left to ship`,
      });
      return;
    }
    for (const p of got) p.row.shippedQty += p.q; // so a line listed twice cannot ship the same units twice
    picks.push(...got);
  });
  if (errors.length) throw AppError.validation(errors);
  if (!picks.length) return [];
  const levels = await lockLevels(tx, workspaceId, reservations);
  const movements: Movement[] = picks.map(({ row, q }) => {
    const tracked = levels.get(`${row.locationId}:${row.variantId}`)?.tracksLevels ?? true;
    return {
      locationId: row.locationId,
      variantId: row.variantId,
      kind: 'shipped',
      quantity: q,
      onHandDelta: tracked ? -q : 0,
      reservedDelta: -q,
      orderId,
      lineId: row.lineId,
    };
  });
  await applyMovements(tx, workspaceId, levels, movements);
  await bump(tx, workspaceId, 'shipped_qty', picks);
  return picks.map(({ row, q }) => ({
    lineId: row.lineId,
    variantId: row.variantId,
    locationId: row.locationId,
    quantity: q,
  }));
}

/**
 * Returns: shipped units come back. They go on hand at `locationId` when given (any active location of the
 * workspace; a new level row is made if it never carried the variant), else where they were shipped from. A return to
 * a dropship supplier that does not report levels is recorded in the ledger without an on-hand change. More than a
 * line shipped (minus earlier returns) is a validation error naming the line.
 */
export async function returnStock(
  tx: Tx,
  {
    workspaceId,
    orderId,
    lines,
  }: { workspaceId: string; orderId: string; lines: { lineId: string; quantity: number; locationId?: string }[] },
): Promise<StockLineResult[]> {
  checkQuantities(lines);
  const targets = [...new Set(lines.map((l) => l.locationId).filter((x): x is string => !!x))];
  const errors: FieldError[] = [];
  if (targets.length) {
    const found = await tx
      .select({ id: stockLocations.id })
      .from(stockLocations)
      .where(and(eq(stockLocations.workspaceId, workspaceId), sql`${stockLocations.id} = any(${uuidArray(targets)})`));
    const ok = new Set(found.map((f) => f.id));
    lines.forEach((l, i) => {
      if (l.locationId && !ok.has(l.locationId))
        errors.push({ field: `lines.${i}.locationId`, message: 'is not a stock location of this workspace' });
    });
  }
  const reservations = await lockReservations(
    tx,
    workspaceId,
    orderId,
    lines.map((l) => l.lineId),
  );
  const returnable = (r: Reservation) => r.shippedQty - r.returnedQty;
  const picks: { row: Reservation; q: number; to: string }[] = [];
  lines.forEach((l, i) => {
    const mine = reservations.filter((r) => r.lineId === l.lineId);
    const got = take(mine, l.quantity, returnable);
    if (!got) {
      const left = mine.reduce((s, r) => s + returnable(r), 0);
      errors.push({ field: `lines.${i}.quantity`, message: `line ${l.lineId} has ${left} shipped units to return` });
      return;
    }
    for (const p of got) {
      p.row.returnedQty += p.q;
      picks.push({ ...p, to: l.locationId ?? p.row.locationId });
    }
  });
  if (errors.length) throw AppError.validation(errors);
  if (!picks.length) return [];
  const levels = await lockLevels(
    tx,
    workspaceId,
    picks.map((p) => ({ locationId: p.to, variantId: p.row.variantId })),
    { create: true },
  );
  const movements: Movement[] = picks.map(({ row, q, to }) => {
    const tracked = levels.get(`${to}:${row.variantId}`)?.tracksLevels ?? true;
    return {
      locationId: to,
      variantId: row.variantId,
      kind: 'returned',
      quantity: q,
      onHandDelta: tracked ? q : 0,
      reservedDelta: 0,
      orderId,
      lineId: row.lineId,
    };
  });
  await applyMovements(tx, workspaceId, levels, movements);
  await bump(tx, workspaceId, 'returned_qty', picks);
  return picks.map(({ row, q, to }) => ({ lineId: row.lineId, variantId: row.variantId, locationId: to, quantity: q }));
}

async function bump(
  tx: Tx,
  workspaceId: string,
  column: 'shipped_qty' | 'returned_qty',
  picks: { row: Reservation; q: number }[],
): Promise<void> {
  const col = sql.raw(column);
  await tx.execute(sql`
    update commerce_stock_reservations r set ${col} = r.${col} + u.q, updated_at = now()
    from (select id, sum(q)::int as q from unnest(${uuidArray(picks.map((p) => p.row.id))},
      ${sql.param(picks.map((p) => p.q))}::int[]) as x(id, q) group by id) as u
    where r.workspace_id = ${workspaceId} and r.id = u.id`);
}
