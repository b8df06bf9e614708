import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import type { LocationKind, MovementKind } from './schema.ts';

/**
 * The ledger core every stock write goes through: lock the level rows, change them, and write one movement row per
 * change whose deltas equal the change — so `sum(on_hand_delta)` and `sum(reserved_delta)` over a level's movements
 * always equal its `on_hand` and `reserved`.
 *
 * Deadlocks: every writer locks level rows in ONE global order, (variant_id, location_id), before changing any.
 * PostgreSQL locks the rows of `select … order by … for update` in the sorted order (LockRows runs above the Sort),
 * so two transactions touching overlapping variants, listed in any order, queue on the first shared row instead of
 * each holding one the other needs.
 */

export type LockedLevel = {
  locationId: string;
  variantId: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number | null;
  lowSince: Date | null;
  kind: LocationKind;
  tracksLevels: boolean;
  priority: number;
  locationName: string;
  active: boolean;
};

export const levelKey = (locationId: string, variantId: string) => `${locationId}:${variantId}`;

const LOCK_SELECT = sql`l.location_id as "locationId", l.variant_id as "variantId", l.on_hand as "onHand",
  l.reserved, l.low_stock_threshold as "lowStockThreshold", l.low_since as "lowSince", loc.kind,
  loc.tracks_levels as "tracksLevels", loc.priority, loc.name as "locationName", loc.active`;

/** Locks every level row of these variants (all locations), in the global order. */
export async function lockLevelsOfVariants(tx: Tx, workspaceId: string, variantIds: string[]): Promise<LockedLevel[]> {
  if (!variantIds.length) return [];
  const r = await tx.execute<LockedLevel>(sql`
    select ${LOCK_SELECT}
    from commerce_stock_levels l
    join commerce_stock_locations loc on loc.workspace_id = l.workspace_id and loc.id = l.location_id
    where l.workspace_id = ${workspaceId} and l.variant_id = any(${uuidArray(variantIds)})
    order by l.variant_id, l.location_id
    for update of l`);
  return r.rows.map(fixLevel);
}

/** Raw `execute` leaves timestamps as the driver's strings. */
const fixLevel = (row: LockedLevel): LockedLevel => ({
  ...row,
  lowSince: row.lowSince ? new Date(row.lowSince) : null,
});

/**
 * Locks the level rows of these (location, variant) pairs in the global order, creating missing ones first (a
 * location receiving a variant for the first time). Inserts go in the same order, so two receipts creating the same
 * rows wait for each other rather than deadlock.
 */
