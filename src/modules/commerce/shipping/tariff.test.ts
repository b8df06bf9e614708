import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { shippingWorkspace } from './test-helpers.ts';

// The tariff maths end to end: TARIFF_CARD imported through the API into PostgreSQL, then quoted through
// POST /api/v1/shipping/quotes. Each row is a destination and parcels, and what one service must answer.

type Dest = { country: string; postcode?: string; city?: string; region?: string };
type P = { weightGrams: number; lengthMm?: number; widthMm?: number; heightMm?: number };
type Row = {
  name: string;
  to: Dest;
  parcels?: P[];
  cod?: number;
  service?: string;
  zone?: string;
  /** code → amount, in order; absent lines must not be there. */
  lines?: [string, number][];
  chargeable?: number;
  unavailable?: RegExp;
};

const kg = (n: number): P => ({ weightGrams: Math.round(n * 1000) });
const box = (g: number, l: number, w: number, h: number): P => ({
  weightGrams: g,
  lengthMm: l * 10,
  widthMm: w * 10,
  heightMm: h * 10,
});
const DE: Dest = { country: 'DE' };

const rows: Row[] = [
  // Zone precedence: postcode (innermost first) > city + region > city > region > country.
  {
    name: 'country only',
    to: DE,
    zone: 'Z-DE',
    lines: [
      ['base', 500],
      ['fuel', 50],
    ],
  },
  {
    name: 'a postcode no postcode zone matches falls back to the country',
    to: { country: 'DE', postcode: '20095' },
    zone: 'Z-DE',
  },
  {
    name: 'postcode prefix 1',
    to: { country: 'DE', postcode: '14467' },
    zone: 'Z-DE-1',
    lines: [
      ['base', 510],
      ['fuel', 51],
    ],
  },
  {
    name: 'range 10000..10999 inside prefix 1 wins',
    to: { country: 'DE', postcode: '10969' },
    zone: 'Z-DE-10',
    lines: [
      ['base', 520],
      ['fuel', 52],
    ],
  },
  {
    name: 'prefix 101 inside the range wins',
    to: { country: 'DE', postcode: '10115' },
    zone: 'Z-DE-101',
    lines: [
      ['base', 530],
      ['fuel', 53],
    ],
  },
  { name: 'postcodes are normalised (spaces, case)', to: { country: 'de', postcode: ' 10 115 ' }, zone: 'Z-DE-101' },
  {
    name: 'city, without a postcode',
    to: { country: 'DE', city: 'berlin' },
    zone: 'Z-DE-berlin',
    lines: [
      ['base', 400],
      ['fuel', 40],
    ],
  },
  { name: 'a postcode beats the city', to: { country: 'DE', city: 'Berlin', postcode: '10115' }, zone: 'Z-DE-101' },
  {
    name: 'city + region beats region (accents folded)',
    to: { country: 'DE', city: 'Munchen', region: 'BAYERN' },
    zone: 'Z-DE-muc',
    lines: [
      ['base', 750],
      ['fuel', 75],
    ],
  },
  {
    name: 'region',
    to: { country: 'DE', city: 'Nürnberg', region: 'Bayern' },
    zone: 'Z-DE-by',
    lines: [
      ['base', 700],
      ['fuel', 70],
    ],
  },
  { name: 'a city + region row needs the region', to: { country: 'DE', city: 'München' }, zone: 'Z-DE' },
  {
    name: 'per service: the first zone that service prices',
    to: { country: 'DE', postcode: '10115' },
    service: 'Economy pickup',
    zone: 'Z-DE',
    lines: [
      ['base', 300],
      ['fuel', 30],
    ],
  },
  {
    name: 'a service priced only in a less specific zone',
    to: { country: 'DE', city: 'Berlin', postcode: '10115' },
    service: 'Locker',
    zone: 'Z-DE-berlin',
    lines: [['base', 250]],
  },
  {
    name: 'a service without a price there',
    to: { country: 'DE', postcode: '20095' },
    service: 'Locker',
    unavailable: /no price for 20095, DE/,
  },
  { name: 'a country no zone covers', to: { country: 'FR' }, unavailable: /does not deliver to FR/ },
  // Weight bands: min inclusive, max exclusive; the 0.5 kg step rounds up first.
  {
    name: '0 g is in the first band',
    to: DE,
    parcels: [kg(0)],
    lines: [
      ['base', 500],
      ['fuel', 50],
    ],
    chargeable: 0,
  },
  {
    name: '1.5 kg stays in 0–2',
    to: DE,
    parcels: [kg(1.5)],
    lines: [
      ['base', 500],
      ['fuel', 50],
    ],
    chargeable: 1500,
  },
  {
    name: '1.501 kg rounds up to 2 kg: band 2–5',
    to: DE,
    parcels: [kg(1.501)],
    lines: [
      ['base', 600],
      ['fuel', 60],
    ],
    chargeable: 2000,
  },
  {
    name: 'exactly 2 kg is in 2–5 (max exclusive)',
    to: DE,
    parcels: [kg(2)],
    lines: [
      ['base', 600],
      ['fuel', 60],
    ],
  },
  {
    name: 'exactly the last max: last band, 0 kg above',
    to: DE,
    parcels: [kg(10)],
    lines: [
      ['base', 800],
      ['fuel', 80],
    ],
    chargeable: 10_000,
  },
  // Above the last band: per kg, counted in 0.5 kg steps.
  {
    name: '12.3 kg → 12.5 kg: 2.5 kg × 1.00 above 10 kg',
    to: DE,
    parcels: [kg(12.3)],
    lines: [
      ['base', 800],
      ['per_kg', 250],
      ['fuel', 105],
    ],
    chargeable: 12_500,
  },
  {
    name: '50 kg: the per-kg limit is inclusive',
    to: DE,
    parcels: [kg(50)],
    lines: [
      ['base', 800],
      ['per_kg', 4000],
      ['fuel', 480],
    ],
  },
  {
    name: '50.2 kg → 50.5 kg: above the per-kg limit',
    to: DE,
    parcels: [kg(50.2)],
    unavailable: /chargeable weight 50.5 kg is above the 50 kg limit/,
  },
  {
    name: 'above the service weight limit',
    to: DE,
    parcels: [kg(61)],
    unavailable: /weighs more than the 60 kg limit/,
  },
  // Dimensional weight: L×W×H / 5000, the larger counts.
  {
    name: '40×30×30 cm: 7.2 kg → 7.5 kg beats 1 kg',
    to: DE,
    parcels: [box(1000, 40, 30, 30)],
    lines: [
      ['base', 800],
      ['fuel', 80],
    ],
    chargeable: 7500,
  },
  {
    name: '10×10×10 cm: 0.2 kg, the real 1 kg counts',
    to: DE,
    parcels: [box(1000, 10, 10, 10)],
    lines: [
      ['base', 500],
      ['fuel', 50],
    ],
    chargeable: 1000,
  },
  // Surcharges.
  {
    name: 'remote postcode: added, fuel on top of it',
    to: { country: 'DE', postcode: '18565' },
    zone: 'Z-DE-1',
    lines: [
      ['base', 510],
      ['remote', 200],
      ['fuel', 71],
    ],
  },
  {
    name: 'cash on delivery: 2%, at least 3.00',
    to: DE,
    cod: 10_000,
    lines: [
      ['base', 500],
      ['fuel', 50],
      ['cod', 300],
    ],
  },
  {
    name: 'cash on delivery: 2% of 250.00',
    to: DE,
    cod: 25_000,
    lines: [
      ['base', 500],
      ['fuel', 50],
      ['cod', 500],
    ],
  },
  {
    name: 'cash on delivery where the service has none',
    to: DE,
    cod: 10_000,
    service: 'Economy pickup',
    unavailable: /cash on delivery is not offered/,
  },
  {
    name: 'oversize: a side over 100 cm',
    to: DE,
    parcels: [box(1000, 110, 20, 20)],
    lines: [
      ['base', 800],
      ['oversize', 500],
      ['fuel', 130],
    ],
    chargeable: 9000,
  },
  {
    name: 'longer than the service takes',
    to: DE,
    parcels: [box(1000, 160, 10, 10)],
    unavailable: /longer than the 150 cm limit/,
  },
  {
    name: 'two parcels: each priced, summed',
    to: DE,
    parcels: [kg(1), kg(3)],
    lines: [
      ['base', 1100],
      ['fuel', 110],
    ],
    chargeable: 4000,
  },
];

