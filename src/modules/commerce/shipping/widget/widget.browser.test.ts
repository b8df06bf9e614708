// The widget in a real browser, on another origin than the server (CORS, the preflight, Cross-Origin-Resource-Policy
// and the CSP only show there). Skipped where Chromium is not installed (Debian package `chromium`).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';
import { shippingWorkspace } from '../test-helpers.ts';

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

describe.skipIf(!fs.existsSync(CHROMIUM))('quote widget in Chromium', async () => {
  const port = await freePort();
  const t = await testApp({ publicUrl: `http://127.0.0.1:${port}` });
  await t.app.listen({ port, host: '127.0.0.1' });
  const owner = await signUpWorkspace(t.app, 'Browser Shop');
  await shippingWorkspace(t.app, owner.bearer);
  const { snippet } = (await t.app.inject({ url: '/api/v1/shipping/widget', headers: owner.bearer })).json();
  const checkout = snippet.replace(
    'data-weight-grams="1000"',
    'data-weight-grams="1200" data-country="DE" data-select',
  );
  const site = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html lang="en-GB"><body><h1>Checkout</h1>${checkout}
      <script>document.addEventListener('freehold:shipping-option', (e) => { window.chosen = e.detail; });</script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((r) => site.close(r));
  });

  it('lists the options for a postcode and tells the page which one the shopper chose', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`http://localhost:${(site.address() as net.AddressInfo).port}/checkout`);
    await page.waitForSelector('select[name=country]', { timeout: 10_000 });
    expect(await page.locator('select[name=country]').inputValue()).toBe('DE');
    await page.fill('input[name=postcode]', '10115');
    await page.click('button[type=submit]');
    await page.waitForSelector('.fh-ship li');
    const items = await page.locator('.fh-ship li').allTextContents();
    expect(items[0]).toContain('Economy pickup');
    expect(items[0]).toContain('€3.30');
    expect(items.join(' ')).toContain('Cheapest');
    await page.locator('.fh-ship input[type=radio]').nth(1).check();
    const chosen = await page.evaluate(
      () => (globalThis as unknown as { chosen: { quoteId: string; optionId: string } }).chosen,
    );
    expect(chosen.optionId).toBe('o2');
    const stored = await t.app.inject({ url: `/api/v1/shipping/quotes/${chosen.quoteId}`, headers: owner.bearer });
    expect(stored.statusCode).toBe(200);
    expect(problems).toEqual([]);
  });
});
