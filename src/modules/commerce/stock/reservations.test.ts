import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { domainEvents } from '../../../platform/events/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { createLogger } from '../../../platform/logger.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { sendPurchaseRequest } from './purchase-requests.ts';
import { createPurchaseRequests, releaseStock, reserveStock, returnStock, shipStock } from './reservations.ts';
import { ledgerMismatches, reservationMismatches, stockApi } from './test-helpers.ts';

describe('reserving, releasing, shipping and returning stock', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app, 'Towel Shop');
  const ws = owner.workspaceId;
  const api = stockApi(t.app, owner);
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
  const reserve = (lines: { lineId: string; variantId: string; quantity: number }[], preferLocationId?: string) => {
    const orderId = newId();
    return tx((x) =>
      reserveStock(x, { workspaceId: ws, orderId, lines, ...(preferLocationId ? { preferLocationId } : {}) }),
    ).then((allocations) => ({ orderId, allocations }));
  };

  const { variantIds } = await api.product('Bath mat', ['MAT-1', 'MAT-2', 'MAT-3']);
  const [mat1, mat2, mat3] = variantIds as [string, string, string];
  const wh = await api.location('Warehouse', 'warehouse');
  const shop = await api.location('Shop', 'shop');
  const supplier = await api.location('Mat Mill', 'dropship', { tracksLevels: false });
  await api.receive(wh, mat1, 5);
  await api.receive(shop, mat1, 5);
  await api.receive(shop, mat2, 3);
  // MAT-3 is only supplied by the mill, which reports no levels: any quantity.
  await api.ok('PUT', `/stock-locations/${supplier}/levels/${mat3}`, { lowStockThreshold: null });
  await api.ok('PUT', `/stock-locations/${supplier}/levels/${mat2}`, { lowStockThreshold: null });

  it('allocates: preferred location, then warehouses, then shops, then dropship; one location when one can fill', async () => {
    const a = await reserve([{ lineId: 'a', variantId: mat1, quantity: 2 }]);
    expect(a.allocations).toEqual([
      { lineId: 'a', variantId: mat1, locationId: wh, locationKind: 'warehouse', quantity: 2 },
    ]);
    const b = await reserve([{ lineId: 'b', variantId: mat1, quantity: 1 }], shop);
    expect(b.allocations[0]).toMatchObject({ locationId: shop, locationKind: 'shop' });
    // 3 left in the warehouse, 4 in the shop: 4 fits whole in the shop only.
    const c = await reserve([{ lineId: 'c', variantId: mat1, quantity: 4 }]);
    expect(c.allocations).toEqual([
      { lineId: 'c', variantId: mat1, locationId: shop, locationKind: 'shop', quantity: 4 },
    ]);
    // 3 left, all in the warehouse; asking for more than any holds, and more than all hold, is refused.
    const short = await reserve([{ lineId: 'd', variantId: mat1, quantity: 4 }]).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(AppError);
    expect(short).toMatchObject({
      code: 'CONFLICT',
      message: 'Not enough stock of MAT-1',
      fields: [{ field: 'lines.0.quantity', message: 'not enough stock of MAT-1: 4 wanted, 3 available' }],
    });
    // Own stock before the supplier's; beyond it, the supplier fills the rest.
    const e = await reserve([{ lineId: 'e', variantId: mat2, quantity: 5 }]);
    expect(e.allocations).toEqual([
      { lineId: 'e', variantId: mat2, locationId: shop, locationKind: 'shop', quantity: 3 },
      { lineId: 'e', variantId: mat2, locationId: supplier, locationKind: 'dropship', quantity: 2 },
    ]);
    const f = await reserve([{ lineId: 'f', variantId: mat3, quantity: 500 }]);
    expect(f.allocations[0]).toMatchObject({ locationKind: 'dropship', quantity: 500 });
    expect(await api.level(supplier, mat3)).toMatchObject({ onHand: 0, reserved: 500, available: null });
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
  });

  it('refuses a whole multi-line order when one line is short, naming every short SKU, writing nothing', async () => {
    await api.receive(wh, mat1, 10);
    const before = await api.level(wh, mat1);
    const r = await reserve([
      { lineId: 'x', variantId: mat1, quantity: 1 },
      { lineId: 'y', variantId: newId(), quantity: 1 },
    ]).catch((e: unknown) => e as AppError);
    expect((r as AppError).code).toBe('CONFLICT');
    expect((r as AppError).fields.map((f) => f.field)).toEqual(['lines.1.quantity']);
    expect(await api.level(wh, mat1)).toEqual(before);
  });

  it('answers a retried reservation from what the order already holds', async () => {
    const orderId = newId();
    const lines = [{ lineId: 'r1', variantId: mat1, quantity: 2 }];
    const first = await tx((x) => reserveStock(x, { workspaceId: ws, orderId, lines }));
    const before = await api.level(wh, mat1);
    const again = await tx((x) => reserveStock(x, { workspaceId: ws, orderId, lines }));
    expect(again).toEqual(first);
    expect(await api.level(wh, mat1)).toEqual(before);
  });

  it('releases on cancellation, ships on fulfilment, takes returns; the ledger always adds up', async () => {
    await api.receive(wh, mat2, 10);
    const { orderId } = await reserve([
      { lineId: 'p', variantId: mat2, quantity: 4 },
      { lineId: 'q', variantId: mat1, quantity: 3 },
    ]);
    const whMat2 = await api.level(wh, mat2);
    expect(whMat2).toMatchObject({ onHand: 10, reserved: 4 });
    const tooMany = await tx((x) =>
      shipStock(x, { workspaceId: ws, orderId, lines: [{ lineId: 'p', quantity: 5 }] }),
    ).catch((e: unknown) => e as AppError);
    expect((tooMany as AppError).fields).toEqual([
      { field: 'lines.0.quantity', message: 'line p has 4 reserved units left to ship' },
    ]);
    const shipped = await tx((x) =>
      shipStock(x, {
        workspaceId: ws,
        orderId,
        lines: [
          { lineId: 'p', quantity: 3 },
          { lineId: 'not-in-catalog', quantity: 1 },
        ],
      }),
    );
    expect(shipped).toEqual([{ lineId: 'p', variantId: mat2, locationId: wh, quantity: 3 }]);
    expect(await api.level(wh, mat2)).toMatchObject({ onHand: 7, reserved: 1 });
    const released = await tx((x) => releaseStock(x, { workspaceId: ws, orderId }));
    expect(released.map((r) => [r.lineId, r.quantity]).sort()).toEqual([
      ['p', 1],
      ['q', 3],
    ]);
    expect(await tx((x) => releaseStock(x, { workspaceId: ws, orderId }))).toEqual([]);
    expect(await api.level(wh, mat2)).toMatchObject({ onHand: 7, reserved: 0 });
    const back = await tx((x) =>
      returnStock(x, { workspaceId: ws, orderId, lines: [{ lineId: 'p', quantity: 2, locationId: shop }] }),
    );
    expect(back).toEqual([{ lineId: 'p', variantId: mat2, locationId: shop, quantity: 2 }]);
    const tooManyBack = await tx((x) =>
      returnStock(x, { workspaceId: ws, orderId, lines: [{ lineId: 'p', quantity: 2 }] }),
    ).catch((e: unknown) => e as AppError);
    expect((tooManyBack as AppError).fields[0]?.message).toBe('line p has 1 shipped units to return');
    const kinds = (await api.ok('GET', `/stock-movements?orderId=${orderId}`)).data.map(
      (m: { kind: string; quantity: number }) => `${m.kind}:${m.quantity}`,
    );
    expect(kinds.sort()).toEqual(['released:1', 'released:3', 'reserved:3', 'reserved:4', 'returned:2', 'shipped:3']);
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
    expect(await reservationMismatches(t.db, ws)).toEqual([]);
  });

  it('sends dropship lines to the supplier as a purchase request and ships them when the supplier does', async () => {
    const orderId = newId();
    const allocations = await tx(async (x) => {
      const a = await reserveStock(x, {
        workspaceId: ws,
        orderId,
        lines: [
          { lineId: 'own', variantId: mat1, quantity: 1 },
          { lineId: 'mill', variantId: mat3, quantity: 2 },
        ],
      });
      await createPurchaseRequests(x, { workspaceId: ws, orderId, orderNumber: '#1042', allocations: a });
      // Again in the same order: no second request.
      await createPurchaseRequests(x, { workspaceId: ws, orderId, orderNumber: '#1042', allocations: a });
      return a;
    });
    expect(allocations.map((a) => a.locationKind)).toEqual(['warehouse', 'dropship']);
    const prs = (await api.ok('GET', `/purchase-requests?orderId=${orderId}`)).data;
    expect(prs).toHaveLength(1);
    expect(prs[0]).toMatchObject({
      orderNumber: '#1042',
      supplierName: 'Mat Mill',
      supplierEmail: 'mat-mill@supplier.example',
      status: 'pending',
      lines: [{ lineId: 'mill', variantId: mat3, sku: 'MAT-3', title: 'Bath mat', quantity: 2 }],
    });
    // The email job (run here as the worker would, twice: it must send once).
    const jobs = await t.db.execute<{ payload: { workspaceId: string; purchaseRequestId: string } }>(sql`
      select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = 'commerce.send-purchase-request'`);
    const job = jobs.rows.find((j) => j.payload.purchaseRequestId === prs[0].id)!;
    const ctx = { db: t.db, config: t.config, logger: createLogger('silent') };
    await sendPurchaseRequest.handler(job.payload, ctx);
    await sendPurchaseRequest.handler(job.payload, ctx);
    const mails = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, ws), eq(mailOutbox.toEmail, 'mat-mill@supplier.example')));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Purchase request for order #1042 from Towel Shop');
    expect(mails[0]!.text).toContain('2 x MAT-3 - Bath mat');
    expect((await api.ok('GET', `/purchase-requests/${prs[0].id}`)).status).toBe('sent');

    const shippedPr = await api.ok('POST', `/purchase-requests/${prs[0].id}/shipped`, {
      trackingNumber: 'JD0002',
      carrier: 'DHL',
    });
    expect(shippedPr).toMatchObject({ status: 'shipped', trackingNumber: 'JD0002', carrier: 'DHL' });
    await api.ok('POST', `/purchase-requests/${prs[0].id}/shipped`, { trackingNumber: 'JD0002' });
    const events = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws), eq(domainEvents.type, 'purchase_request.shipped')));
    expect(events.map((e) => e.payload)).toEqual([
      {
        orderId,
        purchaseRequestId: prs[0].id,
        lines: [{ lineId: 'mill', quantity: 2 }],
        trackingNumber: 'JD0002',
        carrier: 'DHL',
      },
    ]);
    const millMoves = (await api.ok('GET', `/stock-movements?orderId=${orderId}&locationId=${supplier}`)).data;
    expect(millMoves.map((m: { kind: string }) => m.kind)).toEqual(['shipped', 'reserved']);
    expect(await ledgerMismatches(t.db, ws)).toEqual([]);
  });

  it('cancels the purchase request of a cancelled order; a cancelled request cannot ship', async () => {
    const orderId = newId();
    await tx(async (x) => {
      const a = await reserveStock(x, {
        workspaceId: ws,
        orderId,
        lines: [{ lineId: 'm', variantId: mat3, quantity: 1 }],
      });
      await createPurchaseRequests(x, { workspaceId: ws, orderId, orderNumber: '#1043', allocations: a });
    });
    await tx((x) => releaseStock(x, { workspaceId: ws, orderId }));
    const [pr] = (await api.ok('GET', `/purchase-requests?orderId=${orderId}`)).data;
    expect(pr.status).toBe('cancelled');
    const r = await api.call('POST', `/purchase-requests/${pr.id}/shipped`, {});
    expect(r.statusCode).toBe(409);
  });
});