describe('tariff maths (rate card in PostgreSQL, quoted over the API)', async () => {
  const { app } = await testApp();
  const ws = await signUpWorkspace(app, 'Tariff Co');
  await shippingWorkspace(app, ws.bearer);
  const quote = async (to: Dest, parcels: P[], extra: Record<string, unknown> = {}) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/shipping/quotes',
      headers: ws.bearer,
      payload: { destination: to, parcels, ...extra },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  for (const row of rows) {
    it(row.name, async () => {
      const q = await quote(
        row.to,
        row.parcels ?? [kg(1)],
        row.cod ? { cashOnDelivery: { amountMinor: row.cod } } : {},
      );
      const service = row.service ?? 'Standard';
      const option = q.options.find((o: { serviceName: string }) => o.serviceName === service);
      if (row.unavailable) {
        expect(option).toBeUndefined();
        const miss = q.unavailable.find(
          (u: { serviceName: string | null }) => u.serviceName === service || u.serviceName === null,
        );
        expect(miss?.reason).toMatch(row.unavailable);
        return;
      }
      expect(option, JSON.stringify(q.unavailable)).toBeDefined();
      if (row.zone) expect(option.zone).toBe(row.zone);
      if (row.lines) {
        expect(option.breakdown.map((l: { code: string; amountMinor: number }) => [l.code, l.amountMinor])).toEqual(
          row.lines,
        );
        expect(option.priceMinor).toBe(row.lines.reduce((s, [, a]) => s + a, 0));
      }
      if (row.chargeable !== undefined) expect(option.chargeableWeightGrams).toBe(row.chargeable);
    });
  }

  // Cut-offs in the workspace's time zone (Europe/Berlin), weekends and the card's holidays.
  const etas: { name: string; at: string; to?: Dest; service?: string; expect: [string, string] }[] = [
    { name: 'Wednesday 15:59 Berlin: leaves today', at: '2026-11-18T14:59:00Z', expect: ['2026-11-19', '2026-11-20'] },
    {
      name: 'Wednesday 16:00 Berlin: past the cut-off',
      at: '2026-11-18T15:00:00Z',
      expect: ['2026-11-20', '2026-11-23'],
    },
    { name: 'Friday 17:00 Berlin: over the weekend', at: '2026-11-20T16:00:00Z', expect: ['2026-11-24', '2026-11-25'] },
    { name: 'Saturday: leaves Monday', at: '2026-11-21T09:00:00Z', expect: ['2026-11-24', '2026-11-25'] },
    {
      name: '23:30 UTC Friday is Saturday in Berlin',
      at: '2026-11-20T23:30:00Z',
      expect: ['2026-11-24', '2026-11-25'],
    },
    {
      name: 'Christmas Eve: holidays on 25th and 28th skipped',
      at: '2026-12-24T08:00:00Z',
      expect: ['2026-12-29', '2026-12-30'],
    },
    {
      name: 'another zone’s transit days (AT, 2–3)',
      at: '2026-11-18T08:00:00Z',
      to: { country: 'AT' },
      expect: ['2026-11-20', '2026-11-23'],
    },
    {
      name: 'another service’s cut-off (eco 12:00, 3–5 days)',
      at: '2026-11-18T11:30:00Z',
      service: 'Economy pickup',
      expect: ['2026-11-24', '2026-11-26'],
    },
  ];
  for (const e of etas) {
    it(`ETA: ${e.name}`, async () => {
      const q = await quote(e.to ?? DE, [kg(1)], { at: e.at });
      const o = q.options.find((x: { serviceName: string }) => x.serviceName === (e.service ?? 'Standard'));
      expect([o.eta.earliest, o.eta.latest]).toEqual(e.expect);
    });
  }
});
