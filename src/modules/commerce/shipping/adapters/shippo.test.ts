import { afterAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../../platform/testing.ts';
import { cardCsv, shippingWorkspace } from '../test-helpers.ts';
import { type FakeRate, startFakeShippo } from './fake-shippo.ts';
import { type ShippoConfig, shippoAdapter, ZShippoConfig } from './shippo.ts';
import { AdapterError } from './types.ts';

const RATES: FakeRate[] = [
  {
    provider: 'DHL Germany',
    token: 'dhl_germany_paket',
    name: 'Paket',
    amount: '4.9',
    currency: 'EUR',
    estimated_days: 2,
  },
  {
    provider: 'UPS',
    token: 'ups_standard',
    name: 'Standard',
    amount: '6.10',
    currency: 'USD',
    amount_local: '5.75',
    currency_local: 'EUR',
    estimated_days: 1,
  },
  {
    provider: 'USPS',
    token: 'usps_priority',
    name: 'Priority Mail',
    amount: '30.00',
    currency: 'USD',
    estimated_days: 5,
  },
  {
    provider: 'Hermes',
    token: 'hermes_germany_std',
    name: 'Standard',
    amount: '3.95',
    currency: 'EUR',
    estimated_days: null,
  },
];

const config = (url: string, extra: Partial<ShippoConfig> = {}): ShippoConfig =>
  ZShippoConfig.parse({
    baseUrl: url,
    apiVersion: '2018-02-08',
    addressFrom: { name: 'Lumen Shop', zip: '10115', city: 'Berlin', country: 'de' },
    ...extra,
  }) as ShippoConfig;

const request = (signal = new AbortController().signal) => ({
  destination: { country: 'DE', postcode: '80331', city: 'München', region: null },
  parcels: [{ weightGrams: 1250, lengthMm: 300, widthMm: 200, heightMm: 105 }],
  currency: 'EUR',
  cashOnDeliveryMinor: null,
  signal,
});

describe('Shippo adapter against a local fake of its API', async () => {
  const fake = await startFakeShippo({
    rates: () => RATES,
    messages: [{ source: 'USPS', code: 'carrier_timeout', text: 'USPS API did not respond.' }],
  });
  afterAll(() => fake.close());

  it('sends the documented Shipment request and maps the rates', async () => {
    const answer = await shippoAdapter.quote(config(fake.url, { carrierAccounts: ['ca_1'] }), fake.token, {
      ...request(),
      cashOnDeliveryMinor: 4990,
    });
    const sent = fake.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`ShippoToken ${fake.token}`);
    expect(sent.headers['shippo-api-version']).toBe('2018-02-08');
    expect(sent.body).toEqual({
      address_from: { name: 'Lumen Shop', zip: '10115', city: 'Berlin', country: 'DE' },
      address_to: { country: 'DE', zip: '80331', city: 'München' },
      parcels: [{ length: '30.0', width: '20.0', height: '10.5', distance_unit: 'cm', weight: '1250', mass_unit: 'g' }],
      async: false,
      carrier_accounts: ['ca_1'],
      extra: { cod: { amount: '49.90', currency: 'EUR', payment_method: 'CASH' } },
    });
    expect(answer.rates).toEqual([
      {
        serviceCode: 'dhl_germany_paket',
        serviceName: 'DHL Germany Paket',
        amountMinor: 490,
        currency: 'EUR',
        transitDays: { min: 2, max: 2 },
        reference: expect.stringMatching(/^rate_/),
      },
      // Priced in USD, with the recipient's EUR amount beside it: the EUR one is taken.
      {
        serviceCode: 'ups_standard',
        serviceName: 'UPS Standard',
        amountMinor: 575,
        currency: 'EUR',
        transitDays: { min: 1, max: 1 },
        reference: expect.any(String),
      },
      {
        serviceCode: 'hermes_germany_std',
        serviceName: 'Hermes Standard',
        amountMinor: 395,
        currency: 'EUR',
        transitDays: null,
        reference: expect.any(String),
      },
    ]);
    expect(answer.messages).toEqual(['USPS: USPS API did not respond.', 'USPS Priority Mail: priced in USD, not EUR']);
  });

  it('reports a refused token with Shippo’s detail', async () => {
    await expect(shippoAdapter.quote(config(fake.url), 'wrong', request())).rejects.toEqual(
      new AdapterError('Shippo refused the request (401): Token does not exist', 'refused'),
    );
  });

  it('reports an answer that is not JSON', async () => {
    const broken = await startFakeShippo({ brokenStatus: 502 });
    await expect(shippoAdapter.quote(config(broken.url), broken.token, request())).rejects.toMatchObject({
      code: 'bad_answer',
      message: 'Shippo answered 502 without JSON',
    });
    await broken.close();
  });

  it('accepts https anywhere but plain http only on loopback', () => {
    expect(
      ZShippoConfig.safeParse({ baseUrl: 'http://carrier.example.com', addressFrom: { country: 'DE' } }).success,
    ).toBe(false);
    expect(ZShippoConfig.safeParse({ addressFrom: { country: 'DE' } }).data?.baseUrl).toBe('https://api.goshippo.com');
    expect(ZShippoConfig.safeParse({ addressFrom: { country: 'Deutschland' } }).success).toBe(false);
  });
});

