import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

describe('public pickup endpoints', async () => {
  const t = await testApp({}, { rateLimit: true });
  const ws = await signUpWorkspace(t.app, 'Public Pickup Co');
  const me = (await t.app.inject({ url: '/api/v1/workspace', headers: ws.bearer })).json();
  const key: string = me.publicKey;
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: ws.bearer, payload });
  await post('/api/v1/pickup-points', {
    kind: 'partner',
    name: 'Kiez <b>Café</b>',
    partner: { name: 'Kiez GmbH', email: 'secret-owner@kiez.example', phone: '+49 30 999' },
    address: { line1: 'Weserstr. 10', city: 'Berlin', postcode: '12047', country: 'DE', region: 'Berlin' },
    lat: 52.4867,
    lng: 13.4337,
    hoursText: '24/7',
    capacityPerDay: 7,
    fee: { amountMinor: 150 },
  });
  await post('/api/v1/pickup-points', {
    kind: 'own',
    name: 'Altona shop',
    address: { line1: 'Ottenser Hauptstr. 1', city: 'Hamburg', country: 'DE', region: 'Hamburg' },
    lat: 53.5526,
    lng: 9.9353,
  });
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/pickup-postcodes',
    headers: ws.bearer,
    payload: { country: 'DE', postcode: '12047', lat: 52.4869, lng: 13.4316, placeName: 'Berlin Neukölln' },
  });

  it('serves the picker widget: plain JS, small, cross-origin', async () => {
    const source = fs.readFileSync(fileURLToPath(new URL('./widget/picker.js', import.meta.url)));
    expect(zlib.gzipSync(source, { level: 9 }).length).toBeLessThan(4 * 1024);
    expect(source.toString()).not.toMatch(/^\s*(import|export)\s/m);
    expect(source.toString()).not.toContain('innerHTML');
    const r = await t.app.inject({ url: '/p/pickup/widget.js' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.body).toBe(source.toString());
  });

  it('answers nearest points by public key, without partner contacts or capacity', async () => {
    const r = await t.app.inject({ url: `/p/pickup/${key}/nearest.json?postcode=12047&country=DE` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const body = r.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ name: 'Kiez <b>Café</b>', partnerName: 'Kiez GmbH', openNow: true });
    expect(body.data[0].distanceKm).toBeLessThan(1);
    expect(r.body).not.toContain('secret-owner');
    expect(r.body).not.toContain('+49 30 999');
    expect(r.body).not.toContain('capacity');

    const unknown = await t.app.inject({ url: `/p/pickup/${key}/nearest.json?postcode=00000&country=DE` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('"00000"');
    expect((await t.app.inject({ url: '/p/pickup/pk_nope/nearest.json?lat=1&lng=1' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/p/pickup/${key}/nearest.json?lat=100&lng=1` })).statusCode).toBe(400);
  });

  it('renders the "collect near you" page by region, with a postcode search, escaped', async () => {
    const r = await t.app.inject({ url: `/p/pickup/${key}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('Collect near you — Public Pickup Co');
    expect(r.body.indexOf('Berlin, Germany')).toBeLessThan(r.body.indexOf('Hamburg, Germany'));
    expect(r.body).toContain('Kiez &lt;b&gt;Café&lt;/b&gt;');
    expect(r.body).not.toContain('<b>Café</b>');
    expect(r.body).not.toContain('secret-owner');
    expect(r.body).not.toMatch(/<script(?![^>]*src=)/);

    const s = await t.app.inject({ url: `/p/pickup/${key}?postcode=12047&country=DE` });
    expect(s.body).toContain('Nearest to 12047 (Berlin Neukölln)');
    expect(s.body).toMatch(/0\.\d km · open now/);
    const miss = await t.app.inject({ url: `/p/pickup/${key}?postcode=99999&country=DE` });
    expect(miss.statusCode).toBe(200);
    expect(miss.body).toContain('The postcode &quot;99999&quot; (DE) is not in');
    expect((await t.app.inject({ url: '/p/pickup/pk_nope' })).statusCode).toBe(404);
  });

  it('rate-limits the JSON per visitor and public key', async () => {
    const url = `/p/pickup/${key}/nearest.json?lat=52.5&lng=13.4`;
    let limited = 0;
    for (let i = 0; i < 125; i++) {
      const r = await t.app.inject({ url, remoteAddress: '10.9.9.9' });
      if (r.statusCode === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
    // Another visitor is not locked out by the first one.
    expect((await t.app.inject({ url, remoteAddress: '10.9.9.10' })).statusCode).toBe(200);
  });
});
