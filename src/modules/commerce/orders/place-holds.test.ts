import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createPickupPoint } from '../pickup/create-pickup-point.ts';
import { type Catalog, level, seedCatalog } from './test-fixtures.ts';

// A batch's holds are placed set-based (pickup claims, then all the stock at once), but each order must get the
// answer it would get if the batch's orders were placed one after the other.

describe('holds of a batch', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Holding Lamps');
  let cat: Catalog;
  beforeAll(async () => {
    cat = await seedCatalog(db, ws.workspaceId);
  });

  it('gives a pickup slot an order short of stock held back to the next order, as one by one', async () => {
    const point = await createPickupPoint({
      db,
      workspaceId: ws.workspaceId,
      input: {
        kind: 'own',
        name: 'One-parcel kiosk',
        address: { line1: 'Main 2', city: 'Utrecht', postcode: '3511 AB', country: 'NL' },
        lat: 52.09,
        lng: 5.12,
        capacityPerDay: 1,
      },
    });
    const before = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!);
    const order = (n: number, quantity: number, pickup: boolean) => ({
      source: 'api',
      externalId: `hold-${n}`,
      currency: 'EUR',
      customer: {},
      placedAt: '2026-11-20T10:00:00Z',
      lines: [{ sku: 'LAMP-L', quantity, unitPriceMinor: 4000 }],
      ...(pickup ? { pickupPointId: point.id } : {}),
    });
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/orders/batch',
      headers: ws.bearer,
      payload: { orders: [order(0, 99, true), order(1, 1, true), order(2, 1, true), order(3, 1, false)] },
    });
    expect(r.statusCode).toBe(200);
    const results = r.json().results as { status: string; error?: { code: string; fields: { field: string }[] } }[];
    expect(results.map((x) => x.status)).toEqual(['error', 'created', 'error', 'created']);
    expect(results[0]!.error).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'lines.0.quantity' }] });
    expect(results[2]!.error).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'pickupPointId' }] });
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!)).toEqual({
      onHand: before!.onHand,
      reserved: before!.reserved + 2,
    });
    const day = await db.execute<{ claimed: number }>(sql`
      select claimed from pickup_capacity_days where workspace_id = ${ws.workspaceId} and pickup_point_id = ${point.id}`);
    expect(day.rows).toEqual([{ claimed: 1 }]);
  });
});
