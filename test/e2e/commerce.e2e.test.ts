import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { launchBrowser, RESULTS_DIR, type Server, startServer } from './harness.ts';

// A small rate card in the documented layout (docs/commerce/shipping.md): one carrier, two home-delivery services —
// a cheap slow one and a dear fast one — priced in Germany and France. At 1 kg: economy €4.90 (DE) / €9.90 (FR),
// express €12.50 (DE) / €24.00 (FR). Express is always there sooner, so the ranking is economy first (cheapest,
// and best value on a tie of scores), express second (fastest).
const COLUMNS = [
  'type',
  'service',
  'zone',
  'country',
  'min_kg',
  'max_kg',
  'price',
  'transit_min',
  'transit_max',
  'cutoff',
  'name',
  'kind',
  'key',
  'value',
] as const;
type Cells = Partial<Record<(typeof COLUMNS)[number], string>>;
const csvRow = (cells: Cells) => COLUMNS.map((c) => cells[c] ?? '').join(',');
const rate = (service: string, zone: string, min: string, max: string, price: string) =>
  csvRow({ type: 'rate', service, zone, min_kg: min, max_kg: max, price });

const cardRows = (economyDeSecondBand: string) => [
  COLUMNS.join(','),
  csvRow({ type: 'setting', key: 'currency', value: 'EUR' }),
  csvRow({
    type: 'service',
    service: 'economy',
    transit_min: '3',
    transit_max: '5',
    cutoff: '16:00',
    name: 'Economy',
    kind: 'home',
  }),
  csvRow({
    type: 'service',
    service: 'express',
    transit_min: '1',
    transit_max: '1',
    cutoff: '16:00',
    name: 'Express',
    kind: 'home',
  }),
  csvRow({ type: 'zone', zone: 'DE', country: 'DE' }),
  csvRow({ type: 'zone', zone: 'FR', country: 'FR' }),
  rate('economy', 'DE', '0', '5', '4.90'),
  rate('economy', 'DE', economyDeSecondBand, '20', '7.90'),
  rate('economy', 'FR', '0', '5', '9.90'),
  rate('economy', 'FR', '5', '20', '14.90'),
  csvRow({ type: 'transit', service: 'economy', zone: 'FR', transit_min: '4', transit_max: '6' }),
  rate('express', 'DE', '0', '5', '12.50'),
  rate('express', 'DE', '5', '20', '16.50'),
  rate('express', 'FR', '0', '5', '24.00'),
  rate('express', 'FR', '5', '20', '32.00'),
  csvRow({ type: 'transit', service: 'express', zone: 'FR', transit_min: '1', transit_max: '2' }),
];
const GOOD_CARD = cardRows('5').join('\r\n');
// The second economy band in Germany starts at 6 kg: 5–6 kg would be priced by nothing, so the card is refused.
const GAP_CARD = cardRows('6').join('\r\n');
const GAP_LINE = cardRows('6').findIndex((r) => r.startsWith('rate,economy,DE,,6,')) + 1;

const CARRIER = 'Rhein Parcel';
const TRACKING = 'RP004512378FR';

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
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
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

/** Picks a country in a searchable Mantine select by typing part of its name. */
async function pickCountry(input: Locator, typed: string, option: string) {
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
  await expect.poll(() => input.inputValue()).toBe(option);
}

type ShownOption = { rank: string; service: string; tags: string[]; price: string };

/** The calculator's result rows as a person reads them: rank, "carrier · service", tag badges, price. */
async function shownOptions(): Promise<ShownOption[]> {
  const rows = page.getByRole('table', { name: 'Delivery options' }).locator('tr[data-option]');
  const out: ShownOption[] = [];
  for (const row of await rows.all()) {
    const cells = row.locator('td');
    out.push({
      rank: ((await cells.nth(0).textContent()) ?? '').trim(),
      service: ((await cells.nth(1).locator('p').first().textContent()) ?? '').trim(),
      // textContent: the badges' words as written (CSS shows them in capitals).
      tags: (await cells.nth(1).locator('.mantine-Badge-root').allTextContents()).map((s) => s.trim()),
      price: ((await cells.nth(3).textContent()) ?? '').trim(),
    });
  }
  return out;
}

