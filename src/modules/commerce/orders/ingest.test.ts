import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { shippingWorkspace, TARIFF_CARD } from '../shipping/test-helpers.ts';
import { createOrders } from './create-order.ts';
import { type Catalog, count, eventsOf, level, seedCatalog, timelineOf } from './test-fixtures.ts';

describe('order ingest', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Lamp Shop');
  let cat: Catalog;
  beforeAll(async () => {
    cat = await seedCatalog(db, ws.workspaceId);
  });
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: ws.bearer, payload: payload as object });
  const order = (over: Record<string, unknown> = {}) => ({
    source: 'shopify',
    currency: 'EUR',
    customer: { email: 'Anna@Example.com', firstName: 'Anna', lastName: 'Berg' },
    lines: [
      { sku: 'LAMP-S', quantity: 2, unitPriceMinor: 2500 },
      { title: 'Gift wrap', quantity: 1, unitPriceMinor: 300 },
    ],
    shippingAddress: { line1: 'Keizersgracht 1', city: 'Amsterdam', postcode: '1015 CJ', country: 'nl' },
    shipping: { carrier: 'PostNL', service: 'Standard', priceMinor: 695 },
    ...over,
  });

  it('creates an order: catalog lines reserve stock, text lines do not, the customer becomes a contact', async () => {
    const r = await post('/orders', order({ externalId: '1001', number: '#1001' }));
    expect(r.statusCode).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({
      number: '#1001',
      source: 'shopify',
      externalId: '1001',
      status: 'placed',
      paymentStatus: 'unpaid',
      subtotalMinor: 5300,
      shippingMinor: 695,
      totalMinor: 5995,
      dueMinor: 5995,
      itemCount: 3,
      customer: { email: 'anna@example.com', firstName: 'Anna', lastName: 'Berg' },
      shippingAddress: { country: 'NL', city: 'Amsterdam' },
      shipping: { carrierName: 'PostNL', serviceName: 'Standard', priceMinor: 695 },
    });
    expect(o.lines.map((l: { sku: string | null; variantId: string | null }) => [l.sku, !!l.variantId])).toEqual([
      ['LAMP-S', true],
      [null, false],
    ]);
    // Reserved at the warehouse (the first location by kind), nothing at the shop.
    expect(o.lines[0].allocations).toEqual([{ locationId: cat.warehouseId, locationKind: 'warehouse', quantity: 2 }]);
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!)).toEqual({
      onHand: 10,
      reserved: 2,
    });

    const contact = (await app.inject({ url: `/api/v1/contacts/${o.contactId}`, headers: ws.bearer })).json();
    expect(contact).toMatchObject({ emails: ['anna@example.com'], firstName: 'Anna', lifecycleStage: 'customer' });
    expect(contact.source.first).toMatchObject({ channel: 'other', name: 'shopify order' });
    expect((await eventsOf(db, ws.workspaceId, o.id)).map((e) => e.type)).toEqual(['order.placed']);
    const tl = await timelineOf(db, ws.workspaceId, o.contactId);
    // A new customer is written at its stage at once, and says so to automations.
    expect(tl.map((t) => t.kind).sort()).toEqual(['created', 'order_placed']);
    const stage = await db.execute<{ payload: unknown }>(sql`
      select payload from domain_events where workspace_id = ${ws.workspaceId} and subject_id = ${o.contactId}
        and type = 'contact.lifecycle_stage_changed'`);
    expect(stage.rows.map((r) => r.payload)).toEqual([{ from: null, to: 'customer' }]);
    expect(tl.find((t) => t.kind === 'order_placed')).toMatchObject({
      module: 'commerce',
      data: { orderId: o.id, subject: 'Order #1001 placed — EUR 59.95' },
    });
  });

  it('answers a repeated create with the existing order (200, same body) and changes nothing', async () => {
    const before = {
      orders: await count(db, 'commerce_orders', ws.workspaceId),
      events: await count(db, 'domain_events', ws.workspaceId),
      contacts: await count(db, 'contacts', ws.workspaceId),
    };
    const first = (await post('/orders', order({ externalId: '1001' }))).json();
    const again = await post(
      '/orders',
      order({ externalId: '1001', lines: [{ sku: 'SHADE', quantity: 1, unitPriceMinor: 1 }] }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect({
      orders: await count(db, 'commerce_orders', ws.workspaceId),
      events: await count(db, 'domain_events', ws.workspaceId),
      contacts: await count(db, 'contacts', ws.workspaceId),
    }).toEqual(before);
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-S']!)).toEqual({
      onHand: 10,
      reserved: 2,
    });
    // The same external id from another source is another order, numbered by us; repeating it takes no number.
    const woo = await post('/orders', order({ externalId: '1001', source: 'woocommerce' }));
    expect(woo.statusCode).toBe(201);
    expect((await post('/orders', order({ externalId: '1001', source: 'woocommerce' }))).json().number).toBe(
      woo.json().number,
    );
    const next = (await post('/orders', order({ externalId: '1002', source: 'woocommerce' }))).json().number;
    expect(Number(next.slice(2))).toBe(Number(woo.json().number.slice(2)) + 1);
  });

  it('creates one order when the same external order arrives twice at once', async () => {
    const reservedBefore = (await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!))!.reserved;
    const body = order({
      externalId: 'race-1',
      customer: { email: 'racer@example.com' },
      lines: [{ sku: 'LAMP-L', quantity: 1, unitPriceMinor: 4000 }],
    });
    const rs = await Promise.all([post('/orders', body), post('/orders', body), post('/orders', body)]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    const n = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from commerce_orders where workspace_id = ${ws.workspaceId} and external_id = 'race-1'`);
    expect(n.rows[0]!.n).toBe(1);
    expect((await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!))!.reserved).toBe(
      reservedBefore + 1,
    );
    const contacts = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from contacts where workspace_id = ${ws.workspaceId} and emails @> array['racer@example.com']`);
    expect(contacts.rows[0]!.n).toBe(1);
  });

  it('a create that meets the same order in flight waits for it and answers with it', async () => {
    // Hold the stock lock of LAMP-S: the first create inserts its order row, then waits here with it uncommitted.
    const holder = await db.$client.connect();
    const waiting = async (n: number) => {
      for (let i = 0; i < 200; i++) {
        const r = await db.$client.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (r.rows[0]!.n >= n) return;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error(`never saw ${n} waiting transactions`);
    };
    try {
      await holder.query('begin');
      await holder.query('select 1 from commerce_stock_levels where workspace_id = $1 and variant_id = $2 for update', [
        ws.workspaceId,
        cat.variants['LAMP-S'],
      ]);
      const input = order({
        externalId: 'inflight-1',
        customer: {},
        lines: [{ sku: 'LAMP-S', quantity: 1, unitPriceMinor: 2500 }],
      });
      const args = { workspaceId: ws.workspaceId, actorId: null, inputs: [input] };
      const first = createOrders(db, args);
      await waiting(1);
      // The second meets the first's uncommitted row on the unique index and waits for its commit.
      const second = createOrders(db, args);
      await waiting(2);
      await holder.query('commit');
      const [a, b] = await Promise.all([first, second]);
      expect([a.results[0]!.status, b.results[0]!.status]).toEqual(['created', 'existing']);
      const ids = [a, b].map((r) => (r.results[0]!.status === 'error' ? null : r.results[0]!.order.id));
      expect(ids[0]).toBe(ids[1]);
    } finally {
      holder.release();
    }
  });

  it('concurrent batches sharing orders and a new customer make each order and the contact once', async () => {
    const batch = (keys: string[]) =>
      post('/orders/batch', {
        orders: keys.map((k) =>
          order({
            externalId: k,
            source: 'pos',
            customer: { email: 'shared@example.com' },
            lines: [{ title: 'Coffee', quantity: 1, unitPriceMinor: 350 }],
            shipping: undefined,
          }),
        ),
      });
    const [a, b] = await Promise.all([batch(['p1', 'p2', 'p3']), batch(['p3', 'p2', 'p4'])]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const statuses = [...a.json().results, ...b.json().results].map((r: { status: string }) => r.status);
    expect(statuses.filter((s) => s === 'created')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'existing')).toHaveLength(2);
    const rows = await db.execute<{ external_id: string; contact_id: string }>(sql`
      select external_id, contact_id from commerce_orders where workspace_id = ${ws.workspaceId} and source = 'pos'
      order by external_id`);
    expect(rows.rows.map((r) => r.external_id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(new Set(rows.rows.map((r) => r.contact_id)).size).toBe(1);
    const c = (await app.inject({ url: `/api/v1/contacts/${rows.rows[0]!.contact_id}`, headers: ws.bearer })).json();
    expect(c.lifecycleStage).toBe('repeat_customer');
  });

  it('keeps the good orders of a batch and names the field of each bad one', async () => {
    const levelBefore = await level(db, ws.workspaceId, cat.warehouseId, cat.variants.SHADE!);
    const ordersBefore = await count(db, 'commerce_orders', ws.workspaceId);
    const r = await post('/orders/batch', {
      orders: [
        order({ externalId: 'b-1', customer: { email: 'b1@example.com' } }),
        order({ externalId: 'b-2', lines: [{ sku: 'LAMP-S', quantity: 0, unitPriceMinor: 2500 }] }),
        order({
          externalId: 'b-3',
          lines: [{ variantId: '0190d1c0-0000-7000-8000-000000000000', quantity: 1, unitPriceMinor: 1 }],
        }),
        order({ externalId: 'b-4', shippingAddress: { line1: 'x', city: 'y', country: 'XX' } }),
        order({
          externalId: 'b-5',
          customer: { email: 'b5@example.com' },
          lines: [{ sku: 'SHADE', quantity: 50, unitPriceMinor: 1500 }],
        }),
        order({ externalId: 'b-6', customer: { email: 'not an email' } }),
        'not even an object',
        order({
          externalId: 'b-8',
          customer: { email: 'b8@example.com' },
          lines: [{ sku: 'SHADE', quantity: 1, unitPriceMinor: 1500 }],
        }),
      ],
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ created: 2, existing: 0, failed: 6 });
    const fieldsOf = (i: number) => body.results[i].error.fields.map((f: { field: string }) => f.field);
    expect(body.results[0]).toMatchObject({ index: 0, status: 'created' });
    expect(fieldsOf(1)).toEqual(['lines.0.quantity']);
    expect(fieldsOf(2)).toEqual(['lines.0.variantId']);
    expect(fieldsOf(3)).toEqual(['shippingAddress.country']);
    expect(body.results[4].error).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'lines.0.quantity' }] });
    expect(body.results[4].error.message).toContain('SHADE');
    expect(fieldsOf(5)).toEqual(['customer.email']);
    expect(body.results[6].status).toBe('error');
    expect(body.results[7]).toMatchObject({ index: 7, status: 'created' });
    expect(await count(db, 'commerce_orders', ws.workspaceId)).toBe(ordersBefore + 2);
    // The refused order reserved nothing and made no contact; the kept one reserved its shade.
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants.SHADE!)).toEqual({
      onHand: levelBefore!.onHand,
      reserved: levelBefore!.reserved + 1,
    });
    const b5 = await db.execute(sql`
      select 1 from contacts where workspace_id = ${ws.workspaceId} and emails @> array['b5@example.com']`);
    expect(b5.rows).toHaveLength(0);
    // A single create of a bad order is a 400 naming the field, and writes nothing.
    const single = await post(
      '/orders',
      order({ externalId: 'b-9', lines: [{ sku: 'LAMP-S', quantity: 1, unitPriceMinor: 10, discountMinor: 20 }] }),
    );
    expect(single.statusCode).toBe(400);
    expect(single.json().errors).toEqual([{ field: 'lines.0.discountMinor', message: expect.stringContaining('10') }]);
    const short = await post(
      '/orders',
      order({ externalId: 'b-10', lines: [{ sku: 'SHADE', quantity: 99, unitPriceMinor: 1 }] }),
    );
    expect(short.statusCode).toBe(409);
    expect(short.json().detail).toContain('SHADE');
  });

  it('refuses a batch of more than 1,000 orders as a whole', async () => {
    const r = await post('/orders/batch', { orders: Array.from({ length: 1001 }, () => ({})) });
    expect(r.statusCode).toBe(400);
  });

  it('finds customers by contact id, email or phone, and moves stages forward only', async () => {
    const mk = async (payload: object) =>
      (await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: ws.bearer, payload })).json();
    const advocate = await mk({ name: 'Ada Vocate', emails: ['ada@example.com'], lifecycleStage: 'advocate' });
    const lead = await mk({ name: 'Lee Lead', phones: ['+31612345678'] });
    const a = (
      await post(
        '/orders',
        order({ customer: { email: 'ADA@example.com' }, lines: [{ title: 'Card', quantity: 1, unitPriceMinor: 100 }] }),
      )
    ).json();
    expect(a.contactId).toBe(advocate.id);
    const b = (
      await post(
        '/orders',
        order({ customer: { phone: '06 12345678' }, lines: [{ title: 'Card', quantity: 1, unitPriceMinor: 100 }] }),
      )
    ).json();
    expect(b.contactId).toBe(lead.id);
    const c = (
      await post(
        '/orders',
        order({ customer: { contactId: lead.id }, lines: [{ title: 'Card', quantity: 1, unitPriceMinor: 100 }] }),
      )
    ).json();
    expect(c.contactId).toBe(lead.id);
    const stage = async (id: string) =>
      (await app.inject({ url: `/api/v1/contacts/${id}`, headers: ws.bearer })).json().lifecycleStage;
    expect(await stage(advocate.id)).toBe('advocate');
    expect(await stage(lead.id)).toBe('repeat_customer');
    const changes = await db.execute<{ payload: Record<string, unknown> }>(sql`
      select payload from domain_events where workspace_id = ${ws.workspaceId}
        and type = 'contact.lifecycle_stage_changed' and subject_id = ${lead.id} order by id`);
    expect(changes.rows.map((r) => r.payload)).toEqual([
      { from: 'lead', to: 'customer' },
      { from: 'customer', to: 'repeat_customer' },
    ]);
    // An unknown contact id is the order's error, without echoing the id.
    const bad = await post('/orders', order({ customer: { contactId: '0190d1c0-0000-7000-8000-00000000abcd' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'customer.contactId', message: 'no such contact in this workspace' }]);
    // A walk-in sale has no customer.
    const walkIn = await post(
      '/orders',
      order({
        source: 'pos',
        customer: {},
        lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 250 }],
        payment: { amountMinor: 250 + 695, method: 'cash' },
      }),
    );
    expect(walkIn.json()).toMatchObject({ contactId: null, status: 'paid', paymentStatus: 'paid' });
    expect((await eventsOf(db, ws.workspaceId, walkIn.json().id)).map((e) => e.type)).toEqual([
      'order.placed',
      'order.paid',
    ]);
  });

  it('brings in past orders without touching stock and announces only their placement', async () => {
    const before = await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!);
    const r = await post(
      '/orders',
      order({
        externalId: 'old-1',
        status: 'delivered',
        placedAt: '2024-03-01T10:00:00Z',
        lines: [{ sku: 'LAMP-L', quantity: 2, unitPriceMinor: 4000 }],
      }),
    );
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'delivered', paymentStatus: 'paid', imported: true, paidMinor: 8695 });
    expect(r.json().lines[0]).toMatchObject({ fulfilledQty: 2, shippedQty: 2, allocations: [] });
    expect(await level(db, ws.workspaceId, cat.warehouseId, cat.variants['LAMP-L']!)).toEqual(before);
    const ev = await eventsOf(db, ws.workspaceId, r.json().id);
    expect(ev.map((e) => [e.type, e.payload.imported, e.payload.status])).toEqual([
      ['order.placed', true, 'delivered'],
    ]);
  });

  it('names a quote it cannot find, and a pickup point it does not know', async () => {
    const q = await post(
      '/orders',
      order({ shipping: { quoteId: '0190d1c0-0000-7000-8000-00000000beef', optionId: 'x' } }),
    );
    expect(q.statusCode).toBe(400);
    expect(q.json().errors[0].field).toBe('shipping.quoteId');
    const p = await post('/orders', order({ pickupPointId: '0190d1c0-0000-7000-8000-00000000beef' }));
    expect(p.statusCode).toBe(400);
    expect(p.json().errors).toEqual([{ field: 'pickupPointId', message: 'no such pickup point in this workspace' }]);
  });

  it('stores a quoted option with its breakdown and prices the order with it', async () => {
    // A real quote: a carrier with a rate card, quoted through the API, as a checkout would.
    await shippingWorkspace(app, ws.bearer, { carrier: 'DHL', card: TARIFF_CARD });
    const q = await post('/shipping/quotes', {
      destination: { country: 'DE', postcode: '10115' },
      parcels: [{ weightGrams: 1000 }],
      at: '2026-11-18T08:00:00Z',
    });
    expect(q.statusCode, q.body).toBe(201);
    const quoteId = q.json().id as string;
    const option = q.json().options[0] as {
      id: string;
      priceMinor: number;
      breakdown: unknown[];
      eta: { earliest: string; latest: string };
      carrierName: string;
      serviceName: string;
    };
    const r = await post('/orders', order({ externalId: 'q-1', shipping: { quoteId, optionId: option.id } }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      shippingMinor: option.priceMinor,
      totalMinor: 5300 + option.priceMinor,
      shipping: {
        quoteId,
        optionId: option.id,
        carrierName: 'DHL',
        serviceName: option.serviceName,
        priceMinor: option.priceMinor,
        breakdown: option.breakdown,
        eta: { earliest: option.eta.earliest, latest: option.eta.latest },
      },
    });
    const usd = await post(
      '/orders',
      order({ externalId: 'q-2', currency: 'USD', shipping: { quoteId, optionId: option.id } }),
    );
    expect(usd.statusCode).toBe(400);
    expect(usd.json().errors).toEqual([
      { field: 'shipping.quoteId', message: 'was quoted in EUR, the order is in USD' },
    ]);
    const noOption = await post('/orders', order({ externalId: 'q-3', shipping: { quoteId, optionId: 'nope' } }));
    expect(noOption.json().errors[0].field).toBe('shipping.optionId');
  });
});
