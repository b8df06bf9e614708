import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';
import { shippingWorkspace } from '../test-helpers.ts';

describe('quote widget: script and public endpoints', async () => {
  // Rate limits on, as in production: the public quote endpoint is limited per address and key.
  const t = await testApp({}, { rateLimit: true });
  const owner = await signUpWorkspace(t.app, 'Widget Shop');
  await shippingWorkspace(t.app, owner.bearer);
  const info = (await t.app.inject({ url: '/api/v1/shipping/widget', headers: owner.bearer })).json();
  const key: string = info.publicKey;

  it('is plain JS under 5 KB gzipped, served cross-origin, with a snippet to copy', async () => {
    const source = fs.readFileSync(fileURLToPath(new URL('./widget.js', import.meta.url)));
    expect(zlib.gzipSync(source, { level: 9 }).length).toBeLessThan(5 * 1024);
    expect(source.toString()).not.toMatch(/^\s*(import|export)\s/m);
    expect(source.toString()).not.toContain('innerHTML');
    const r = await t.app.inject({ url: '/p/shipping/widget.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(r.body).toBe(source.toString());
    expect(info.snippet).toBe(
      `<div data-freehold-shipping="${key}" data-weight-grams="1000"></div>\n<script src="http://localhost:3000/p/shipping/widget.js" async></script>`,
    );
    expect(info.countries).toEqual(['AT', 'DE']);
  });

  it('answers the countries and quotes by public key, without the breakdown', async () => {
    const c = await t.app.inject({ url: `/p/shipping/${key}/config` });
    expect(c.json()).toEqual({ countries: ['AT', 'DE'], currency: 'EUR' });
    expect(c.headers['access-control-allow-origin']).toBe('*');
    const q = await t.app.inject({
      method: 'POST',
      url: `/p/shipping/${key}/quotes`,
      payload: { destination: { country: 'DE', postcode: '10115' }, parcels: [{ weightGrams: 1000 }] },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.headers['access-control-allow-origin']).toBe('*');
    const body = q.json();
    expect(body.options[0]).toEqual({
      id: 'o1',
      tags: expect.any(Array),
      carrierName: 'Tariff Express',
      serviceName: expect.any(String),
      serviceKind: expect.any(String),
      priceMinor: expect.any(Number),
      freeShipping: false,
      eta: { earliest: expect.any(String), latest: expect.any(String) },
    });
    expect(q.body).not.toContain('breakdown');
    // The quote is stored like any other: the shop's checkout can hand quoteId and optionId to the order.
    const stored = await t.app.inject({ url: `/api/v1/shipping/quotes/${body.quoteId}`, headers: owner.bearer });
    expect(stored.json()).toMatchObject({
      source: 'widget',
      options: expect.arrayContaining([expect.objectContaining({ id: 'o1' })]),
    });
  });

  it('names a bad country, answers 404 for an unknown key, and allows the preflight', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `/p/shipping/${key}/quotes`,
      payload: { destination: { country: 'ZZ' }, parcels: [{ weightGrams: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['access-control-allow-origin']).toBe('*');
    expect(bad.json().errors[0]).toEqual({
      field: 'body.destination.country',
      message: '"ZZ" is not an ISO 3166 country code like DE or FR',
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/p/shipping/pk_nope/quotes',
      payload: { destination: { country: 'DE' }, parcels: [{ weightGrams: 1 }] },
    });
    expect(unknown.statusCode).toBe(404);
    const pre = await t.app.inject({ method: 'OPTIONS', url: `/p/shipping/${key}/quotes` });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
  });

  it('limits quotes per address and key (60 a minute)', async () => {
    const other = await signUpWorkspace(t.app, 'Other Shop');
    const otherKey = (await t.app.inject({ url: '/api/v1/shipping/widget', headers: other.bearer })).json().publicKey;
    const send = (k: string) =>
      t.app.inject({
        method: 'POST',
        url: `/p/shipping/${k}/quotes`,
        remoteAddress: '203.0.113.9',
        payload: { destination: { country: 'DE' }, parcels: [{ weightGrams: 500 }] },
      });
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await send(key)).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 201)).toBe(true);
    expect(codes[60]).toBe(429);
    // Another shop's allowance is its own.
    expect((await send(otherKey)).statusCode).toBe(201);
  });
});