type QuoteAnswer = { id: string; options: { id: string; serviceName: string; priceMinor: number }[] };

/** Presses "Quote" and returns the API's answer the page received (the test then reads what the table shows). */
async function quote(): Promise<QuoteAnswer> {
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/shipping/quotes') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Quote', exact: true }).click();
  const res = await answer;
  expect(res.status()).toBe(201);
  return (await res.json()) as QuoteAnswer;
}

describe('Commerce in a real browser', () => {
  test('rate card import and ranked quotes; an API order fulfilled and shipped in the UI, on the customer’s timeline', async () => {
    recordFailure('commerce');
    const base = server.baseUrl;

    // First start: set up the workspace.
    await page.goto(`${base}/commerce/shipping`);
    await page.waitForURL('**/setup');
    await page.getByLabel('Workspace name').fill('Rhine Lamps');
    await page.getByLabel('Your name').fill('Ana Ionescu');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL('**/contacts');

    // An API key for the webshop, created in the settings; the key is shown once.
    await page.goto(`${base}/settings/api-keys`);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'Create API key' });
    await keyDialog.getByLabel('Name').fill('Webshop');
    await keyDialog.getByRole('button', { name: 'Create', exact: true }).click();
    const keyBox = keyDialog.getByRole('textbox', { name: 'API key' });
    await keyBox.waitFor();
    const apiKey = await keyBox.inputValue();
    expect(apiKey.length).toBeGreaterThan(20);
    await keyDialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('cell', { name: 'Webshop' }).waitFor();

    // A carrier priced by rate cards.
    await page.goto(`${base}/commerce/shipping`);
    await page.getByText('No carriers yet').waitFor();
    await page.getByRole('button', { name: 'New carrier' }).click();
    const carrierDialog = page.getByRole('dialog', { name: 'New carrier' });
    await carrierDialog.getByLabel('Name').fill(CARRIER);
    await carrierDialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: CARRIER }).waitFor();
    await page.getByText('No rate card yet').waitFor();

    // A card with a gap in its weight bands is refused whole, the problem named by line and column.
    await page.getByRole('button', { name: 'Import rate card' }).click();
    const importDialog = page.getByRole('dialog', { name: `Import a rate card for ${CARRIER}` });
    const fileInput = importDialog.locator('input[type=file]');
    await fileInput.setInputFiles({ name: 'rhein-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(GAP_CARD) });
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog.getByText('1 problem: nothing was imported').waitFor();
    const issue = importDialog.getByRole('row', { name: /gap: economy in DE/ });
    expect(await issue.locator('td').allInnerTexts()).toEqual([
      String(GAP_LINE),
      'min_kg',
      `gap: economy in DE prices nothing from 5 kg (line ${GAP_LINE - 1}) to 6 kg`,
    ]);
    await shot('e2e-commerce-01-card-refused');

    // The corrected card: checked first, then imported as version 1.
    await fileInput.setInputFiles({ name: 'rhein-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CARD) });
    await importDialog.getByRole('button', { name: 'Check', exact: true }).click();
    await importDialog.getByText('The file is valid').waitFor();
    await importDialog.getByText('New services: economy, express').waitFor();
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog.waitFor({ state: 'hidden' });
    await page.getByText(/Version 1 active · EUR · 2 zones · 2 services/).waitFor();
    await page.getByRole('cell', { name: 'Economy', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Express', exact: true }).waitFor();
    await shot('e2e-commerce-02-carrier');

    // The calculator: 1 kg to Germany, then to France. Cheapest first; express is the fastest.
    await page.getByRole('tab', { name: 'Calculator' }).click();
    const country = page.getByRole('textbox', { name: 'Country' });
    await pickCountry(country, 'Germ', 'Germany (DE)');
    await page.getByLabel('Postcode').fill('10115');
    expect(await page.getByLabel('Weight (kg)').inputValue()).toBe('1');
    const toGermany = await quote();
    await expect.poll(shownOptions).toEqual([
      { rank: '1', service: `${CARRIER} · Economy`, tags: ['Cheapest', 'Best value'], price: '€4.90' },
      { rank: '2', service: `${CARRIER} · Express`, tags: ['Fastest'], price: '€12.50' },
    ]);
    expect(toGermany.options.map((o) => o.priceMinor)).toEqual([490, 1250]);
    await shot('e2e-commerce-03-quote-germany');

    await pickCountry(country, 'Fran', 'France (FR)');
    await page.getByLabel('Postcode').fill('69002');
    const toFrance = await quote();
    await expect.poll(shownOptions).toEqual([
      { rank: '1', service: `${CARRIER} · Economy`, tags: ['Cheapest', 'Best value'], price: '€9.90' },
      { rank: '2', service: `${CARRIER} · Express`, tags: ['Fastest'], price: '€24.00' },
    ]);
    // The two destinations are priced by their own zones.
    expect(toFrance.options.map((o) => o.priceMinor)).toEqual([990, 2400]);
    // The breakdown of the cheapest option: the band's price, nothing else on this card.
    await page.getByRole('button', { name: 'Price breakdown' }).first().click();
    const baseLine = page.getByRole('cell', { name: 'Base rate', exact: true });
    await baseLine.waitFor();
    expect(await baseLine.locator('xpath=following-sibling::td').textContent()).toBe('€9.90');
    await shot('e2e-commerce-04-quote-france');

    // The webshop places an order through the API, with the economy option the customer was quoted for France.
    const economyFr = toFrance.options.find((o) => o.serviceName === 'Economy');
    expect(economyFr).toBeDefined();
    const orderRequest = {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'api',
        externalId: 'webshop-5001',
        currency: 'EUR',
        customer: { email: 'lea.martin@example.fr', firstName: 'Léa', lastName: 'Martin' },
        lines: [
          { title: 'Brass pendant lamp', quantity: 2, unitPriceMinor: 8900 },
          { title: 'Linen shade, natural', quantity: 1, unitPriceMinor: 3500 },
        ],
        shippingAddress: {
          name: 'Léa Martin',
          line1: '12 rue Mercière',
          city: 'Lyon',
          postcode: '69002',
          country: 'FR',
        },
        shipping: { quoteId: toFrance.id, optionId: economyFr!.id },
      }),
    };
    const placed = await fetch(`${base}/api/v1/orders`, orderRequest);
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string; number: string; totalMinor: number; contactId: string };
    // 2 × 89.00 + 35.00 + 9.90 shipping.
    expect(order.totalMinor).toBe(22290);
    expect(order.contactId).toMatch(/^[0-9a-f-]{36}$/);
    // The webshop retrying the same order (same source and externalId) gets the same order back, not a second one.
    const retried = await fetch(`${base}/api/v1/orders`, orderRequest);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { id: string }).id).toBe(order.id);

    // The order in the list, opened, fulfilled and shipped through its dialogs.
    await page.goto(`${base}/commerce/orders`);
    await page.getByText('1 order shown').waitFor();
    await page.getByRole('link', { name: order.number, exact: true }).click();
    await page.waitForURL(`**/commerce/orders/${order.id}`);
    const title = page.getByRole('heading', { level: 2, name: `Order ${order.number}` });
    await title.waitFor();
    const header = title.locator('xpath=..');
    await header.getByText('Placed', { exact: true }).waitFor();
    await page.getByText(`${CARRIER} · Economy — €9.90`).waitFor();
    await page.getByText('Total €222.90').waitFor();

    const steps = page.getByRole('toolbar', { name: 'Order steps' });
    expect(await steps.getByRole('button', { name: 'Ship' }).isDisabled()).toBe(true);
    await steps.getByRole('button', { name: 'Fulfil' }).click();
    const fulfil = page.getByRole('dialog', { name: `Fulfil ${order.number}` });
    expect(await fulfil.getByRole('textbox', { name: 'To fulfil: Brass pendant lamp' }).inputValue()).toBe('2');
    expect(await fulfil.getByRole('textbox', { name: 'To fulfil: Linen shade, natural' }).inputValue()).toBe('1');
    await fulfil.getByRole('button', { name: 'Fulfil', exact: true }).click();
    await fulfil.waitFor({ state: 'hidden' });
    await header.getByText('Fulfilled', { exact: true }).waitFor();

    await steps.getByRole('button', { name: 'Ship' }).click();
    const ship = page.getByRole('dialog', { name: `Ship ${order.number}` });
    // The carrier comes from the quoted option; the tracking number is typed in.
    expect(await ship.getByLabel('Carrier').inputValue()).toBe(CARRIER);
    await ship.getByLabel('Tracking number').fill(TRACKING);
    expect(await ship.getByRole('textbox', { name: 'In this parcel: Brass pendant lamp' }).inputValue()).toBe('2');
    await ship.getByRole('button', { name: 'Ship', exact: true }).click();
    await ship.waitFor({ state: 'hidden' });
    await header.getByText('Shipped', { exact: true }).waitFor();
    await page.getByText(`${CARRIER} · ${TRACKING}`).waitFor();
    expect(await steps.getByRole('button', { name: 'Ship' }).isDisabled()).toBe(true);
    expect(await steps.getByRole('button', { name: 'Mark delivered' }).isEnabled()).toBe(true);
    await shot('e2e-commerce-05-order-shipped');

    // The reload shows what the server stored, not what the page kept.
    await page.reload();
    await header.getByText('Shipped', { exact: true }).waitFor();
    await page.getByText(`${CARRIER} · ${TRACKING}`).waitFor();

    // The customer's contact page: placed, fulfilled and shipped on the timeline, newest first.
    await page.getByRole('link', { name: 'Léa Martin' }).click();
    await page.waitForURL(`**/contacts/${order.contactId}`);
    await page.getByRole('heading', { name: 'Léa Martin' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    const entries = timeline.locator('li[data-kind^="order_"]');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(3);
    expect(await Promise.all((await entries.all()).map((e) => e.getAttribute('data-kind')))).toEqual([
      'order_shipped',
      'order_fulfilled',
      'order_placed',
    ]);
    const entry = (kind: string) => timeline.locator(`li[data-kind="${kind}"]`);
    // Each entry: the kind in words, the module's name beside it, and the order's summary line.
    const said = {
      order_placed: `Order ${order.number} placed — EUR 222.90`,
      order_fulfilled: `Order ${order.number} fulfilled — 3 items`,
      order_shipped: `Order ${order.number} shipped — 3 items · ${CARRIER} ${TRACKING}`,
    };
    for (const [kind, summary] of Object.entries(said)) {
      await entry(kind).getByText(summary, { exact: true }).waitFor();
      // The kind in words ("Order placed"), with the module's badge.
      const label = entry(kind).getByText(`Order ${kind.split('_')[1]}`);
      await label.getByText('commerce', { exact: true }).waitFor();
    }
    await entry('order_placed').scrollIntoViewIfNeeded();
    await shot('e2e-commerce-06-timeline');

    // The refused card's check answered 400 on purpose (and the browser logs every 4xx as a console error).
    const intended = (p: string) =>
      /^400 POST .*\/api\/v1\/carriers\/[0-9a-f-]{36}\/rate-cards$/.test(p) ||
      /^console: Failed to load resource: .* 400 .*\/api\/v1\/carriers\/[0-9a-f-]{36}\/rate-cards\)$/.test(p);
    expect(problems.filter((p) => !intended(p))).toEqual([]);
    expect(problems.filter(intended)).toHaveLength(2);
  });
});
