import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.ts';
import { signUpWorkspace, testApp, testConfig } from '../../../platform/testing.ts';
import { createPickupPoint } from '../pickup/create-pickup-point.ts';
import { moveOrdersOnMerge, onPurchaseRequestShipped } from './subscribers.ts';
import { type Catalog, eventsOf, level, seedCatalog, timelineOf } from './test-fixtures.ts';

type Line = { id: string; sku: string | null; quantity: number; fulfilledQty: number; shippedQty: number };

describe('order lifecycle', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Lifecycle Lamps');
  let cat: Catalog;
  beforeAll(async () => {
    cat = await seedCatalog(db, ws.workspaceId);
  });
  const post = (url: string, payload: unknown = {}) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: ws.bearer, payload: payload as object });
  const get = (url: string) => app.inject({ url: `/api/v1${url}`, headers: ws.bearer });
  let n = 0;
  const place = async (over: Record<string, unknown> = {}) => {
    const r = await post('/orders', {
      source: 'api',
      externalId: `lc-${++n}`,
      currency: 'EUR',
      customer: { email: 'lena@example.com', firstName: 'Lena' },
      lines: [
        { sku: 'LAMP-S', quantity: 3, unitPriceMinor: 2500 },
        { sku: 'SHADE', quantity: 1, unitPriceMinor: 1500 },
      ],
      ...over,
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json();
  };

  it('walks placed → paid → partly fulfilled → fulfilled → partly shipped → shipped → delivered', async () => {
    const o = await place();
    const [lamp, shade] = o.lines as Line[];
    const lampWh = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!);

    let r = await post(`/orders/${o.id}/payments`, { amountMinor: 5000, method: 'card' });
    expect(r.json()).toMatchObject({
      status: 'placed',
      paymentStatus: 'partially_paid',
      paidMinor: 5000,
      dueMinor: 4000,
    });
    r = await post(`/orders/${o.id}/payments`, { amountMinor: 4000, method: 'card', reference: 'pi_123' });
    expect(r.json()).toMatchObject({ status: 'paid', paymentStatus: 'paid', dueMinor: 0 });

    r = await post(`/orders/${o.id}/fulfil`, { lines: [{ lineId: lamp!.id, quantity: 2 }] });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('partially_fulfilled');
    // Two lamps left the warehouse: on hand and reserved both went down by 2.
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!)).toEqual({
      onHand: lampWh!.onHand - 2,
      reserved: lampWh!.reserved - 2,
    });
    r = await post(`/orders/${o.id}/fulfil`, {});
    expect(r.json()).toMatchObject({ status: 'fulfilled' });
    expect(r.json().lines.map((l: Line) => l.fulfilledQty)).toEqual([3, 1]);

    r = await post(`/orders/${o.id}/shipments`, {
      trackingNumber: '3SABCD123',
      carrier: 'PostNL',
      lines: [{ lineId: shade!.id, quantity: 1 }],
    });
    expect(r.json().status).toBe('partially_shipped');
    r = await post(`/orders/${o.id}/shipments`, { trackingNumber: '3SABCD124', carrier: 'PostNL' });
    const shipped = r.json();
    expect(shipped.status).toBe('shipped');
    expect(
      shipped.shipments.map((s: { trackingNumber: string; lines: unknown }) => [s.trackingNumber, s.lines]),
    ).toEqual([
      ['3SABCD123', [{ lineId: shade!.id, quantity: 1 }]],
      ['3SABCD124', [{ lineId: lamp!.id, quantity: 3 }]],
    ]);
    r = await post(`/orders/${o.id}/deliver`, { shipmentId: shipped.shipments[0].id });
    expect(r.json().status).toBe('shipped');
    r = await post(`/orders/${o.id}/deliver`, {});
    expect(r.json()).toMatchObject({ status: 'delivered' });
    expect(r.json().deliveredAt).not.toBeNull();

    const events = await eventsOf(db, ws.workspaceId, o.id);
    expect(events.map((e) => e.type)).toEqual([
      'order.placed',
      'order.paid',
      'order.fulfilled',
      'order.fulfilled',
      'order.shipped',
      'order.shipped',
      'order.delivered',
    ]);
    expect(events.map((e) => e.payload.complete ?? null)).toEqual([null, null, false, true, false, true, null]);
    for (const e of events)
      expect(e.payload).toMatchObject({
        orderId: o.id,
        contactId: o.contactId,
        number: o.number,
        totalMinor: 9000,
        currency: 'EUR',
      });
    expect(events[4]!.payload).toMatchObject({ trackingNumber: '3SABCD123', carrier: 'PostNL' });

    const history = r.json().history.map((h: { type: string; toStatus: string }) => [h.type, h.toStatus]);
    expect(history).toEqual([
      ['placed', 'placed'],
      ['payment', 'placed'],
      ['paid', 'paid'],
      ['fulfilled', 'partially_fulfilled'],
      ['fulfilled', 'fulfilled'],
      ['shipped', 'partially_shipped'],
      ['shipped', 'shipped'],
      ['parcel_delivered', 'shipped'],
      ['delivered', 'delivered'],
    ]);
    const tl = (await timelineOf(db, ws.workspaceId, o.contactId)).filter((t) => t.module === 'commerce');
    expect(tl.filter((t) => t.data.orderId === o.id).map((t) => t.kind)).toEqual([
      'order_placed',
      'order_payment',
      'order_paid',
      'order_fulfilled',
      'order_fulfilled',
      'order_shipped',
      'order_shipped',
      'order_parcel_delivered',
      'order_delivered',
    ]);
    expect(tl.find((t) => t.kind === 'order_shipped')?.data.subject).toBe(
      `Order ${o.number} partly shipped — 1 item · PostNL 3SABCD123`,
    );
  });

  it('refuses steps the state does not allow, naming the state', async () => {
    const o = await place();
    const lamp = (o.lines as Line[])[0]!;
    const ship = await post(`/orders/${o.id}/shipments`, { trackingNumber: 'X' });
    expect(ship.statusCode).toBe(409);
    expect(ship.json().detail).toBe(
      `Order ${o.number} is placed: no fulfilled units wait for shipping — fulfil lines first`,
    );
    expect((await post(`/orders/${o.id}/deliver`)).json().detail).toContain('is placed: no shipment is on its way');
    const tooMany = await post(`/orders/${o.id}/fulfil`, { lines: [{ lineId: lamp.id, quantity: 4 }] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([
      { field: 'lines.0.quantity', message: 'line "Desk lamp — Small" has 3 units left to fulfil' },
    ]);
    const overpay = await post(`/orders/${o.id}/payments`, { amountMinor: 9001 });
    expect(overpay.statusCode).toBe(400);
    expect(overpay.json().errors[0]).toEqual({ field: 'amountMinor', message: 'is more than the EUR 90.00 still due' });
    expect((await post(`/orders/${o.id}/refunds`, { amountMinor: 100 })).json().detail).toBe(
      `Order ${o.number} is placed: no payment is left to refund`,
    );

    await post(`/orders/${o.id}/fulfil`, { lines: [{ lineId: lamp.id, quantity: 1 }] });
    const cancel = await post(`/orders/${o.id}/cancel`, { reason: 'changed mind' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().detail).toContain(
      'is partially fulfilled: only an order nothing of which was fulfilled can be cancelled',
    );
    const shipMore = await post(`/orders/${o.id}/shipments`, { lines: [{ lineId: lamp.id, quantity: 2 }] });
    expect(shipMore.statusCode).toBe(400);
    expect(shipMore.json().errors[0].field).toBe('lines.0.quantity');

    const other = await place();
    await post(`/orders/${other.id}/cancel`);
    for (const [step, body] of [
      ['fulfil', {}],
      ['shipments', {}],
      ['payments', { amountMinor: 1 }],
      ['cancel', {}],
    ] as const) {
      const r = await post(`/orders/${other.id}/${step}`, body);
      expect({ step, status: r.statusCode, state: r.json().detail.includes('is cancelled') }).toEqual({
        step,
        status: 409,
        state: true,
      });
    }
    expect((await post(`/orders/0190d1c0-0000-7000-8000-000000000001/cancel`)).statusCode).toBe(404);
  });

  it('cancelling releases the reserved stock and the pickup slot', async () => {
    const point = await createPickupPoint({
      db,
      workspaceId: ws.workspaceId,
      input: {
        kind: 'own',
        name: 'Corner shop',
        address: { line1: 'Main 1', city: 'Utrecht', postcode: '3511 AA', country: 'NL' },
        lat: 52.09,
        lng: 5.12,
        capacityPerDay: 1,
      },
    });
    const before = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!);
    const lines = [{ sku: 'LAMP-L', quantity: 2, unitPriceMinor: 4000 }];
    const a = await place({ lines, pickupPointId: point.id, placedAt: '2026-11-20T10:00:00Z' });
    expect(a.pickupPointId).toBe(point.id);
    expect((await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!))!.reserved).toBe(
      before!.reserved + 2,
    );
    const full = await post('/orders', {
      source: 'api',
      currency: 'EUR',
      customer: {},
      lines,
      pickupPointId: point.id,
      placedAt: '2026-11-20T11:00:00Z',
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().errors[0].field).toBe('pickupPointId');
    // The refused order held nothing: stock is as after the first.
    expect((await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!))!.reserved).toBe(
      before!.reserved + 2,
    );

    const c = await post(`/orders/${a.id}/cancel`, { reason: 'Customer asked' });
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Customer asked' });
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!)).toEqual(before);
    const ev = await eventsOf(db, ws.workspaceId, a.id);
    expect(ev.at(-1)).toMatchObject({ type: 'order.cancelled', payload: { releasedUnits: 2, pickupReleased: true } });
    const again = await place({ lines, pickupPointId: point.id, placedAt: '2026-11-20T12:00:00Z' });
    expect(again.status).toBe('placed');
  });

  it('refunds money and takes units back into stock', async () => {
    const o = await place({ payment: { amountMinor: 9000, method: 'card' } });
    expect(o.status).toBe('paid');
    const lamp = (o.lines as Line[])[0]!;
    await post(`/orders/${o.id}/fulfil`);
    const afterFulfil = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!);
    const tooMuch = await post(`/orders/${o.id}/refunds`, { amountMinor: 9001 });
    expect(tooMuch.json().errors[0]).toEqual({
      field: 'amountMinor',
      message: 'is more than the EUR 90.00 paid and not refunded',
    });
    const r = await post(`/orders/${o.id}/refunds`, {
      amountMinor: 2500,
      reason: 'Broken in transit',
      restock: [{ lineId: lamp.id, quantity: 1 }],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ paymentStatus: 'partially_refunded', refundedMinor: 2500, status: 'fulfilled' });
    expect(r.json().lines[0].returnedQty).toBe(1);
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!)).toEqual({
      onHand: afterFulfil!.onHand + 1,
      reserved: afterFulfil!.reserved,
    });
    const back = await post(`/orders/${o.id}/refunds`, { amountMinor: 0, restock: [{ lineId: lamp.id, quantity: 3 }] });
    expect(back.json().errors).toEqual([
      { field: 'restock.0.quantity', message: 'line "Desk lamp — Small" has 2 units out of the building to take back' },
    ]);
    const rest = await post(`/orders/${o.id}/refunds`, { amountMinor: 6500 });
    expect(rest.json().paymentStatus).toBe('refunded');
    const refunds = (await eventsOf(db, ws.workspaceId, o.id)).filter((e) => e.type === 'order.refunded');
    expect(refunds.map((e) => [e.payload.amountMinor, e.payload.reason])).toEqual([
      [2500, 'Broken in transit'],
      [6500, null],
    ]);
  });

  it('lists open lines per location on the pick list and fulfils one location’s share', async () => {
    // Every small lamp there is: no location can fill the line alone, so it is split, warehouse first.
    const wh = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!);
    const shop = await level(db, ws.workspaceId, cat.shopId, cat.variants['LAMP-S']!);
    const fromWh = wh!.onHand - wh!.reserved;
    const fromShop = shop!.onHand - shop!.reserved;
    expect(fromWh > 0 && fromShop > 0).toBe(true);
    const o = await place({
      lines: [
        { sku: 'LAMP-S', quantity: fromWh + fromShop, unitPriceMinor: 2500 },
        { title: 'Card', quantity: 1, unitPriceMinor: 100 },
      ],
    });
    expect(o.lines[0].allocations).toEqual([
      { locationId: cat.warehouseId, locationKind: 'warehouse', quantity: fromWh },
      { locationId: cat.shopId, locationKind: 'shop', quantity: fromShop },
    ]);
    const list = (await get('/pick-lists')).json();
    const mine = (loc: string | null) =>
      list.locations
        .find((g: { locationId: string | null }) => g.locationId === loc)
        ?.lines.filter((l: { orderId: string }) => l.orderId === o.id)
        .map((l: { quantity: number; sku: string | null }) => [l.sku, l.quantity]);
    expect(mine(cat.warehouseId)).toEqual([['LAMP-S', fromWh]]);
    expect(mine(cat.shopId)).toEqual([['LAMP-S', fromShop]]);
    expect(mine(null)).toEqual([[null, 1]]);
    const onlyShop = (await get(`/pick-lists?locationId=${cat.shopId}`)).json();
    expect(onlyShop.locations.map((g: { locationId: string }) => g.locationId)).toEqual([cat.shopId]);

    // Fulfilment takes the first allocations first: the warehouse's share.
    const r = await post(`/orders/${o.id}/fulfil`, { locationId: cat.warehouseId });
    expect(r.json().lines[0].fulfilledQty).toBe(fromWh);
    const after = (await get('/pick-lists')).json();
    const left = after.locations.flatMap((g: { locationId: string; lines: { orderId: string; quantity: number }[] }) =>
      g.lines.filter((l) => l.orderId === o.id).map((l) => [g.locationId, l.quantity]),
    );
    expect(left).toEqual([
      [cat.shopId, fromShop],
      [null, 1],
    ]);
  });

  it('records a dropship supplier’s shipment once, with its tracking', async () => {
    const o = await place({ lines: [{ sku: 'DROP-1', quantity: 2, unitPriceMinor: 9900 }] });
    expect(o.lines[0].allocations).toEqual([{ locationId: cat.supplierId, locationKind: 'dropship', quantity: 2 }]);
    const pr = await db.execute<{ id: string; order_number: string; lines: { lineId: string }[] }>(sql`
      select id, order_number, lines from commerce_purchase_requests where workspace_id = ${ws.workspaceId} and order_id = ${o.id}`);
    expect(pr.rows).toHaveLength(1);
    expect(pr.rows[0]!.order_number).toBe(o.number);
    // The shop cannot fulfil the supplier's units itself: "fulfil everything" leaves them to the supplier's report.
    const own = await post(`/orders/${o.id}/fulfil`, {});
    expect(own.statusCode).toBe(409);
    expect(own.json().detail).toContain('dropship');
    const event = {
      workspaceId: ws.workspaceId,
      id: '0190d1c0-0000-7000-8000-0000000000e1',
      type: 'purchase_request.shipped',
      subjectId: pr.rows[0]!.id,
      occurredAt: new Date(),
      payload: {
        orderId: o.id,
        purchaseRequestId: pr.rows[0]!.id,
        lines: [{ lineId: o.lines[0].id, quantity: 2 }],
        trackingNumber: 'SUP-991',
        carrier: 'DHL',
      },
    };
    const ctx = { db, config: testConfig(), logger: createLogger('silent') };
    await onPurchaseRequestShipped.handle(event, ctx);
    await onPurchaseRequestShipped.handle(event, ctx);
    const got = (await get(`/orders/${o.id}`)).json();
    expect(got.status).toBe('shipped');
    expect(got.shipments).toHaveLength(1);
    expect(got.shipments[0]).toMatchObject({
      trackingNumber: 'SUP-991',
      carrier: 'DHL',
      purchaseRequestId: pr.rows[0]!.id,
    });
    expect((await eventsOf(db, ws.workspaceId, o.id)).map((e) => e.type)).toEqual([
      'order.placed',
      'order.fulfilled',
      'order.shipped',
    ]);
  });

  it('lists orders with filters, search and cursor pages', async () => {
    const list = async (q: string) => (await get(`/orders?${q}`)).json();
    const all = await list('limit=500');
    expect(all.data.length).toBeGreaterThan(5);
    const placedAt = all.data.map((o: { placedAt: string }) => o.placedAt);
    expect([...placedAt].sort().reverse()).toEqual(placedAt);
    const cancelled = await list('status=cancelled');
    expect(cancelled.data.length).toBeGreaterThan(0);
    expect(cancelled.data.every((o: { status: string }) => o.status === 'cancelled')).toBe(true);
    const two = await list('status=cancelled,delivered');
    expect(new Set(two.data.map((o: { status: string }) => o.status))).toEqual(new Set(['cancelled', 'delivered']));
    const first = all.data[0];
    expect((await list(`q=${encodeURIComponent(first.number)}`)).data.map((o: { id: string }) => o.id)).toEqual([
      first.id,
    ]);
    expect((await list('q=LENA@example.com')).data.length).toBe(
      all.data.filter((o: { customer: { email: string } }) => o.customer.email === 'lena@example.com').length,
    );
    expect((await list('q=len')).data.length).toBeGreaterThan(0);
    expect(
      (await list(`contactId=${first.contactId}`)).data.every(
        (o: { contactId: string }) => o.contactId === first.contactId,
      ),
    ).toBe(true);
    expect((await list('from=2026-11-20T11:30:00Z&to=2026-11-20T12:30:00Z')).data).toHaveLength(1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.data.map((o: { id: string }) => o.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((o: { id: string }) => o.id));
    expect((await get('/orders?status=lost')).statusCode).toBe(400);
  });

  it('takes payment after fulfilment (cash on delivery) without moving the status back', async () => {
    const o = await place({ lines: [{ title: 'Poster', quantity: 1, unitPriceMinor: 1200 }] });
    await post(`/orders/${o.id}/fulfil`);
    await post(`/orders/${o.id}/shipments`, { trackingNumber: 'COD-1' });
    const paid = await post(`/orders/${o.id}/payments`, { amountMinor: 1200, method: 'cash on delivery' });
    expect(paid.json()).toMatchObject({ status: 'shipped', paymentStatus: 'paid', dueMinor: 0 });
    expect((await eventsOf(db, ws.workspaceId, o.id)).map((e) => e.type)).toEqual([
      'order.placed',
      'order.fulfilled',
      'order.shipped',
      'order.paid',
    ]);
    expect((await post(`/orders/${o.id}/payments`, { amountMinor: 1 })).json().detail).toBe(
      `Order ${o.number} is paid in full already`,
    );
  });

  it('moves a merged contact’s orders to the contact it was merged into', async () => {
    const lines = [{ title: 'Poster', quantity: 1, unitPriceMinor: 1200 }];
    const a = await place({ customer: { email: 'merge-a@example.com' }, lines });
    const b = await place({ customer: { email: 'merge-b@example.com' }, lines });
    const ctx = { db, config: testConfig(), logger: createLogger('silent') };
    const event = {
      workspaceId: ws.workspaceId,
      id: '0190d1c0-0000-7000-8000-0000000000e2',
      type: 'contact.merged',
      subjectId: a.contactId,
      occurredAt: new Date(),
      payload: { survivorId: a.contactId, mergedId: b.contactId },
    };
    await moveOrdersOnMerge.handle(event, ctx);
    expect((await get(`/orders/${b.id}`)).json().contactId).toBe(a.contactId);
    expect((await get(`/orders?contactId=${a.contactId}`)).json().data).toHaveLength(2);
  });
});
