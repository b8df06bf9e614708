import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { launchBrowser, RESULTS_DIR, type Server, startServer } from './harness.ts';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

async function shot(p: Page, name: string) {
  await p.waitForTimeout(400);
  await p.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  context.on('page', (p) => {
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    p.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function recordFailure(name: string) {
  onTestFailed(async () => {
    await page.screenshot({ path: path.join(RESULTS_DIR, `failed-${name}.png`) }).catch(() => undefined);
    console.error(
      `${name} failed at ${page.url()}\n${problems.join('\n')}\n--- server log ---\n${server.log().slice(-4000)}`,
    );
  });
}

/** The outbox page's subjects, newest first, after a reload (the worker sends in the background). */
async function outboxSubjects(): Promise<string[]> {
  await page.goto(`${server.baseUrl}/audience/outbox`);
  await page.getByRole('heading', { name: 'Outbox' }).waitFor();
  await page.waitForLoadState('networkidle');
  return page.locator('tbody tr td:first-child').allInnerTexts();
}

describe('Audience in a real browser', () => {
  test('a form on its hosted page, double opt-in by the emailed link, the welcome flow’s first email', async () => {
    recordFailure('audience');
    const base = server.baseUrl;

    await page.goto(`${base}/audience/lists`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Lumen Studio');
    await page.getByLabel('Your name').fill('Ana Ionescu');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL('**/contacts');

    // A list (double opt-in is the default).
    await page.goto(`${base}/audience/lists`);
    await page.getByRole('button', { name: 'New list' }).first().click();
    await page.getByLabel('Name').fill('Monthly newsletter');
    expect(await page.getByRole('switch', { name: /Double opt-in/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Monthly newsletter' }).waitFor();

    // The ready-made welcome flow, switched on.
    await page.getByRole('link', { name: 'Flows' }).click();
    await page.getByRole('button', { name: 'Use this flow' }).first().click();
    await page.waitForURL(/\/audience\/flows\/[0-9a-f-]{36}$/);
    await page.getByText('Welcome email').first().waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('The flow is active', { exact: false }).first().waitFor();
    await shot(page, 'e2e-audience-01-flow');

    // Build the form: the list, a consent text.
    await page.getByRole('link', { name: 'Forms' }).click();
    await page.getByRole('button', { name: 'New form' }).first().click();
    await page.getByLabel('Form name').fill('Newsletter sign-up');
    await page.getByLabel('Form name').press('Enter');
    await page.waitForURL(/\/audience\/forms\/[0-9a-f-]{36}$/);
    await page.getByPlaceholder('Pick lists').click();
    await page.getByRole('option', { name: 'Monthly newsletter' }).click();
    await page.keyboard.press('Escape');
    await page
      .getByLabel('Consent text')
      .fill('I agree to receive the monthly newsletter. I can unsubscribe at any time.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await shot(page, 'e2e-audience-02-form-builder');
    await page.getByRole('tab', { name: 'Share' }).click();
    const hosted = await page.locator('a[href*="/p/f/"]').first().getAttribute('href');
    expect(hosted).toMatch(/\/p\/f\/[A-Za-z0-9_-]+$/);

    // A visitor signs up on the hosted page.
    const visitor = await context.newPage();
    await visitor.goto(new URL(hosted!, base).toString());
    await visitor.getByLabel('Email').fill('mira@example.org');
    await visitor.getByLabel('First name').fill('Mira');
    await visitor.getByText('I agree to receive the monthly newsletter').waitFor();
    await visitor.getByRole('button', { name: 'Subscribe' }).click();
    await visitor.getByText('Please check your inbox').waitFor();
    await shot(visitor, 'e2e-audience-03-hosted-form');

    // No SMTP server: the confirmation waits in the outbox. Its link confirms.
    await expect
      .poll(outboxSubjects, { timeout: 30_000, interval: 1000 })
      .toContain('Please confirm your subscription to Lumen Studio');
    await page.getByRole('button', { name: /Open message: Please confirm/ }).click();
    const confirmHref = await page
      .frameLocator('iframe')
      .locator('a[href*="/p/confirm/"]')
      .first()
      .getAttribute('href');
    expect(confirmHref).toBeTruthy();
    await visitor.goto(confirmHref!);
    await visitor.getByText('You are subscribed').waitFor();

    // The contact is subscribed to the list…
    await page.goto(`${base}/audience/lists`);
    await page.getByRole('link', { name: 'Monthly newsletter' }).click();
    const row = page.locator('tbody tr', { hasText: 'mira@example.org' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Subscribed');
    await shot(page, 'e2e-audience-04-list');

    // …and the welcome flow's first email is in the outbox.
    await expect.poll(outboxSubjects, { timeout: 30_000, interval: 1000 }).toContain('Welcome to Lumen Studio, Mira');
    await shot(page, 'e2e-audience-05-outbox');
    expect(problems).toEqual([]);
  });
});
