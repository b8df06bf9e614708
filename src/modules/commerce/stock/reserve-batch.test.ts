import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { type Allocation, reserveStock } from './reservations.ts';
import { type OrderReservation, reserveStockForOrders } from './reserve-batch.ts';
import { ledgerMismatches, reservationMismatches, stockApi } from './test-helpers.ts';

type Api = ReturnType<typeof stockApi>;

/** A deterministic generator, so every run places the same orders. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LOCATIONS = [
  { name: 'North warehouse', kind: 'warehouse', extra: { priority: 1 } },
  { name: 'South warehouse', kind: 'warehouse', extra: { priority: 0 } },
  { name: 'City shop', kind: 'shop', extra: {} },
  { name: 'Old shop', kind: 'shop', extra: { active: false } },
  { name: 'Tracked supplier', kind: 'dropship', extra: {} },
  { name: 'Endless supplier', kind: 'dropship', extra: { tracksLevels: false } },
] as const;
const SKUS = ['CH-1', 'CH-2', 'CH-3', 'CH-4', 'CH-5'];

/** The same catalog, locations and stock in a workspace; answers the ids by SKU and by location name. */
async function seed(api: Api) {
  const { variantIds } = await api.product('Chair', SKUS);
  const v = Object.fromEntries(SKUS.map((s, i) => [s, variantIds[i]!]));
  const loc: Record<string, string> = {};
  // Created one after the other: ids are time-ordered, so ties in the allocation order break the same way.
  for (const l of LOCATIONS) loc[l.name] = await api.location(l.name, l.kind, l.extra);
  const receive: [string, string, number][] = [
    ['North warehouse', 'CH-1', 6],
    ['South warehouse', 'CH-1', 4],
    ['City shop', 'CH-1', 5],
    ['Old shop', 'CH-1', 10],
    ['South warehouse', 'CH-2', 3],
    ['City shop', 'CH-2', 2],
    ['Tracked supplier', 'CH-2', 4],
    ['North warehouse', 'CH-3', 2],
    ['City shop', 'CH-4', 7],
  ];
  for (const [l, s, q] of receive) await api.receive(loc[l]!, v[s]!, q);
  // The endless supplier carries CH-3 (a level row with nothing counted); CH-5 is stocked nowhere.
  await api.ok('PUT', `/stock-locations/${loc['Endless supplier']}/levels/${v['CH-3']}`, { lowStockThreshold: null });
  await api.ok('PUT', `/stock-locations/${loc['City shop']}/levels/${v['CH-4']}`, { lowStockThreshold: 3 });
  await api.ok('PUT', `/stock-locations/${loc['North warehouse']}/levels/${v['CH-1']}`, { lowStockThreshold: 2 });
  return { v, loc };
}

type Spec = { lines: { lineId: string; sku: string; quantity: number }[]; prefer?: string };

/** 60 orders of 1–3 lines: some short, some invalid (quantity 0, a line id twice), some preferring a location. */
function specs(): Spec[] {
  const rand = rng(7);
  return Array.from({ length: 60 }, () => {
    const n = 1 + Math.floor(rand() * 3);
    const lines = Array.from({ length: n }, (_, k) => ({
      lineId: rand() < 0.04 ? 'l0' : `l${k}`,
      sku: SKUS[Math.floor(rand() * (rand() < 0.9 ? 4 : 5))]!,
      quantity: rand() < 0.04 ? 0 : 1 + Math.floor(rand() * 3),
    }));
    const r = rand();
    const prefer = r < 0.2 ? LOCATIONS[Math.floor(rand() * LOCATIONS.length)]!.name : undefined;
    return { lines, ...(prefer ? { prefer } : {}) };
  });
}

/** Results and state in names (SKUs, location names), so two workspaces can be compared. */
function named(r: OrderReservation | { ok: true; allocations: Allocation[] }, names: Map<string, string>) {
  if (!r.ok) return { code: r.error.code, message: r.error.message, fields: r.error.fields };
  return r.allocations.map((a) => ({ ...a, variantId: names.get(a.variantId), locationId: names.get(a.locationId) }));
}

async function stateOf(db: Db, workspaceId: string) {
  const levels = await db.execute(sql`
    select loc.name as location, v.sku, l.on_hand, l.reserved, l.low_since is not null as low
    from commerce_stock_levels l
    join commerce_stock_locations loc on loc.workspace_id = l.workspace_id and loc.id = l.location_id
    join commerce_variants v on v.workspace_id = l.workspace_id and v.id = l.variant_id
    where l.workspace_id = ${workspaceId} order by loc.name, v.sku`);
  const moves = await db.execute(sql`
    select kind, count(*)::int as n, sum(quantity)::int as units from commerce_stock_movements
    where workspace_id = ${workspaceId} group by kind order by kind`);
  const lows = await db.execute(sql`
    select payload->>'locationName' as location, v.sku from domain_events e
    join commerce_variants v on v.workspace_id = e.workspace_id and v.id = e.subject_id
    where e.workspace_id = ${workspaceId} and e.type = 'stock.low' order by 1, 2`);
  return { levels: levels.rows, moves: moves.rows, lows: lows.rows };
}

