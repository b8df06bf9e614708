import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { fixtureJson, fixtureText, storefrontClient } from './test-helpers.ts';
import { signBase64 } from './webhooks/signatures.ts';

// biome-ignore lint/suspicious/noExplicitAny: test bodies are edited freely.
type Json = Record<string, any>;

const SECRET = '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';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** The documented Shopify order, placed a few minutes ago (a live order, not history from before the connection). */
function shopifyOrder(over: Json = {}): Json {
  const o = fixtureJson<Json>('shopify-order.json');
  o.created_at = minutesAgo(10);
  o.processed_at = minutesAgo(10);
  o.updated_at = minutesAgo(9);
  return { ...o, ...over };
}

describe('Shopify webhooks', async () => {
  const { app, db } = await testApp();
  const c = storefrontClient(app, db);
  const ws = await signUpWorkspace(app);
  const sf = await c.connect(ws, {
    name: 'Lampenwinkel',
    platform: 'shopify',
    secret: SECRET,
    shopDomain: 'lampenwinkel.myshopify.com',
  });

  it('takes a signed orders/create once: the same delivery again is answered 200 and does nothing', async () => {
    // Pretty-printed bytes, as a proxy or a test tool may send: the signature is over these exact bytes.
    const body = JSON.stringify(shopifyOrder(), null, 2);
    const headers = { 'x-shopify-event-id': 'evt-create-1042', 'x-shopify-webhook-id': 'wh-1' };
    const first = await c.shopify(sf.path, body, SECRET, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ ok: true, queued: true });
    expect(await c.work(ws.workspaceId)).toBe(1);

    const again = await c.shopify(sf.path, body, SECRET, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ok: true, duplicate: true });
    expect(await c.work(ws.workspaceId)).toBe(0);
    expect(await c.deliveries(ws.workspaceId)).toHaveLength(1);

    const [order, ...more] = await c.orders(ws, 'shopify');
    expect(more).toHaveLength(0);
    const full = await c.order(ws, order!.id);
    expect(full).toMatchObject({
      number: '#1042',
      externalId: '5871230091234',
      status: 'paid',
      paymentStatus: 'paid',
      currency: 'EUR',
      totalMinor: 13353,
      paidMinor: 13353,
      shippingMinor: 841,
      customer: { email: 'anna.devries@example.nl', firstName: 'Anna', lastName: 'de Vries' },
      shippingAddress: { line1: 'Prinsengracht 263', city: 'Amsterdam', country: 'NL' },
      imported: false,
    });
    expect(full.lines.map((l: Json) => [l.sku, l.quantity, l.unitPriceMinor, l.discountMinor, l.taxMinor])).toEqual([
      ['LAMP-DESK-BLK', 2, 4995, 1000, 1888],
      ['BULB-E27', 3, 450, 0, 284],
    ]);
    const [log] = await c.deliveries(ws.workspaceId);
    expect(log).toMatchObject({ status: 'processed', topic: 'orders/create', orderId: order!.id, payload: null });

    // Shopify sends the same event under a new webhook id when a retry crosses our answer: still one order.
    const retry = await c.shopify(sf.path, body, SECRET, { 'x-shopify-event-id': 'evt-create-1042' });
    expect(retry.json()).toEqual({ ok: true, duplicate: true });
    // A new event for the same unchanged order (a resend from the admin) is taken, and changes nothing.
    const resend = await c.shopify(sf.path, body, SECRET);
    expect(resend.json()).toEqual({ ok: true, queued: true });
    await c.work(ws.workspaceId);
    expect(await c.orders(ws, 'shopify')).toHaveLength(1);
    expect((await c.deliveries(ws.workspaceId)).at(-1)).toMatchObject({
      status: 'processed',
      outcome: 'Up to date: nothing to do',
    });
  });

  it('refuses a tampered body, a wrong secret, a missing or a malformed signature with 401, and writes nothing', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'shopify', secret: SECRET });
    const body = JSON.stringify(shopifyOrder());
    const tampered = body.replace('"49.95"', '"0.01"');
    const cases = [
      {
        name: 'tampered body',
        send: () => c.shopify(s.path, tampered, SECRET, { 'x-shopify-hmac-sha256': signBase64(body, SECRET) }),
      },
      { name: 'wrong secret', send: () => c.shopify(s.path, body, 'shpss_not-the-secret-of-this-shop') },
      { name: 'missing header', send: () => c.shopify(s.path, body, SECRET, { 'x-shopify-hmac-sha256': undefined }) },
      { name: 'hex digest', send: () => c.shopify(s.path, body, SECRET, { 'x-shopify-hmac-sha256': 'ab'.repeat(32) }) },
    ];
    for (const k of cases) {
      const r = await k.send();
      expect({ case: k.name, status: r.statusCode }).toEqual({ case: k.name, status: 401 });
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'UNAUTHENTICATED', errors: [{ field: 'header.X-Shopify-Hmac-Sha256' }] });
      expect(r.json().detail).toMatch(/X-Shopify-Hmac-Sha256/);
    }
    expect(await c.deliveries(w.workspaceId)).toHaveLength(0);
    expect(await c.orders(w, 'shopify')).toHaveLength(0);
  });

  it('refuses a delivery triggered more than 24 hours ago, and one from another shop', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, {
      name: 'Shop',
      platform: 'shopify',
      secret: SECRET,
      shopDomain: 'lampenwinkel.myshopify.com',
    });
    const body = JSON.stringify(shopifyOrder());
    const stale = await c.shopify(s.path, body, SECRET, { 'x-shopify-triggered-at': minutesAgo(24 * 60 + 5) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      errors: [{ field: 'header.X-Shopify-Triggered-At' }],
    });
    expect(stale.json().detail).toMatch(/more than 24 hours ago/);
    const other = await c.shopify(s.path, body, SECRET, { 'x-shopify-shop-domain': 'someone-else.myshopify.com' });
    expect(other.statusCode).toBe(401);
    expect(other.json().detail).toMatch(/someone-else\.myshopify\.com/);
    expect(await c.deliveries(w.workspaceId)).toHaveLength(0);
    // A retry within the window (Shopify retries for 4 hours) is taken.
    const late = await c.shopify(s.path, body, SECRET, { 'x-shopify-triggered-at': minutesAgo(23 * 60) });
    expect(late.statusCode).toBe(200);
  });

  it('moves an order through paid, fulfilled with tracking, and cancelled with the orders use cases', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'shopify', secret: SECRET });
    const send = async (topic: string, o: Json) => {
      const r = await c.shopify(s.path, JSON.stringify(o), SECRET, { 'x-shopify-topic': topic });
      expect(r.statusCode, r.body).toBe(200);
      await c.work(w.workspaceId);
      return (await c.deliveries(w.workspaceId)).at(-1)!;
    };
    const pending = shopifyOrder({ financial_status: 'pending', updated_at: minutesAgo(9) });
    await send('orders/create', pending);
    const [placed] = await c.orders(w, 'shopify');
    expect(placed!.status).toBe('placed');

    const paid = await send('orders/paid', { ...pending, financial_status: 'paid', updated_at: minutesAgo(8) });
    expect(paid).toMatchObject({ status: 'processed', outcome: 'paid' });
    let o = await c.order(w, placed!.id);
    expect(o).toMatchObject({ status: 'paid', paymentStatus: 'paid', paidMinor: 13353 });
    expect(o.payments).toHaveLength(1);

    const fulfillment = {
      id: 5550001,
      status: 'success',
      created_at: minutesAgo(5),
      tracking_company: 'PostNL',
      tracking_number: '3SLAMP000123',
      tracking_numbers: ['3SLAMP000123'],
      shipment_status: null,
      line_items: [
        { id: 14011220000001, sku: 'LAMP-DESK-BLK', quantity: 2 },
        { id: 14011220000002, sku: 'BULB-E27', quantity: 3 },
      ],
    };
    const shippedBody = {
      ...pending,
      financial_status: 'paid',
      fulfillment_status: 'fulfilled',
      fulfillments: [fulfillment],
      updated_at: minutesAgo(5),
    };
    const shipped = await send('orders/fulfilled', shippedBody);
    expect(shipped).toMatchObject({ status: 'processed', outcome: 'fulfilled, shipped PostNL 3SLAMP000123' });
    o = await c.order(w, placed!.id);
    expect(o.status).toBe('shipped');
    expect(o.shipments).toMatchObject([
      { trackingNumber: '3SLAMP000123', carrier: 'PostNL', reference: 'shopify:5550001' },
    ]);
    expect(o.lines.map((l: Json) => [l.fulfilledQty, l.shippedQty])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    // Timeline/history: every step left its mark.
    expect(o.history.map((h: Json) => h.type)).toEqual(['placed', 'paid', 'fulfilled', 'shipped']);

    // The same news again (orders/updated sent alongside) records no second shipment.
    await send('orders/updated', shippedBody);
    expect((await c.order(w, placed!.id)).shipments).toHaveLength(1);

    // An older body arriving late (the pending one) cannot undo what was applied.
    const late = await send('orders/updated', { ...pending, updated_at: minutesAgo(9) });
    expect(late).toMatchObject({ status: 'processed', outcome: 'Older than the state already applied: nothing to do' });
    expect((await c.order(w, placed!.id)).status).toBe('shipped');

    // Another order, cancelled at the storefront before it was fulfilled.
    const other = shopifyOrder({
      id: 5871230099999,
      name: '#1043',
      financial_status: 'pending',
      updated_at: minutesAgo(4),
    });
    await send('orders/create', other);
    const cancelled = await send('orders/cancelled', {
      ...other,
      cancelled_at: minutesAgo(2),
      cancel_reason: 'customer',
      financial_status: 'voided',
      updated_at: minutesAgo(2),
    });
    expect(cancelled).toMatchObject({ status: 'processed', outcome: 'cancelled' });
    const co = (await c.orders(w, 'shopify')).find((x) => x.externalId === '5871230099999')!;
    expect((await c.order(w, co.id)).status).toBe('cancelled');
  });

  it('takes an order placed before the connection existed as history: at its status, without stock steps', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'shopify', secret: SECRET });
    const old = fixtureJson<Json>('shopify-order.json');
    old.fulfillment_status = 'fulfilled';
    const r = await c.shopify(s.path, JSON.stringify(old), SECRET, { 'x-shopify-topic': 'orders/updated' });
    expect(r.statusCode).toBe(200);
    await c.work(w.workspaceId);
    const [o] = await c.orders(w, 'shopify');
    const full = await c.order(w, o!.id);
    expect(full).toMatchObject({ status: 'fulfilled', imported: true, placedAt: '2026-03-02T09:14:04.000Z' });
    expect(full.history.map((h: Json) => h.type)).toEqual(['placed']);
  });

  it('records other topics as ignored, and answers 404 for an unknown key or the other platform’s URL', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'shopify', secret: SECRET });
    const r = await c.shopify(s.path, '{"id":1,"title":"Lamp"}', SECRET, { 'x-shopify-topic': 'products/update' });
    expect(r.json()).toEqual({ ok: true, queued: false });
    expect(await c.deliveries(w.workspaceId)).toMatchObject([{ status: 'ignored', topic: 'products/update' }]);
    const unknown = await c.shopify('/p/storefronts/sf_nope/shopify', '{}', SECRET);
    expect(unknown.statusCode).toBe(404);
    const wrongPlatform = await c.shopify(s.path.replace(/shopify$/, 'woocommerce'), '{}', SECRET);
    expect(wrongPlatform.statusCode).toBe(404);
  });
});

