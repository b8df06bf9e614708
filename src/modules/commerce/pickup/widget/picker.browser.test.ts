// The picker widget in a real browser, on a shop page of another origin than the server: CORS, the CSP of the
// shop, geolocation and the hand-over of the chosen point can only be checked there. Skipped without Chromium.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';

const CHROMIUM = '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe.skipIf(!fs.existsSync(CHROMIUM))('pickup picker widget in Chromium', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await testApp({ publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  const owner = await signUpWorkspace(t.app);
  const key = (await t.app.inject({ url: '/api/v1/workspace', headers: owner.bearer })).json().publicKey as string;
  const make = async (name: string, lat: number, lng: number) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/pickup-points',
        headers: owner.bearer,
        payload: {
          kind: 'own',
          name,
          address: { line1: `${name} 1`, city: 'Berlin', country: 'DE' },
          lat,
          lng,
          hoursText: '24/7',
        },
      })
    ).json() as { id: string };
  const near = await make('Near <img src=x onerror=alert(1)>', 52.5097, 13.3762);
  await make('Farther', 52.5219, 13.4132);
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/pickup-postcodes',
    headers: owner.bearer,
    payload: { country: 'DE', postcode: '10117', lat: 52.5163, lng: 13.3777 },
  });

  // The shop's checkout: another origin, a strict CSP of its own, the snippet pasted in, and its own listener.
  const site = http.createServer((req, res) => {
    if (req.url === '/shop.js') {
      res.setHeader('content-type', 'application/javascript');
      res.end(`document.addEventListener('freehold-pickup:select', (e) => {
        document.getElementById('picked').textContent = e.detail.name;
      });`);
      return;
    }
    res.setHeader('content-type', 'text/html');
    res.setHeader('content-security-policy', `default-src 'self'; script-src 'self' ${base}; connect-src ${base}`);
    res.end(`<!doctype html><html><body><h1>Checkout</h1><form id="checkout">
      <div id="freehold-pickup"></div><input type="hidden" name="pickup_point_id"></form><p id="picked"></p>
      <script src="/shop.js"></script>
      <script src="${base}/p/pickup/widget.js" data-key="${key}" data-country="DE" async></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
  const siteUrl = `http://localhost:${(site.address() as net.AddressInfo).port}/checkout`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((r) => site.close(r));
  });

  it('finds points by postcode and writes the chosen id into the checkout form', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(siteUrl);
    await page.fill('#freehold-pickup input[type=text]', '10117');
    await page.click('#freehold-pickup button[type=submit]');
    await page.waitForSelector('.fh-pickup-option');
    const names = await page.locator('.fh-pickup-option strong').allTextContents();
    expect(names).toEqual(['Near <img src=x onerror=alert(1)>', 'Farther']);
    expect(await page.locator('.fh-pickup-option img').count()).toBe(0);
    await page.click('.fh-pickup-option >> nth=0');
    expect(await page.inputValue('input[name=pickup_point_id]')).toBe(near.id);
    expect(await page.textContent('#picked')).toBe('Near <img src=x onerror=alert(1)>');

    await page.fill('#freehold-pickup input[type=text]', '99999');
    await page.click('#freehold-pickup button[type=submit]');
    await page.locator('.fh-pickup-status', { hasText: '99999' }).waitFor();
    expect(await page.locator('.fh-pickup-option').count()).toBe(0);
    // The 404 for the unknown postcode is logged by the browser; anything else is a problem.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  it('finds points from the browser’s location', async () => {
    const context = await browser.newContext({
      geolocation: { latitude: 52.5218, longitude: 13.4133 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(siteUrl);
    await page.click('.fh-pickup-locate');
    await page.waitForSelector('.fh-pickup-option');
    expect(await page.locator('.fh-pickup-option strong').allTextContents()).toEqual([
      'Farther',
      'Near <img src=x onerror=alert(1)>',
    ]);
    await context.close();
  });
});