describe('reserving stock for a batch of orders', async () => {
  const t = await testApp();
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);

  it('answers what reserveStock answers order by order, and leaves the same levels, ledger and alerts', async () => {
    const one = await signUpWorkspace(t.app, 'One by one');
    const many = await signUpWorkspace(t.app, 'All at once');
    const a = await seed(stockApi(t.app, one));
    const b = await seed(stockApi(t.app, many));
    const namesA = new Map([...Object.entries(a.v), ...Object.entries(a.loc)].map(([k, id]) => [id, k]));
    const namesB = new Map([...Object.entries(b.v), ...Object.entries(b.loc)].map(([k, id]) => [id, k]));
    const list = specs();
    // An order placed before (line a) and placed again with a new line: a retried placement.
    const retried = { lines: [{ lineId: 'a', sku: 'CH-1', quantity: 1 }] };
    list.splice(20, 0, { lines: [...retried.lines, { lineId: 'b', sku: 'CH-2', quantity: 1 }] });
    const idsA = list.map(() => newId());
    const idsB = list.map(() => newId());
    const toLines = (s: Spec, v: Record<string, string>) =>
      s.lines.map((l) => ({ lineId: l.lineId, variantId: v[l.sku]!, quantity: l.quantity }));
    await tx((x) =>
      reserveStock(x, { workspaceId: one.workspaceId, orderId: idsA[20]!, lines: toLines(retried, a.v) }),
    );
    await tx((x) =>
      reserveStockForOrders(x, {
        workspaceId: many.workspaceId,
        orders: [{ orderId: idsB[20]!, lines: toLines(retried, b.v) }],
      }),
    );

    const expected = [];
    for (const [i, s] of list.entries()) {
      const r = await tx((x) =>
        reserveStock(x, {
          workspaceId: one.workspaceId,
          orderId: idsA[i]!,
          lines: toLines(s, a.v),
          ...(s.prefer ? { preferLocationId: a.loc[s.prefer]! } : {}),
        }),
      ).then(
        (allocations) => ({ ok: true as const, allocations }),
        (error: unknown) => {
          if (!(error instanceof AppError)) throw error;
          return { ok: false as const, error };
        },
      );
      expected.push(named(r, namesA));
    }
    const got = await tx((x) =>
      reserveStockForOrders(x, {
        workspaceId: many.workspaceId,
        orders: list.map((s, i) => ({
          orderId: idsB[i]!,
          lines: toLines(s, b.v),
          ...(s.prefer ? { preferLocationId: b.loc[s.prefer]! } : {}),
        })),
      }),
    );
    expect([...got.keys()]).toEqual(idsB);
    expect(idsB.map((id) => named(got.get(id)!, namesB))).toEqual(expected);

    // The run has to have met every case for the comparison to mean something.
    const kinds = expected.map((e) =>
      Array.isArray(e) ? (e.some((x) => x.locationKind === 'dropship') ? 'dropship' : 'own') : e.code,
    );
    expect(new Set(kinds)).toEqual(new Set(['own', 'dropship', 'CONFLICT', 'VALIDATION']));
    expect(expected.some((e) => Array.isArray(e) && new Set(e.map((x) => x.lineId)).size < e.length)).toBe(true);

    const [stateA, stateB] = [await stateOf(t.db, one.workspaceId), await stateOf(t.db, many.workspaceId)];
    expect(stateB).toEqual(stateA);
    expect(stateB.lows.length).toBeGreaterThan(0);
    expect(await ledgerMismatches(t.db, many.workspaceId)).toEqual([]);
    expect(await reservationMismatches(t.db, many.workspaceId)).toEqual([]);
  });

  it('reserves nothing for an order refused halfway, and nothing twice for a retried batch', async () => {
    const owner = await signUpWorkspace(t.app);
    const api = stockApi(t.app, owner);
    const { variantIds } = await api.product('Stool', ['ST-1', 'ST-2']);
    const [s1, s2] = variantIds as [string, string];
    const wh = await api.location('Stool warehouse', 'warehouse');
    await api.receive(wh, s1, 3);
    await api.receive(wh, s2, 1);
    const orders = [
      // Takes ST-1 first, then finds ST-2 short: its ST-1 must stay free for the next order.
      {
        orderId: newId(),
        lines: [
          { lineId: 'x', variantId: s1, quantity: 3 },
          { lineId: 'y', variantId: s2, quantity: 2 },
        ],
      },
      { orderId: newId(), lines: [{ lineId: 'z', variantId: s1, quantity: 3 }] },
      { orderId: newId(), lines: [] },
    ];
    const first = await tx((x) => reserveStockForOrders(x, { workspaceId: owner.workspaceId, orders }));
    const refused = first.get(orders[0]!.orderId)!;
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'CONFLICT',
      message: 'Not enough stock of ST-2',
      fields: [{ field: 'lines.1.quantity', message: 'not enough stock of ST-2: 2 wanted, 1 available' }],
    });
    expect(first.get(orders[1]!.orderId)).toEqual({
      ok: true,
      allocations: [{ lineId: 'z', variantId: s1, locationId: wh, locationKind: 'warehouse', quantity: 3 }],
    });
    expect(first.get(orders[2]!.orderId)).toEqual({ ok: true, allocations: [] });
    const again = await tx((x) => reserveStockForOrders(x, { workspaceId: owner.workspaceId, orders: [orders[1]!] }));
    expect(again.get(orders[1]!.orderId)).toEqual(first.get(orders[1]!.orderId));
    expect(await api.level(wh, s1)).toMatchObject({ onHand: 3, reserved: 3 });
    expect(await api.level(wh, s2)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await ledgerMismatches(t.db, owner.workspaceId)).toEqual([]);
    expect(await reservationMismatches(t.db, owner.workspaceId)).toEqual([]);
  });

  describe('under concurrency', async () => {
    const POOL = 20;
    const pool = createDb(t.url, POOL);
    afterAll(() => pool.$client.end());

    it('never oversells when batches and single reservations race for the last units', async () => {
      const owner = await signUpWorkspace(t.app);
      const ws = owner.workspaceId;
      const api = stockApi(t.app, owner);
      const { variantIds } = await api.product('Last chairs', ['LC-A', 'LC-B', 'LC-C']);
      const [va, vb, vc] = variantIds as [string, string, string];
      const wh = await api.location('Last warehouse', 'warehouse');
      const shop = await api.location('Last shop', 'shop');
      for (const v of variantIds) {
        await api.receive(wh, v, 25);
        await api.receive(shop, v, 15);
      }
      // 40 of each variant. 16 batches of 8 orders and 24 single orders — 152 orders, each wanting one of all
      // three, listed in six different orders so locks are asked for every way round. Exactly 40 can be served.
      const perms = [
        [va, vb, vc],
        [va, vc, vb],
        [vb, va, vc],
        [vb, vc, va],
        [vc, va, vb],
        [vc, vb, va],
      ];
      const order = (n: number) => ({
        orderId: newId(),
        lines: perms[n % 6]!.map((variantId, k) => ({ lineId: `l${k}`, variantId, quantity: 1 })),
      });
      let inFlight = 0;
      let peak = 0;
      const run = <T>(work: (tx: Tx) => Promise<T>) =>
        pool.transaction(async (x) => {
          await x.execute(sql`select 1`); // holds its connection from here on
          peak = Math.max(peak, ++inFlight);
          try {
            return await work(x);
          } finally {
            inFlight--;
          }
        });
      const jobs: Promise<boolean[]>[] = [];
      for (let i = 0; i < 40; i++) {
        if (i % 5 < 3) {
          const o = order(i);
          jobs.push(
            run((x) => reserveStock(x, { workspaceId: ws, ...o })).then(
              () => [true],
              (e: unknown) => {
                if (!(e instanceof AppError)) throw e;
                expect(e.message).toMatch(/LC-/);
                return [false];
              },
            ),
          );
        } else {
          const batch = Array.from({ length: 8 }, (_, k) => order(i + k));
          jobs.push(
            run((x) => reserveStockForOrders(x, { workspaceId: ws, orders: batch })).then((m) =>
              [...m.values()].map((r) => {
                if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/LC-/) });
                return r.ok;
              }),
            ),
          );
        }
      }
      // A deadlock (40P01) or any other database error would reject here.
      const results = (await Promise.all(jobs)).flat();
      expect(results).toHaveLength(16 * 8 + 24);
      expect(results.filter(Boolean)).toHaveLength(40);
      expect(peak).toBeGreaterThan(5);
      for (const v of variantIds) {
        expect(await api.level(wh, v)).toMatchObject({ onHand: 25, reserved: 25, available: 0 });
        expect(await api.level(shop, v)).toMatchObject({ onHand: 15, reserved: 15, available: 0 });
      }
      const moves = await t.db.execute<{ units: number }>(sql`
        select coalesce(sum(quantity), 0)::int as units from commerce_stock_movements
        where workspace_id = ${ws} and kind = 'reserved'`);
      expect(moves.rows[0]!.units).toBe(120);
      expect(await ledgerMismatches(t.db, ws)).toEqual([]);
      expect(await reservationMismatches(t.db, ws)).toEqual([]);
    });
  });
});