describe('WooCommerce webhooks', async () => {
  const { app, db } = await testApp();
  const c = storefrontClient(app, db);
  const ws = await signUpWorkspace(app);
  const sf = await c.connect(ws, {
    name: 'Linnen & Co',
    platform: 'woocommerce',
    shopDomain: 'https://shop.example.com/',
  });
  const now = new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 19);
  /** The fixture's exact bytes (with WordPress's "\/" escapes), dated now so the order is live. */
  const raw = (id = 4711, status = 'processing', modified = now) =>
    fixtureText('woocommerce-order.wire.txt')
      .replace('"id":4711', `"id":${id}`)
      .replace('"number":"4711"', `"number":"${id}"`)
      .replace('"status":"processing"', `"status":"${status}"`)
      .replaceAll('2026-03-02T09:14:05', now)
      .replaceAll('2026-03-02T09:15:10', now)
      .replace('"date_modified_gmt":"2026-03-02T09:15:11"', `"date_modified_gmt":"${modified}"`);

  it('answers the ping WooCommerce sends when a webhook is saved, and writes nothing', async () => {
    const r = await app.inject({
      method: 'POST',
      url: sf.path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'WooCommerce/8.6.1 Hookshot (WordPress/6.4.3)',
      },
      payload: 'webhook_id=17',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, ping: true });
    expect(await c.deliveries(ws.workspaceId)).toHaveLength(0);
  });

  it('takes a signed order.created over its raw bytes once, and a replay does nothing', async () => {
    const body = raw();
    expect(body).toContain('https:\\/\\/shop.example.com');
    expect(sf.secret).toMatch(/^whsec_/);
    const delivery = { 'x-wc-webhook-delivery-id': 'c2f0d7b1e9a84d6f8e1b2a3c4d5e6f70' };
    const r = await c.woo(sf.path, body, sf.secret, delivery);
    expect(r.statusCode, r.body).toBe(200);
    await c.work(ws.workspaceId);
    const replay = await c.woo(sf.path, body, sf.secret, delivery);
    expect(replay.json()).toEqual({ ok: true, duplicate: true });
    const [order, ...more] = await c.orders(ws, 'woocommerce');
    expect(more).toHaveLength(0);
    expect(order).toMatchObject({ externalId: 'shop.example.com:4711', status: 'paid', totalMinor: 5341 });
    const full = await c.order(ws, order!.id);
    expect(full.lines.map((l: Json) => [l.title, l.quantity, l.unitPriceMinor, l.discountMinor, l.taxMinor])).toEqual([
      ['Linen apron', 1, 2479, 413, 434],
      ['Tea towel', 3, 551, 0, 347],
      ['Gift wrap', 1, 200, 0, 42],
    ]);
    expect(full.payments).toMatchObject([{ amountMinor: 5341, reference: 'pi_3OabcDEFghiJKL' }]);
  });

  it('takes two different orders sent with the same delivery id in the same second', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'woocommerce', shopDomain: 'shop.example.com' });
    // WooCommerce's delivery id is hash(webhook id + current second): two orders in one second share it.
    const sameSecond = { 'x-wc-webhook-delivery-id': '5d41402abc4b2a76b9719d911017c592' };
    expect((await c.woo(s.path, raw(5001), s.secret, sameSecond)).json()).toEqual({ ok: true, queued: true });
    expect((await c.woo(s.path, raw(5002), s.secret, sameSecond)).json()).toEqual({ ok: true, queued: true });
    await c.work(w.workspaceId);
    expect((await c.orders(w, 'woocommerce')).map((o) => o.externalId).sort()).toEqual([
      'shop.example.com:5001',
      'shop.example.com:5002',
    ]);
  });

  it('refuses a tampered body, a wrong secret and a missing signature with 401, and writes nothing', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, {
      name: 'Shop',
      platform: 'woocommerce',
      shopDomain: 'shop.example.com',
      secret: 'my woo secret 42',
    });
    const body = raw(6001);
    const good = signBase64(body, 'my woo secret 42');
    const cases = [
      {
        name: 'tampered body',
        send: () =>
          c.woo(s.path, body.replace('"total":"53.41"', '"total":"0.01"'), 'x', { 'x-wc-webhook-signature': good }),
      },
      { name: 'wrong secret', send: () => c.woo(s.path, body, 'another secret') },
      {
        name: 'missing header',
        send: () => c.woo(s.path, body, 'my woo secret 42', { 'x-wc-webhook-signature': undefined }),
      },
    ];
    for (const k of cases) {
      const r = await k.send();
      expect({ case: k.name, status: r.statusCode }).toEqual({ case: k.name, status: 401 });
      expect(r.json()).toMatchObject({ code: 'UNAUTHENTICATED', errors: [{ field: 'header.X-WC-Webhook-Signature' }] });
    }
    expect(await c.deliveries(w.workspaceId)).toHaveLength(0);
    expect(await c.orders(w, 'woocommerce')).toHaveLength(0);
  });

  it('order.updated moves the order: completed is fulfilled, cancelled cancels, an older update is not applied', async () => {
    const w = await signUpWorkspace(app);
    const s = await c.connect(w, { name: 'Shop', platform: 'woocommerce', shopDomain: 'shop.example.com' });
    const t = (m: number) => new Date(Date.now() - m * 60_000).toISOString().slice(0, 19);
    const send = async (body: string) => {
      const r = await c.woo(s.path, body, s.secret, {
        'x-wc-webhook-topic': 'order.updated',
        'x-wc-webhook-event': 'updated',
      });
      expect(r.statusCode, r.body).toBe(200);
      await c.work(w.workspaceId);
      return (await c.deliveries(w.workspaceId)).at(-1)!;
    };
    await send(raw(7001, 'processing', t(9)));
    const done = await send(raw(7001, 'completed', t(5)));
    expect(done).toMatchObject({ status: 'processed', outcome: 'fulfilled' });
    const [o] = await c.orders(w, 'woocommerce');
    expect(o!.status).toBe('fulfilled');
    const older = await send(raw(7001, 'processing', t(7)));
    expect(older.outcome).toBe('Older than the state already applied: nothing to do');

    await send(raw(7002, 'pending', t(9)));
    const cancel = await send(raw(7002, 'cancelled', t(3)));
    expect(cancel).toMatchObject({ status: 'processed', outcome: 'cancelled' });
    expect((await c.orders(w, 'woocommerce')).find((x) => x.externalId.endsWith(':7002'))!.status).toBe('cancelled');
  });
});
