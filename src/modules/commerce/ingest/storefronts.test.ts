import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { fixtureJson, fixtureText, storefrontClient } from './test-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers and bodies are read freely in tests.
type Json = Record<string, any>;

describe('storefront connections', async () => {
  const { app, db } = await testApp();
  const c = storefrontClient(app, db);
  const call = (who: { bearer: Record<string, string> }, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, headers: who.bearer, ...(payload ? { payload: payload as Json } : {}) });

  it('needs Shopify’s secret and WooCommerce’s shop host, makes a WooCommerce secret, and lists only hints', async () => {
    const ws = await signUpWorkspace(app);
    const noSecret = await call(ws, 'POST', '/api/v1/storefronts', { name: 'S', platform: 'shopify' });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().errors).toEqual([
      { field: 'secret', message: "is required for Shopify: paste the app's client secret" },
    ]);
    const noHost = await call(ws, 'POST', '/api/v1/storefronts', { name: 'W', platform: 'woocommerce' });
    expect(noHost.json().errors).toEqual([
      { field: 'shopDomain', message: 'is required for WooCommerce (e.g. shop.example.com)' },
    ]);
    const badHost = await call(ws, 'POST', '/api/v1/storefronts', {
      name: 'W',
      platform: 'woocommerce',
      shopDomain: 'not a host',
    });
    expect(badHost.statusCode).toBe(400);
    expect(badHost.json().errors[0].field).toBe('body.shopDomain');

    const woo = await call(ws, 'POST', '/api/v1/storefronts', {
      name: 'Linnen & Co',
      platform: 'woocommerce',
      shopDomain: 'https://Shop.Example.com/winkel/',
    });
    expect(woo.statusCode).toBe(201);
    const w = woo.json();
    expect(w).toMatchObject({ platform: 'woocommerce', shopDomain: 'shop.example.com' });
    expect(w.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(w.webhookUrl).toMatch(/^http:\/\/localhost:3000\/p\/storefronts\/sf_[A-Za-z0-9_-]{24}\/woocommerce$/);
    expect(w.webhookUrl).not.toContain(ws.workspaceId);

    const list = await call(ws, 'GET', '/api/v1/storefronts');
    expect(list.body).not.toContain(w.secret);
    expect(list.json().data).toMatchObject([{ id: w.id, secretHint: `…${w.secret.slice(-4)}` }]);
    expect((await call(ws, 'GET', `/api/v1/storefronts/${w.id}`)).json().secret).toBe(w.secret);
  });

  it('a replaced secret takes effect at once; a disconnected storefront’s URL answers 404', async () => {
    const ws = await signUpWorkspace(app);
    const s = await c.connect(ws, { name: 'Shop', platform: 'shopify', secret: 'first-secret-123' });
    const body = JSON.stringify(fixtureJson('shopify-order.json'));
    expect((await c.shopify(s.path, body, 'first-secret-123')).statusCode).toBe(200);
    const patched = await call(ws, 'PATCH', `/api/v1/storefronts/${s.id}`, {
      name: 'Renamed',
      secret: 'second-secret-456',
    });
    expect(patched.json()).toMatchObject({ name: 'Renamed', secret: 'second-secret-456' });
    expect((await c.shopify(s.path, body, 'first-secret-123')).statusCode).toBe(401);
    expect((await c.shopify(s.path, body, 'second-secret-456')).statusCode).toBe(200);
    expect((await call(ws, 'DELETE', `/api/v1/storefronts/${s.id}`)).statusCode).toBe(204);
    expect((await c.shopify(s.path, body, 'second-secret-456')).statusCode).toBe(404);
    expect(await c.deliveries(ws.workspaceId)).toHaveLength(0);
  });

  it('a WooCommerce shop host cannot change once deliveries came in', async () => {
    const ws = await signUpWorkspace(app);
    const s = await c.connect(ws, { name: 'W', platform: 'woocommerce', shopDomain: 'shop.example.com' });
    expect(
      (await call(ws, 'PATCH', `/api/v1/storefronts/${s.id}`, { shopDomain: 'other.example.com' })).statusCode,
    ).toBe(200);
    await c.woo(s.path, fixtureText('woocommerce-order.wire.txt'), s.secret);
    const r = await call(ws, 'PATCH', `/api/v1/storefronts/${s.id}`, { shopDomain: 'third.example.com' });
    expect(r.statusCode).toBe(409);
    expect(r.json().errors).toEqual([{ field: 'shopDomain', message: 'cannot change after deliveries' }]);
  });

  it('a live order the stock cannot hold fails its delivery with the SKU named; after receiving stock, a retry takes it', async () => {
    const ws = await signUpWorkspace(app);
    const product = await call(ws, 'POST', '/api/v1/products', {
      title: 'Desk lamp',
      variants: [{ sku: 'LAMP-DESK-BLK', title: 'Black', prices: [{ currency: 'EUR', amountMinor: 4995 }] }],
    });
    expect(product.statusCode, product.body).toBe(201);
    const variantId = product.json().variants[0].id;
    const loc = await call(ws, 'POST', '/api/v1/stock-locations', { name: 'Warehouse', kind: 'warehouse' });
    expect(loc.statusCode, loc.body).toBe(201);
    const receive = (quantity: number) =>
      call(ws, 'POST', `/api/v1/stock-locations/${loc.json().id}/receive`, { lines: [{ variantId, quantity }] });
    expect((await receive(1)).statusCode).toBeLessThan(300);

    const s = await c.connect(ws, { name: 'Shop', platform: 'shopify', secret: 'lamp-secret-123' });
    const o = fixtureJson<Json>('shopify-order.json');
    o.created_at = o.processed_at = new Date(Date.now() - 60_000).toISOString();
    const r = await c.shopify(s.path, JSON.stringify(o), 'lamp-secret-123');
    expect(r.statusCode).toBe(200);
    await c.work(ws.workspaceId);
    const [failed] = await c.deliveries(ws.workspaceId);
    expect(failed!.status).toBe('failed');
    expect(failed!.error).toMatch(/LAMP-DESK-BLK/);
    expect(failed!.payload).not.toBeNull();
    expect(await c.orders(ws, 'shopify')).toHaveLength(0);

    expect((await receive(5)).statusCode).toBeLessThan(300);
    const retry = await call(ws, 'POST', `/api/v1/storefronts/${s.id}/deliveries/${failed!.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.json()).toMatchObject({ status: 'queued', error: null });
    await c.work(ws.workspaceId);
    const [done] = await c.deliveries(ws.workspaceId);
    expect(done).toMatchObject({ status: 'processed', outcome: 'created (paid)', payload: null });
    const order = await c.order(ws, done!.orderId!);
    expect(order.lines[0]).toMatchObject({ sku: 'LAMP-DESK-BLK', variantId, allocations: [{ quantity: 2 }] });
    const again = await call(ws, 'POST', `/api/v1/storefronts/${s.id}/deliveries/${failed!.id}/retry`);
    expect(again.statusCode).toBe(409);

    const log = await call(ws, 'GET', `/api/v1/storefronts/${s.id}/deliveries`);
    expect(log.json().data).toMatchObject([{ id: failed!.id, status: 'processed', orderId: order.id }]);
    expect(log.body).not.toContain('payload');
  });
});