describe('adapter options in quotes', async () => {
  const { app } = await testApp();
  const ws = await signUpWorkspace(app, 'Adapter Co');
  const h = ws.bearer;
  const card = cardCsv([
    { type: 'setting', key: 'currency', value: 'EUR' },
    { type: 'service', service: 'std', name: 'Standard', kind: 'home', transit_min: 1, transit_max: 2 },
    { type: 'zone', zone: 'DE', country: 'DE' },
    { type: 'rate', service: 'std', zone: 'DE', min_kg: 0, max_kg: 30, price: '5.20' },
  ]);
  await shippingWorkspace(app, h, { carrier: 'Own Tariff', card });
  const fake = await startFakeShippo({ rates: () => RATES });
  const slow = await startFakeShippo({ rates: () => RATES, delayMs: 2000 });
  afterAll(async () => {
    await fake.close();
    await slow.close();
  });
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: h, payload: payload as object });
  const at = '2026-11-18T08:00:00Z';
  const quote = async () => {
    const r = await post('/api/v1/shipping/quotes', {
      destination: { country: 'DE', postcode: '80331' },
      parcels: [{ weightGrams: 1250 }],
      at,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  it('refuses adapter settings that do not pass the adapter’s schema, naming the field', async () => {
    const r = await post('/api/v1/carriers', {
      name: 'Shippo',
      kind: 'api',
      adapter: 'shippo',
      adapterConfig: { baseUrl: 'http://10.0.0.1', addressFrom: {} },
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.adapterConfig.addressFrom.country', 'body.adapterConfig.baseUrl']);
    const unknown = await post('/api/v1/carriers', { name: 'Nope', kind: 'api', adapter: 'nope' });
    expect(unknown.json().errors).toEqual([{ field: 'body.adapter', message: 'use one of: shippo' }]);
  });

  it('quotes carrier-API options beside rate-card options, ranked together, rules applied', async () => {
    const c = await post('/api/v1/carriers', {
      name: 'Shippo',
      kind: 'api',
      adapter: 'shippo',
      adapterConfig: { baseUrl: fake.url, addressFrom: { country: 'DE', zip: '10115' }, cutoff: '15:00' },
      adapterSecret: fake.token,
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ kind: 'api', adapter: 'shippo', hasSecret: true });
    expect(c.body).not.toContain(fake.token);
    // A service declared with Shippo's token names and types its rates.
    const s = await post(`/api/v1/carriers/${c.json().id}/services`, {
      code: 'dhl_germany_paket',
      name: 'DHL Paket to a shop',
      kind: 'pickup_point',
    });
    expect(s.statusCode, s.body).toBe(201);
    await post('/api/v1/shipping/rules', { kind: 'margin', name: 'Handling', carrierId: c.json().id, percent: 10 });

    const q = await quote();
    expect(
      q.options.map((o: { carrierName: string; serviceName: string; priceMinor: number; source: string }) => [
        o.carrierName,
        o.serviceName,
        o.priceMinor,
        o.source,
      ]),
    ).toEqual([
      ['Shippo', 'Hermes Standard', 435, 'carrier_api'],
      ['Own Tariff', 'Standard', 520, 'rate_card'],
      ['Shippo', 'DHL Paket to a shop', 539, 'carrier_api'],
      ['Shippo', 'UPS Standard', 633, 'carrier_api'],
    ]);
    const dhl = q.options[2];
    expect(dhl).toMatchObject({
      serviceKind: 'pickup_point',
      carrierReference: expect.stringMatching(/^rate_/),
      eta: { dispatch: '2026-11-18', earliest: '2026-11-20', latest: '2026-11-20' },
    });
    expect(dhl.breakdown.map((l: { code: string; amountMinor: number }) => [l.code, l.amountMinor])).toEqual([
      ['carrier', 490],
      ['margin', 49],
    ]);
    expect(q.warnings).toContainEqual(expect.objectContaining({ code: 'transit_estimated' }));
    expect(q.warnings).toContainEqual(
      expect.objectContaining({
        code: 'carrier_message',
        message: 'Shippo: USPS Priority Mail: priced in USD, not EUR',
      }),
    );
  });

  it('leaves a slow carrier out with a warning, within its deadline, and keeps the other options', async () => {
    const c = await post('/api/v1/carriers', {
      name: 'Slow API',
      kind: 'api',
      adapter: 'shippo',
      adapterConfig: { baseUrl: slow.url, addressFrom: { country: 'DE' }, timeoutMs: 300 },
      adapterSecret: slow.token,
    });
    expect(c.statusCode, c.body).toBe(201);
    const t0 = performance.now();
    const q = await quote();
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(q.options.map((o: { carrierName: string }) => o.carrierName)).not.toContain('Slow API');
    expect(q.options.map((o: { carrierName: string }) => o.carrierName)).toContain('Own Tariff');
    expect(q.warnings).toContainEqual({
      code: 'carrier_timeout',
      carrierId: c.json().id,
      message: 'Slow API: did not answer within 300 ms',
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/carriers/${c.json().id}`,
      headers: h,
      payload: { active: false },
    });
  });

  it('leaves out a carrier whose token is refused', async () => {
    const c = await post('/api/v1/carriers', {
      name: 'Bad Token',
      kind: 'api',
      adapter: 'shippo',
      adapterConfig: { baseUrl: fake.url, addressFrom: { country: 'DE' } },
      adapterSecret: 'expired',
    });
    const q = await quote();
    expect(q.warnings).toContainEqual({
      code: 'carrier_unavailable',
      carrierId: c.json().id,
      message: 'Bad Token: Shippo refused the request (401): Token does not exist',
    });
    expect(q.options.length).toBeGreaterThan(0);
  });
});
