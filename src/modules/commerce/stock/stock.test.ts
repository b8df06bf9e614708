import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { createLogger } from '../../../platform/logger.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { reserveStock } from './reservations.ts';
import { reorderTaskOnLowStock } from './subscribers.ts';
import { ledgerMismatches, stockApi } from './test-helpers.ts';

describe('stock locations, levels and the ledger', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const api = stockApi(t.app, owner);
  const jobCtx = { db: t.db, config: t.config, logger: createLogger('silent') };
  const { variantIds } = await api.product('Linen towel', ['TOWEL-W', 'TOWEL-G']);
  const [white, grey] = variantIds as [string, string];

  it('keeps three kinds of locations, listed in allocation order; a supplier needs an email', async () => {
    const noEmail = await api.call('POST', '/stock-locations', { name: 'Weaver', kind: 'dropship' });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().errors[0].field).toBe('supplierEmail');
    const unlimitedShop = await api.call('POST', '/stock-locations', {
      name: 'Shop',
      kind: 'shop',
      tracksLevels: false,
    });
    expect(unlimitedShop.json().errors[0].field).toBe('tracksLevels');
    await api.location('Weaver', 'dropship', { tracksLevels: false });
    await api.location('Corner shop', 'shop');
    await api.location('Main warehouse', 'warehouse', { priority: 1 });
    await api.location('Overflow', 'warehouse', { priority: 2 });
    const list = (await api.ok('GET', '/stock-locations')).data;
    expect(list.map((l: { name: string }) => l.name)).toEqual(['Main warehouse', 'Overflow', 'Corner shop', 'Weaver']);
    expect(list[3]).toMatchObject({ kind: 'dropship', supplierEmail: 'weaver@supplier.example', tracksLevels: false });
    const dup = await api.call('POST', '/stock-locations', { name: 'main WAREHOUSE', kind: 'warehouse' });
    expect(dup.statusCode).toBe(409);
  });

  it('receives and adjusts stock, every change a ledger row that sums to the level', async () => {
    const wh = await api.location('Receiving dock', 'warehouse');
    const r = await api.call('POST', `/stock-locations/${wh}/receive`, {
      lines: [
        { variantId: white, quantity: 40 },
        { variantId: grey, quantity: 10 },
      ],
      reason: 'PO 1001',
    });
    expect(r.statusCode).toBe(201);
    expect(await api.level(wh, white)).toMatchObject({ onHand: 40, reserved: 0, available: 40 });
    await api.ok('POST', `/stock-locations/${wh}/adjust`, {
      lines: [
        { variantId: white, onHand: 37 },
        { variantId: grey, delta: -2 },
      ],
      reason: 'Stock count',
    });
    expect(await api.level(wh, white)).toMatchObject({ onHand: 37 });
    expect(await api.level(wh, grey)).toMatchObject({ onHand: 8 });
    const moves = (await api.ok('GET', `/stock-movements?locationId=${wh}`)).data;
    expect(
      moves.map((m: { kind: string; sku: string; onHandDelta: number }) => [m.kind, m.sku, m.onHandDelta]),
    ).toEqual([
      ['adjusted', 'TOWEL-G', -2],
      ['adjusted', 'TOWEL-W', -3],
      ['received', 'TOWEL-G', 10],
      ['received', 'TOWEL-W', 40],
    ]);
    expect(moves[3]).toMatchObject({ reason: 'PO 1001', quantity: 40 });
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
  });

  it('refuses bad stock writes naming the line, and writes none of their lines', async () => {
    const wh = await api.location('Strict store', 'warehouse');
    await api.receive(wh, white, 5);
    const below = await api.call('POST', `/stock-locations/${wh}/adjust`, {
      lines: [
        { variantId: white, delta: 1 },
        { variantId: white, delta: -10 },
      ],
      reason: 'oops',
    });
    expect(below.statusCode).toBe(400);
    expect(below.json().errors).toEqual([{ field: 'lines.1.delta', message: 'would leave -4 on hand (there are 6)' }]);
    const unknown = await api.call('POST', `/stock-locations/${wh}/receive`, {
      lines: [
        { variantId: white, quantity: 1 },
        { variantId: newId(), quantity: 1 },
      ],
    });
    expect(unknown.json().errors).toEqual([
      { field: 'lines.1.variantId', message: 'is not a variant of this workspace' },
    ]);
    const zero = await api.call('POST', `/stock-locations/${wh}/receive`, {
      lines: [{ variantId: white, quantity: 0 }],
    });
    expect(zero.statusCode).toBe(400);
    expect(await api.level(wh, white)).toMatchObject({ onHand: 5 });
    const supplier = await api.location('Counting supplier', 'dropship', { tracksLevels: false });
    const notCounted = await api.call('POST', `/stock-locations/${supplier}/receive`, {
      lines: [{ variantId: white, quantity: 1 }],
    });
    expect(notCounted.statusCode).toBe(400);
  });

  it('raises stock.low once when available falls to the threshold, lists it, and makes one reorder task', async () => {
    const wh = await api.location('Low shelf', 'warehouse');
    await api.receive(wh, grey, 12);
    const set = await api.call('PUT', `/stock-locations/${wh}/levels/${grey}`, { lowStockThreshold: 5 });
    expect(set.json()).toMatchObject({ lowStockThreshold: 5, low: false, available: 12 });
    const reserve = (n: number) =>
      t.db.transaction((tx) =>
        reserveStock(tx, {
          workspaceId: ws,
          orderId: newId(),
          lines: [{ lineId: 'l', variantId: grey, quantity: n }],
          preferLocationId: wh,
        }),
      );
    await reserve(6); // 6 left: not low yet
    expect((await api.level(wh, grey))?.low).toBe(false);
    await reserve(2); // 4 left: low
    await reserve(1); // still low: no second event
    const events = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws), eq(domainEvents.type, 'stock.low')));
    const mine = events.filter((e) => (e.payload as { locationId: string }).locationId === wh);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.payload).toMatchObject({ variantId: grey, available: 4, threshold: 5, locationName: 'Low shelf' });
    const low = (await api.ok('GET', '/stock-levels?low=true')).data;
    expect(low.map((l: { locationName: string; sku: string }) => `${l.locationName}/${l.sku}`)).toEqual([
      'Low shelf/TOWEL-G',
    ]);
    // The reaction: one task for the owner, however often the event is delivered.
    const event = { ...mine[0]!, occurredAt: mine[0]!.occurredAt };
    await reorderTaskOnLowStock.handle(event, jobCtx);
    await reorderTaskOnLowStock.handle(event, jobCtx);
    const tasks = (await api.ok('GET', '/tasks?limit=100')).data.filter((x: { title: string }) =>
      x.title.startsWith('Reorder TOWEL-G'),
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Reorder TOWEL-G for Low shelf' });
    // Stock arriving clears the mark.
    await api.receive(wh, grey, 20);
    expect((await api.level(wh, grey))?.low).toBe(false);
  });

  it('deletes a location only while it has no history', async () => {
    const empty = await api.location('Never used', 'shop');
    expect((await api.call('DELETE', `/stock-locations/${empty}`)).statusCode).toBe(204);
    const used = await api.location('Used', 'shop');
    await api.receive(used, white, 1);
    const r = await api.call('DELETE', `/stock-locations/${used}`);
    expect(r.statusCode).toBe(409);
    expect((await api.call('PATCH', `/stock-locations/${used}`, { active: false })).json().active).toBe(false);
  });
});
