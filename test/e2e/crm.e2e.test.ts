import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { launchBrowser, RESULTS_DIR, type Server, startServer } from './harness.ts';

// A small trade-show export: the kind of file the import screen is for. "Booth remark" is a column the
// suggestion does not know, so the test maps it by hand.
const CSV = [
  'First name,Last name,E-mail,Mobile,Country,Company,Booth remark',
  'John,Smith,john.smith@brightlamps.example,+44 7911 123456,GB,Bright Lamps Ltd,Wants 200 brass pendants',
  'Maria,Popescu,maria@luminacasei.example,+40 721 234 567,RO,Lumina Casei SRL,Asked for the catalogue',
  'Péter,Kovács,peter.kovacs@fenyhaz.example,+36 20 123 4567,HU,Fényház Kft.,Distributor for Hungary',
].join('\r\n');

const NOTE = 'Called after the fair: send the FOB quote by Friday.';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

async function shot(name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** On failure: a screenshot of where it stopped, and the browser's and server's complaints. */
function recordFailure(name: string) {
  onTestFailed(async () => {
    await page.screenshot({ path: path.join(RESULTS_DIR, `failed-${name}.png`) }).catch(() => undefined);
    console.error(
      `${name} failed at ${page.url()}\n${problems.join('\n')}\n--- server log ---\n${server.log().slice(-4000)}`,
    );
  });
}

describe('CRM in a real browser', () => {
  test('setup, import with mapping, fuzzy search, note on the timeline', async () => {
    recordFailure('crm');
    const base = server.baseUrl;

    // First start: any page leads to the setup screen.
    await page.goto(`${base}/contacts`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Canton Lighting Co');
    await page.getByLabel('Your name').fill('Ana Ionescu');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL('**/contacts');
    await expect.poll(() => page.getByText('No contacts yet').isVisible()).toBe(true);

    // Import: upload, check the mapping screen, adjust one column, start, wait for the end.
    await page.getByRole('link', { name: 'Import a CSV' }).click();
    await page.waitForURL('**/imports/new');
    await page.locator('input[type=file]').setInputFiles({
      name: 'canton-fair-2026.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByText('Match the columns').waitFor();
    const remark = page.getByRole('textbox', { name: 'Field for column Booth remark' });
    await expect.poll(() => remark.inputValue()).toBe("Don't import");
    expect(await page.getByRole('textbox', { name: 'Field for column E-mail' }).inputValue()).toBe('Email');
    await remark.click();
    await page.getByRole('option', { name: 'Note', exact: true }).click();
    expect(await remark.inputValue()).toBe('Note');
    await page.getByLabel('Source').fill('Trade show: Canton Fair 2026');
    await page.getByText('Recorded as channel “Trade show”, source “Canton Fair 2026”').waitFor();
    await shot('e2e-01-import-mapping');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText('Import finished').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('stat-Created').textContent()).toBe('3');
    await shot('e2e-02-import-done');

    // Fuzzy search with two typos, reached with the "/" shortcut.
    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await page.waitForURL('**/contacts');
    await page.locator('tbody tr').first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('Jonh Smiht');
    // The box writes the URL after a pause; then the list shows what the server found for the misspelling.
    await page.waitForURL(/q=Jonh(\+|%20)Smiht/);
    await expect.poll(() => page.getByRole('row', { name: 'Maria Popescu' }).count(), { timeout: 15_000 }).toBe(0);
    const row = page.getByRole('row', { name: 'John Smith' });
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('tbody tr').first().getAttribute('aria-label')).toBe('John Smith');
    await shot('e2e-03-fuzzy-search');
    await row.click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'John Smith' }).waitFor();
    // The mapped "Booth remark" column became a note; the source label became the attribution.
    await page.getByText('Wants 200 brass pendants').waitFor();
    await expect.poll(() => page.getByText('Trade show: Canton Fair 2026').first().isVisible()).toBe(true);

    // A note written in the composer appears on the timeline.
    await page.getByRole('textbox', { name: /Write a note/ }).fill(NOTE);
    await page.getByRole('button', { name: 'Add note' }).click();
    const entry = page.locator('li[data-kind="note"]').filter({ hasText: NOTE });
    await entry.waitFor({ timeout: 15_000 });
    await shot('crm-e2e');

    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
  });

  test('tour: demo workspace, board, my day, settings, right-to-left', async () => {
    recordFailure('tour');
    const base = server.baseUrl;
    // A second workspace through the header switcher, filled with demo data.
    await page.goto(`${base}/contacts`);
    await page.getByRole('button', { name: 'Switch workspace' }).click();
    await page.getByRole('menuitem', { name: 'Create workspace' }).click();
    await page.getByLabel('Workspace name').fill('Demo Lamps');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.locator('tbody tr').nth(3).waitFor({ timeout: 30_000 });
    await shot('tour-01-contacts');

    await page.locator('tbody tr').first().click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.locator('li[data-kind]').first().waitFor();
    await shot('tour-02-contact');

    await page.goto(`${base}/deals`);
    await page.locator('[data-deal-id]').first().waitFor();
    await shot('tour-03-deals');

    // Drag a deal onto "Won": the board asks why, then the deal stays in the won column.
    const won = page.locator('[data-stage-kind="won"]');
    await won.scrollIntoViewIfNeeded();
    const card = page.locator('[data-stage-kind="open"]').last().locator('[data-deal-id]').first();
    const dealId = await card.getAttribute('data-deal-id');
    const wonBefore = await won.locator('[data-deal-id]').count();
    const from = await card.boundingBox();
    const to = await won.boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + 40, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 20 });
    await page.mouse.up();
    await page.getByRole('dialog', { name: 'Deal won' }).waitFor();
    await page.getByRole('button', { name: 'Best price' }).click();
    await page.getByRole('button', { name: 'Mark won' }).click();
    await expect.poll(() => won.locator(`[data-deal-id="${dealId}"]`).count()).toBe(1);
    await page.reload();
    await page.locator('[data-deal-id]').first().waitFor();
    expect(await won.locator('[data-deal-id]').count()).toBe(wonBefore + 1);

    await page.goto(`${base}/tasks`);
    await page.waitForLoadState('networkidle');
    await shot('tour-04-my-day');

    await page.goto(`${base}/imports`);
    await page.waitForLoadState('networkidle');
    await shot('tour-05-imports');

    await page.goto(`${base}/settings/pipelines`);
    await page.waitForLoadState('networkidle');
    await shot('tour-06-settings');

    // Right-to-left: Hebrew flips the layout and <html dir>.
    await page.goto(`${base}/settings/preferences`);
    await page.getByRole('textbox', { name: 'Language' }).click();
    await page.getByRole('option', { name: /עברית/ }).click();
    await expect.poll(() => page.evaluate<string>('document.documentElement.dir')).toBe('rtl');
    await page.goto(`${base}/contacts`);
    await page.locator('tbody tr').first().waitFor();
    await shot('tour-07-contacts-rtl');
    await page.goto(`${base}/deals`);
    await page.locator('[data-deal-id]').first().waitFor();
    await shot('tour-08-deals-rtl');
    const navBox = await page.locator('nav[aria-label="Main navigation"]').boundingBox();
    // In RTL the navigation sits on the right.
    expect(navBox && navBox.x > 700).toBe(true);
    await page.evaluate("localStorage.setItem('freehold.language', 'en')");
  });
});