export async function lockLevels(
  tx: Tx,
  workspaceId: string,
  keys: { locationId: string; variantId: string }[],
  opts: { create?: boolean } = {},
): Promise<Map<string, LockedLevel>> {
  const uniq = [...new Map(keys.map((k) => [levelKey(k.locationId, k.variantId), k])).values()].sort(
    (a, b) => cmp(a.variantId, b.variantId) || cmp(a.locationId, b.locationId),
  );
  if (!uniq.length) return new Map();
  const locs = uuidArray(uniq.map((k) => k.locationId));
  const vars = uuidArray(uniq.map((k) => k.variantId));
  if (opts.create) {
    await tx.execute(sql`
      insert into commerce_stock_levels (workspace_id, location_id, variant_id)
      select ${workspaceId}, k.location_id, k.variant_id from unnest(${locs}, ${vars}) as k(location_id, variant_id)
      order by k.variant_id, k.location_id
      on conflict do nothing`);
  }
  const r = await tx.execute<LockedLevel>(sql`
    select ${LOCK_SELECT}
    from commerce_stock_levels l
    join commerce_stock_locations loc on loc.workspace_id = l.workspace_id and loc.id = l.location_id
    join unnest(${locs}, ${vars}) as k(location_id, variant_id)
      on k.location_id = l.location_id and k.variant_id = l.variant_id
    where l.workspace_id = ${workspaceId}
    order by l.variant_id, l.location_id
    for update of l`);
  return new Map(r.rows.map((row) => [levelKey(row.locationId, row.variantId), fixLevel(row)]));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type Movement = {
  locationId: string;
  variantId: string;
  kind: MovementKind;
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
  orderId?: string | null;
  lineId?: string | null;
  reason?: string | null;
  actorId?: string | null;
};

/**
 * Applies movements to levels the caller has locked (and mutates those objects to the new values), writes the
 * ledger rows, and raises `stock.low` for every level whose available quantity fell to its threshold. Callers check
 * their own rules (enough available, enough reserved) first; the table's CHECK is the last line of defence.
 */
export async function applyMovements(
  tx: Tx,
  workspaceId: string,
  levels: Map<string, LockedLevel>,
  movements: Movement[],
): Promise<void> {
  if (!movements.length) return;
  const touched = new Map<string, LockedLevel>();
  for (const m of movements) {
    const key = levelKey(m.locationId, m.variantId);
    const level = levels.get(key);
    if (!level) throw new Error(`stock level ${key} was not locked before the movement`);
    level.onHand += m.onHandDelta;
    level.reserved += m.reservedDelta;
    touched.set(key, level);
  }
  const now = new Date();
  const crossed: LockedLevel[] = [];
  for (const level of touched.values()) {
    const isLow = level.lowStockThreshold !== null && level.tracksLevels && available(level) <= level.lowStockThreshold;
    if (isLow && !level.lowSince) {
      level.lowSince = now;
      crossed.push(level);
    } else if (!isLow && level.lowSince) {
      level.lowSince = null;
    }
  }
  const rows = [...touched.values()];
  await tx.execute(sql`
    update commerce_stock_levels l set on_hand = u.on_hand, reserved = u.reserved, low_since = u.low_since,
      updated_at = now()
    from unnest(${uuidArray(rows.map((r) => r.locationId))}, ${uuidArray(rows.map((r) => r.variantId))},
      ${sql.param(rows.map((r) => r.onHand))}::int[], ${sql.param(rows.map((r) => r.reserved))}::int[],
      ${sql.param(rows.map((r) => r.lowSince?.toISOString() ?? null))}::timestamptz[])
      as u(location_id, variant_id, on_hand, reserved, low_since)
    where l.workspace_id = ${workspaceId} and l.location_id = u.location_id and l.variant_id = u.variant_id`);
  await tx.execute(sql`
    insert into commerce_stock_movements (workspace_id, id, location_id, variant_id, kind, quantity, on_hand_delta,
      reserved_delta, order_id, line_id, reason, actor_id)
    select ${workspaceId}, m.* from unnest(
      ${uuidArray(movements.map(() => newId()))}, ${uuidArray(movements.map((m) => m.locationId))},
      ${uuidArray(movements.map((m) => m.variantId))}, ${textArray(movements.map((m) => m.kind))},
      ${sql.param(movements.map((m) => m.quantity))}::int[], ${sql.param(movements.map((m) => m.onHandDelta))}::int[],
      ${sql.param(movements.map((m) => m.reservedDelta))}::int[],
      ${sql.param(movements.map((m) => m.orderId ?? null))}::uuid[],
      ${sql.param(movements.map((m) => m.lineId ?? null))}::text[],
      ${sql.param(movements.map((m) => m.reason ?? null))}::text[],
      ${sql.param(movements.map((m) => m.actorId ?? null))}::uuid[]) as m`);
  for (const level of crossed) {
    await emitEvent(tx, {
      workspaceId,
      type: 'stock.low',
      subjectId: level.variantId,
      payload: {
        variantId: level.variantId,
        locationId: level.locationId,
        locationName: level.locationName,
        available: available(level),
        threshold: level.lowStockThreshold,
      },
    });
  }
}

export const available = (l: { onHand: number; reserved: number }) => l.onHand - l.reserved;
