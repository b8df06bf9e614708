// The embed in a real browser, on another origin than the server: CORS, the preflight, Cross-Origin-Resource-Policy
// and the CSP can only be checked there. Skipped where Chromium is not installed (Debian package `chromium`).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';
import { formSubmissions } from '../schema.ts';
import { makeList } from '../test-helpers.ts';

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

describe.skipIf(!fs.existsSync(CHROMIUM))('form embed in Chromium', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await testApp({ publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  const owner = await signUpWorkspace(t.app);
  const list = await makeList(t.db, owner.workspaceId, 'News', { doubleOptIn: true });
  const form = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: owner.bearer,
      payload: {
        name: 'Embed',
        title: 'Join us',
        fields: [
          { key: 'email', label: 'Email', required: true },
          { key: 'firstName', label: 'First name', required: true },
          { key: 'country', label: 'Country' },
        ],
        listIds: [list],
      },
    })
  ).json();
  // The customer's site: another origin (localhost vs 127.0.0.1, another port) with the snippet pasted in.
  const site = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html><body><h1>Shop</h1>${form.embedCode}</body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
  const siteUrl = `http://localhost:${(site.address() as net.AddressInfo).port}/landing?utm_source=fb&utm_campaign=launch`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((r) => site.close(r));
  });

  it('renders on another site, shows errors beside fields, and submits with the page’s utm', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      // The deliberate invalid submission below answers 400; anything else is a problem.
      if (m.type() === 'error' && !m.text().includes('status of 400')) problems.push(m.text());
    });
    await page.goto(siteUrl);
    await page.waitForSelector('input[name=email]', { timeout: 10_000 });
    expect(await page.locator('label[for$="-email"]').textContent()).toBe('Email *');

    await page.fill('input[name=email]', 'bad');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=email][aria-invalid=true]');
    const errors = (await page.locator('p.fh-err:not([hidden])').allTextContents()).filter(Boolean);
    expect(errors).toEqual(['Enter a valid email address, like name@example.com', 'First name is required']);

    await page.fill('input[name=email]', 'browser@example.com');
    await page.fill('input[name=firstName]', 'Bea');
    await page.selectOption('select[name=country]', 'NL');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=status]');
    expect(await page.locator('[role=status]').textContent()).toContain('Please check your inbox');
    const [sub] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.email, 'browser@example.com'));
    expect(sub?.utm).toEqual({ utm_source: 'fb', utm_campaign: 'launch' });
    expect(sub?.pageUrl).toBe(siteUrl);
    expect(problems).toEqual([]);
  });

  it('works as a hosted page, carrying utm parameters through the post', async () => {
    const page = await browser.newPage();
    await page.goto(`${form.hostedUrl}?utm_medium=qr`);
    await page.fill('#f-email', 'hosted@example.com');
    await page.fill('#f-firstName', 'Hal');
    await Promise.all([page.waitForURL(form.hostedUrl), page.click('button[type=submit]')]);
    expect(await page.locator('main').textContent()).toContain('Please check your inbox');
    const [sub] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.email, 'hosted@example.com'));
    expect(sub?.utm).toEqual({ utm_medium: 'qr' });
  });
});
