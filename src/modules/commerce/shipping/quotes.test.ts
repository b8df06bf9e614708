import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createProduct } from '../catalog/create-product.ts';
import { ZQuote } from './quote-contracts.ts';
import { getQuoteIndex } from './quote-index.ts';
import { takeQuotedOption } from './take-quoted-option.ts';
import { cardCsv, shippingWorkspace } from './test-helpers.ts';

/** A one-zone (DE) card: one service at a flat price and transit. */
const flatCard = (service: string, name: string, price: string, transit: [number, number], kind = 'home') =>
  cardCsv([
    { type: 'setting', key: 'currency', value: 'EUR' },
    { type: 'service', service, name, kind, transit_min: transit[0], transit_max: transit[1] },
    { type: 'zone', zone: 'DE', country: 'DE' },
    { type: 'rate', service, zone: 'DE', min_kg: 0, max_kg: 30, price },
  ]);

type Option = {
  id: string;
  carrierName: string;
  serviceName: string;
  priceMinor: number;
  tags: string[];
  rank: number;
  breakdown: { code: string; amountMinor: number }[];
};

describe('quotes', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Quote Co');
  const h = ws.bearer;
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: h, payload: payload as object });
  const patch = (url: string, payload: unknown) =>
    app.inject({ method: 'PATCH', url, headers: h, payload: payload as object });
  // Three carriers: slow and cheap, fast and dear, and one in between that is nearly as cheap and nearly as fast.
  const slow = await shippingWorkspace(app, h, {
    carrier: 'Snail Post',
    card: flatCard('eco', 'Economy', '3.00', [5, 7]),
  });
  const fast = await shippingWorkspace(app, h, {
    carrier: 'Rocket',
    card: flatCard('express', 'Express', '15.00', [0, 1]),
  });
  const mid = await shippingWorkspace(app, h, {
    carrier: 'Middle Way',
    card: flatCard('std', 'Standard', '4.50', [1, 2]),
  });
  const at = '2026-11-18T08:00:00Z'; // a Wednesday morning in Berlin
  const quote = async (extra: Record<string, unknown> = {}) => {
    const r = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      parcels: [{ weightGrams: 1000 }],
      at,
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; options: Option[]; warnings: unknown[]; orderValueMinor: number | null };
  };

  it('ranks cheapest first and tags cheapest, fastest and best value', async () => {
    const q = await quote();
    expect(q.options.map((o) => [o.rank, o.carrierName, o.priceMinor, o.tags])).toEqual([
      [1, 'Snail Post', 300, ['cheapest']],
      [2, 'Middle Way', 450, ['best_value']],
      [3, 'Rocket', 1500, ['fastest']],
    ]);
    expect(q.options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    // The route sends pre-serialised text (no response validation): the text must still match the documented shape.
    expect(ZQuote.strict().safeParse(q).error).toBeUndefined();
  });

  it('gives all three tags to a lone option', async () => {
    const r = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      parcels: [{ weightGrams: 40_000 }],
      at,
    });
    expect(r.json().options).toEqual([]);
    // Only a card with a heavier band quotes 35 kg; make one by importing a new version of Rocket's card.
    const v2 = await post(`/api/v1/carriers/${fast.carrierId}/rate-cards`, {
      csv: flatCard('express', 'Express', '15.00', [0, 1]).replace(',30,', ',50,'),
    });
    expect(v2.statusCode, v2.body).toBe(201);
    const q = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      parcels: [{ weightGrams: 40_000 }],
      at,
    });
    expect(q.json().options.map((o: Option) => [o.carrierName, o.tags])).toEqual([
      ['Rocket', ['cheapest', 'fastest', 'best_value']],
    ]);
  });

  it('adds the most specific margin rule, then free shipping from an order value', async () => {
    const wide = await post('/api/v1/shipping/rules', {
      kind: 'margin',
      name: 'Handling',
      percent: 10,
      fixedMinor: 50,
      currency: 'EUR',
    });
    expect(wide.statusCode, wide.body).toBe(201);
    const services = (await app.inject({ url: `/api/v1/carriers/${slow.carrierId}`, headers: h })).json().services;
    const narrow = await post('/api/v1/shipping/rules', {
      kind: 'margin',
      name: 'Eco packing',
      serviceId: services[0].id,
      fixedMinor: 20,
      currency: 'EUR',
    });
    expect(narrow.statusCode, narrow.body).toBe(201);
    const free = await post('/api/v1/shipping/rules', {
      kind: 'free_shipping',
      name: 'Free over 50',
      minOrderMinor: 5000,
      currency: 'EUR',
      countries: ['DE'],
    });
    expect(free.statusCode, free.body).toBe(201);

    const q = await quote({ orderValueMinor: 4999 });
    const lines = (name: string) =>
      q.options.find((o) => o.carrierName === name)!.breakdown.map((l) => [l.code, l.amountMinor]);
    expect(lines('Snail Post')).toEqual([
      ['base', 300],
      ['margin', 20],
    ]);
    expect(lines('Middle Way')).toEqual([
      ['base', 450],
      ['margin', 95],
    ]);
    const freeQ = await quote({ orderValueMinor: 5000 });
    for (const o of freeQ.options) {
      expect(o.priceMinor).toBe(0);
      expect(o.breakdown.at(-1)?.code).toBe('free_shipping');
    }
    // Another currency: neither the fixed margins nor the EUR threshold apply, and EUR cards are not quoted.
    const usd = await quote({ orderValueMinor: 900_000, currency: 'USD' });
    expect(usd.options).toEqual([]);
    expect(usd.warnings).toContainEqual(expect.objectContaining({ code: 'currency_mismatch' }));
    for (const r of [wide, narrow, free])
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/v1/shipping/rules/${r.json().id}`, headers: h })).statusCode,
      ).toBe(204);
  });

  it('refuses a rule naming another carrier’s service', async () => {
    const s = (await app.inject({ url: `/api/v1/carriers/${slow.carrierId}`, headers: h })).json().services[0];
    const r = await post('/api/v1/shipping/rules', {
      kind: 'margin',
      carrierId: fast.carrierId,
      serviceId: s.id,
      percent: 5,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'body.serviceId', message: 'is a service of another carrier' }]);
  });

  it('names the field of bad input: unknown country, negative weight, parcels and cart together', async () => {
    const bad = await post('/api/v1/shipping/quotes', {
      destination: { country: 'XZ' },
      parcels: [{ weightGrams: -5 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'body.destination.country', message: '"XZ" is not an ISO 3166 country code like DE or FR' },
      { field: 'body.parcels.0.weightGrams', message: 'must not be negative' },
    ]);
    const both = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      parcels: [{ weightGrams: 1 }],
      cart: { lines: [{ sku: 'A', quantity: 1 }] },
    });
    expect(both.json().errors).toEqual([{ field: 'body.parcels', message: 'give parcels or a cart (one of them)' }]);
  });

  it('stores the quote; takeQuotedOption returns the chosen option as shown, until it expires', async () => {
    const q = await quote();
    const o2 = q.options[1]!;
    const chosen = await takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: q.id, optionId: 'o2' });
    expect(chosen).toMatchObject({
      quoteId: q.id,
      optionId: 'o2',
      carrierName: o2.carrierName,
      serviceName: 'Standard',
      serviceKind: 'home',
      priceMinor: 450,
      currency: 'EUR',
      breakdown: o2.breakdown,
      eta: { earliest: '2026-11-19', latest: '2026-11-20' },
      rateCardVersion: 1,
    });
    // Idempotent: an order create that is retried takes it again.
    expect(await takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: q.id, optionId: 'o2' })).toEqual(chosen);
    const later = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 1000);
    await expect(
      takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: q.id, optionId: 'o2', now: later }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ field: 'shipping.quoteId' }] });
    await expect(
      takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: q.id, optionId: 'o9' }),
    ).rejects.toMatchObject({ fields: [{ field: 'shipping.optionId' }] });
    const other = await signUpWorkspace(app, 'Someone Else');
    await expect(
      takeQuotedOption(db, { workspaceId: other.workspaceId, quoteId: q.id, optionId: 'o2' }),
    ).rejects.toMatchObject({ fields: [{ field: 'shipping.quoteId' }] });
    await expect(
      takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: 'not-a-uuid', optionId: 'o2' }),
    ).rejects.toMatchObject({ fields: [{ field: 'shipping.quoteId' }] });
    const stored = await app.inject({ url: `/api/v1/shipping/quotes/${q.id}`, headers: h });
    expect(stored.json()).toMatchObject({ id: q.id, expired: false, options: q.options });
  });

  it('keeps the active version when an import has errors, and can roll back to an older one', async () => {
    const before = await quote();
    const bad = await post(`/api/v1/carriers/${mid.carrierId}/rate-cards`, {
      csv: `${flatCard('std', 'Standard', '9.99', [1, 2])}\nrate,std,DE,,,,,20,40,12.00,,,,,,,,,,,`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'row.6.min_kg', message: 'overlap: std in DE band 20 kg–40 kg overlaps 0 kg–30 kg on line 5' },
    ]);
    const list = await app.inject({ url: `/api/v1/carriers/${mid.carrierId}/rate-cards`, headers: h });
    expect(list.json().data.map((c: { version: number; active: boolean }) => [c.version, c.active])).toEqual([
      [1, true],
    ]);
    expect((await quote()).options).toEqual(before.options);

    const v2 = await post(`/api/v1/carriers/${mid.carrierId}/rate-cards`, {
      csv: flatCard('std', 'Standard', '4.90', [1, 2]),
      filename: 'middle 2027.csv',
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().rateCard).toMatchObject({ version: 2, active: true, filename: 'middle 2027.csv' });
    expect((await quote()).options.find((o) => o.carrierName === 'Middle Way')?.priceMinor).toBe(490);
    // The old quote still holds what it showed, with the version that priced it.
    expect(
      (await takeQuotedOption(db, { workspaceId: ws.workspaceId, quoteId: before.id, optionId: 'o2' })).priceMinor,
    ).toBe(450);

    const back = await post(`/api/v1/carriers/${mid.carrierId}/rate-cards/${mid.rateCardId}/activate`, {});
    expect(back.statusCode, back.body).toBe(200);
    expect((await quote()).options.find((o) => o.carrierName === 'Middle Way')?.priceMinor).toBe(450);
    const src = await app.inject({
      url: `/api/v1/carriers/${mid.carrierId}/rate-cards/${v2.json().rateCard.id}/source`,
      headers: h,
    });
    expect(src.headers['content-disposition']).toContain('middle 2027-v2.csv');
    expect(src.body).toContain('4.90');
  });

  it('checks a card without storing it (dry run)', async () => {
    const r = await post(`/api/v1/carriers/${mid.carrierId}/rate-cards`, {
      csv: flatCard('std', 'Standard', '1.00', [1, 2]),
      dryRun: true,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ rateCard: null, warnings: [], servicesCreated: [] });
    const list = await app.inject({ url: `/api/v1/carriers/${mid.carrierId}/rate-cards`, headers: h });
    expect(list.json().data).toHaveLength(2);
  });

  it('quotes a cart from the catalog: weights add up, the order value comes from catalog prices', async () => {
    await createProduct({
      db,
      workspaceId: ws.workspaceId,
      input: {
        title: 'Desk lamp',
        variants: [
          {
            sku: 'LAMP-1',
            weightGrams: 1200,
            lengthMm: 400,
            widthMm: 200,
            heightMm: 200,
            prices: [{ currency: 'EUR', amountMinor: 3000 }],
          },
          { sku: 'BULB-1', weightGrams: 100, prices: [{ currency: 'EUR', amountMinor: 500 }] },
        ],
      },
    });
    const r = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      cart: {
        lines: [
          { sku: 'lamp-1', quantity: 2 },
          { sku: 'BULB-1', quantity: 3 },
        ],
      },
      at,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().parcels).toEqual([{ weightGrams: 2700, lengthMm: null, widthMm: null, heightMm: null }]);
    expect(r.json().orderValueMinor).toBe(7500);
    expect(r.json().warnings).toContainEqual({
      code: 'cart',
      message: 'Some items have no dimensions in the catalog: only the weight was counted.',
    });
    const lamps = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      cart: { lines: [{ sku: 'LAMP-1', quantity: 2 }] },
      at,
    });
    // Two 40×20×20 cm lamps: 32,000 cm³ as one box whose longest side is the lamp's 40 cm.
    expect(lamps.json().parcels).toEqual([{ weightGrams: 2400, lengthMm: 400, widthMm: 283, heightMm: 283 }]);
    const unknown = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE' },
      cart: {
        lines: [
          { sku: 'LAMP-1', quantity: 1 },
          { sku: 'NOPE', quantity: 1 },
        ],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.cart.lines.1.sku', message: 'no product variant with SKU "NOPE"' },
    ]);
  });

  it('stops quoting a deactivated service or an archived carrier', async () => {
    const services = (await app.inject({ url: `/api/v1/carriers/${slow.carrierId}`, headers: h })).json().services;
    expect(
      (await patch(`/api/v1/carriers/${slow.carrierId}/services/${services[0].id}`, { active: false })).statusCode,
    ).toBe(200);
    expect((await quote()).options.map((o) => o.carrierName)).not.toContain('Snail Post');
    expect(
      (
        await patch(`/api/v1/carriers/${slow.carrierId}/services/${services[0].id}`, {
          active: true,
          name: 'Eco Saver',
        })
      ).statusCode,
    ).toBe(200);
    expect((await quote()).options.find((o) => o.carrierName === 'Snail Post')?.serviceName).toBe('Eco Saver');
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/carriers/${fast.carrierId}`, headers: h })).statusCode,
    ).toBe(204);
    expect((await quote()).options.map((o) => o.carrierName)).not.toContain('Rocket');
    expect((await app.inject({ url: `/api/v1/carriers/${fast.carrierId}`, headers: h })).statusCode).toBe(404);
    // Its name is free again; its versions are still in the database for old orders.
    expect((await post('/api/v1/carriers', { name: 'rocket' })).statusCode).toBe(201);
    const kept = await db.execute(
      sql`select count(*)::int as n from shipping_rate_cards where carrier_id = ${fast.carrierId}`,
    );
    expect(kept.rows[0]).toEqual({ n: 2 });
  });

  it('another process sees a changed card within a second (version check), not on every quote', async () => {
    const base = await getQuoteIndex(db, ws.workspaceId);
    // What another node does on import: change the data and bump the version, in its own transaction. This
    // process's cached index is not told.
    await db.execute(sql`update shipping_rate_cards set definition = jsonb_set(definition, '{currency}', '"USD"')
      where workspace_id = ${ws.workspaceId} and active and carrier_id = ${mid.carrierId}`);
    await db.execute(sql`update shipping_settings set version = version + 1 where workspace_id = ${ws.workspaceId}`);
    expect(await getQuoteIndex(db, ws.workspaceId)).toBe(base);
    const reloaded = await getQuoteIndex(db, ws.workspaceId, Date.now() + 1001);
    expect(reloaded).not.toBe(base);
    expect(reloaded.version).toBe(base.version + 1);
    expect(reloaded.cards.find((c) => c.carrierId === mid.carrierId)?.def.currency).toBe('USD');
  });
});
