import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { reserveStock } from './reservations.ts';
import { ledgerMismatches, reservationMismatches, stockApi } from './test-helpers.ts';

/**
 * Concurrency: every reservation runs in its own transaction on its own pooled connection, all fired at once. The
 * pool is POOL connections (the shared test server allows 100 in all, and other suites run beside this one), so up
 * to POOL transactions are inside PostgreSQL at the same moment and the rest queue for a connection; `peak` records
 * how many were really in flight together, so the test fails if the run was secretly serial.
 */
const POOL = 40;

describe('stock reservations under concurrency', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const api = stockApi(t.app, owner);
  const pool = createDb(t.url, POOL);

  afterAll(() => pool.$client.end());

  async function fire<T>(n: number, work: (tx: Tx, i: number) => Promise<T>) {
    let inFlight = 0;
    let peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        pool.transaction(async (tx) => {
          await tx.execute(sql`select 1`); // holds its connection from here on
          inFlight++;
          peak = Math.max(peak, inFlight);
          try {
            return await work(tx, i);
          } finally {
            inFlight--;
          }
        }),
      ),
    );
    return { results, peak };
  }

  it('sells exactly 100 of 100 units to 200 parallel buyers of one unit each', async () => {
    const { variantIds } = await api.product('Last lamps', ['LAST-100']);
    const variantId = variantIds[0]!;
    const wh = await api.location('Main warehouse', 'warehouse');
    await api.receive(wh, variantId, 100);

    const { results, peak } = await fire(200, (tx) =>
      reserveStock(tx, {
        workspaceId: ws,
        orderId: newId(),
        lines: [{ lineId: 'line-1', variantId, quantity: 1 }],
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const e of refused) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('CONFLICT');
      expect((e as AppError).message).toContain('LAST-100');
      expect((e as AppError).fields[0]).toMatchObject({ field: 'lines.0.quantity' });
    }
    expect(peak).toBeGreaterThan(10);
    expect(await api.level(wh, variantId)).toMatchObject({ onHand: 100, reserved: 100, available: 0 });
    const moves = await t.db.execute<{ n: number; units: number }>(
      sql`select count(*)::int as n, sum(quantity)::int as units from commerce_stock_movements
          where workspace_id = ${ws} and variant_id = ${variantId} and kind = 'reserved'`,
    );
    expect(moves.rows[0]).toEqual({ n: 100, units: 100 });
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
    expect(await reservationMismatches(t.db, ws)).toEqual([]);
  });

  it('never deadlocks when multi-line orders list the same variants in different orders', async () => {
    const { variantIds } = await api.product('Set pieces', ['SET-A', 'SET-B', 'SET-C']);
    const [a, b, c] = variantIds as [string, string, string];
    const wh = await api.location('Set warehouse', 'warehouse');
    const shop = await api.location('Set shop', 'shop');
    for (const v of [a, b, c]) {
      await api.receive(wh, v, 60);
      await api.receive(shop, v, 60);
    }
    // 120 units of each in two locations; 150 orders each want 1 of all three, in six different line orders, so
    // locks are requested in every order. Exactly 120 can be served; the rest must be refused whole.
    const perms = [
      [a, b, c],
      [a, c, b],
      [b, a, c],
      [b, c, a],
      [c, a, b],
      [c, b, a],
    ];
    const { results, peak } = await fire(150, (tx, i) =>
      reserveStock(tx, {
        workspaceId: ws,
        orderId: newId(),
        lines: perms[i % 6]!.map((variantId, n) => ({ lineId: `l${n}`, variantId, quantity: 1 })),
      }),
    );
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    // A deadlock would surface as PostgreSQL error 40P01, not as an AppError.
    expect(errors.filter((e) => !(e instanceof AppError))).toEqual([]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(120);
    expect(errors).toHaveLength(30);
    expect(peak).toBeGreaterThan(10);
    for (const v of [a, b, c]) {
      expect(await api.level(wh, v)).toMatchObject({ onHand: 60, reserved: 60, available: 0 });
      expect(await api.level(shop, v)).toMatchObject({ onHand: 60, reserved: 60, available: 0 });
    }
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
    expect(await reservationMismatches(t.db, ws)).toEqual([]);
  });
});
