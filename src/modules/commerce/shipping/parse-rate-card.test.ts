import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRateCard } from './parse-rate-card.ts';

const HEADER =
  'type,service,zone,country,region,postcode,city,min_kg,max_kg,price,percent,min_price,transit_min,transit_max,cutoff,name,kind,key,value,date';
/** A row from named cells, in HEADER's column order. */
const row = (cells: Record<string, string | number>) =>
  HEADER.split(',')
    .map((c) => (cells[c] === undefined ? '' : String(cells[c])))
    .join(',');

/** A valid card (line numbers: header 1, currency 2, service 3, zone 4, rates 5–6); `extra` rows follow. */
const card = (...extra: Record<string, string | number>[]) =>
  [
    HEADER,
    row({ type: 'setting', key: 'currency', value: 'EUR' }),
    row({ type: 'service', service: 'home', name: 'Home', kind: 'home', transit_min: 1, transit_max: 2 }),
    row({ type: 'zone', zone: 'DE', country: 'DE' }),
    row({ type: 'rate', service: 'home', zone: 'DE', min_kg: 0, max_kg: 2, price: '4.49' }),
    row({ type: 'rate', service: 'home', zone: 'DE', min_kg: 2, max_kg: 5, price: '5.49' }),
    ...extra.map(row),
  ].join('\n');

describe('rate card import validation', () => {
  it('accepts the shipped example file without an issue', () => {
    const text = fs.readFileSync(fileURLToPath(new URL('./examples/rate-card-example.csv', import.meta.url)), 'utf8');
    const r = parseRateCard(text);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.definition?.services.map((s) => s.code)).toEqual(['home', 'pickup', 'locker']);
  });

  it('accepts the base card and converts units', () => {
    const r = parseRateCard(card());
    expect(r.issues).toEqual([]);
    expect(r.definition?.services[0]?.zones.DE?.bands).toEqual([
      { minGrams: 0, maxGrams: 2000, priceMinor: 449 },
      { minGrams: 2000, maxGrams: 5000, priceMinor: 549 },
    ]);
  });

  const cases: { name: string; text: string; line: number; column: string | null; message: RegExp }[] = [
    {
      name: 'unknown country',
      text: card({ type: 'zone', zone: 'XX', country: 'XY' }),
      line: 7,
      column: 'country',
      message: /"XY" is not an ISO 3166 country code/,
    },
    {
      name: 'a country name instead of a code',
      text: card({ type: 'zone', zone: 'X', country: 'Germany' }),
      line: 7,
      column: 'country',
      message: /not an ISO 3166/,
    },
    {
      name: 'negative weight',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 5, max_kg: '-10', price: 1 }),
      line: 7,
      column: 'max_kg',
      message: /negative/,
    },
    {
      name: 'overlapping bands',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 4, max_kg: 10, price: 9 }),
      line: 7,
      column: 'min_kg',
      message: /overlap: home in DE band 4 kg–10 kg overlaps 2 kg–5 kg on line 6/,
    },
    {
      name: 'a gap between bands',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 6, max_kg: 10, price: 9 }),
      line: 7,
      column: 'min_kg',
      message: /gap: home in DE prices nothing from 5 kg \(line 6\) to 6 kg/,
    },
    {
      name: 'bands not starting at 0',
      text: card(
        { type: 'zone', zone: 'AT', country: 'AT' },
        { type: 'rate', service: 'home', zone: 'AT', min_kg: 1, max_kg: 5, price: 9 },
      ),
      line: 8,
      column: 'min_kg',
      message: /prices nothing from 0 kg to 1 kg/,
    },
    {
      name: 'max below min',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 5, max_kg: 5, price: 9 }),
      line: 7,
      column: 'max_kg',
      message: /must be more than min_kg/,
    },
    {
      name: 'a price that is not an amount',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 5, max_kg: 10, price: 'ten' }),
      line: 7,
      column: 'price',
      message: /not an amount in EUR/,
    },
    {
      name: 'more decimals than the currency has',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 5, max_kg: 10, price: '4.999' }),
      line: 7,
      column: 'price',
      message: /not an amount in EUR/,
    },
    {
      name: 'an unknown service',
      text: card({ type: 'rate', service: 'express', zone: 'DE', min_kg: 0, max_kg: 1, price: 1 }),
      line: 7,
      column: 'service',
      message: /unknown service "express"/,
    },
    {
      name: 'an unknown zone',
      text: card({ type: 'rate', service: 'home', zone: 'Mars', min_kg: 0, max_kg: 1, price: 1 }),
      line: 7,
      column: 'zone',
      message: /unknown zone "Mars"/,
    },
    {
      name: 'an unknown row type',
      text: card({ type: 'discount', service: 'home' }),
      line: 7,
      column: 'type',
      message: /unknown row type "discount"/,
    },
    {
      name: 'a cell the row type does not use',
      text: card({ type: 'zone', zone: 'AT', country: 'AT', price: 3 }),
      line: 7,
      column: 'price',
      message: /is not used on zone rows/,
    },
    {
      name: 'a required cell left empty',
      text: card({ type: 'rate', service: 'home', zone: 'DE', min_kg: 5, max_kg: 10 }),
      line: 7,
      column: 'price',
      message: /is required on rate rows/,
    },
    {
      name: 'transit max below min',
      text: card({ type: 'transit', service: 'home', zone: 'DE', transit_min: 3, transit_max: 1 }),
      line: 7,
      column: 'transit_max',
      message: /less than transit_min/,
    },
    {
      name: 'a bad cut-off time',
      text: card({ type: 'service', service: 'exp', name: 'X', kind: 'home', cutoff: '25:00' }),
      line: 7,
      column: 'cutoff',
      message: /not a time like 16:00/,
    },
    {
      name: 'a bad service kind',
      text: card({ type: 'service', service: 'exp', name: 'X', kind: 'drone' }),
      line: 7,
      column: 'kind',
      message: /not a service kind/,
    },
    {
      name: 'an impossible holiday',
      text: card({ type: 'holiday', date: '2026-02-30' }),
      line: 7,
      column: 'date',
      message: /not a calendar date/,
    },
    {
      name: 'a zone claiming a country another zone has',
      text: card({ type: 'zone', zone: 'DE2', country: 'DE' }),
      line: 7,
      column: 'country',
      message: /already in zone DE/,
    },
    {
      name: 'postcode ranges that partly overlap',
      text: card(
        { type: 'zone', zone: 'N', country: 'DE', postcode: '10000..19999' },
        { type: 'zone', zone: 'M', country: 'DE', postcode: '15000..25000' },
      ),
      line: 8,
      column: 'postcode',
      message: /partly overlaps postcodes 10000..19999 of zone N on line 7/,
    },
    {
      name: 'a postcode prefix another zone already has',
      text: card(
        { type: 'zone', zone: 'N', country: 'DE', postcode: '1' },
        { type: 'zone', zone: 'M', country: 'DE', postcode: '1' },
      ),
      line: 8,
      column: 'postcode',
      message: /DE postcodes 1… matches the same postcodes as zone N on line 7/,
    },
    {
      name: 'a range that runs backwards',
      text: card({ type: 'zone', zone: 'N', country: 'DE', postcode: '200..100' }),
      line: 7,
      column: 'postcode',
      message: /runs backwards/,
    },
    {
      name: 'no transit days anywhere',
      text: card(
        { type: 'service', service: 'exp', name: 'X', kind: 'home' },
        { type: 'rate', service: 'exp', zone: 'DE', min_kg: 0, max_kg: 1, price: 1 },
      ),
      line: 8,
      column: 'service',
      message: /no transit days for exp in DE/,
    },
    {
      name: 'an unknown setting',
      text: card({ type: 'setting', key: 'colour', value: 'blue' }),
      line: 7,
      column: 'key',
      message: /unknown setting "colour"/,
    },
    {
      name: 'a bad working-day list',
      text: card({ type: 'setting', key: 'working_days', value: 'weekdays' }),
      line: 7,
      column: 'value',
      message: /not a list of days/,
    },
    {
      name: 'a percentage above 100',
      text: card({ type: 'fuel', percent: 150 }),
      line: 7,
      column: 'percent',
      message: /more than 100%/,
    },
    {
      name: 'two fuel rows for every service',
      text: card({ type: 'fuel', percent: 5 }, { type: 'fuel', percent: 6 }),
      line: 8,
      column: 'service',
      message: /a second fuel row for every service \(first on line 7\)/,
    },
  ];
  for (const c of cases) {
    it(`names the row and column: ${c.name}`, () => {
      const r = parseRateCard(c.text);
      expect(r.definition).toBeNull();
      expect(r.issues).toContainEqual({ line: c.line, column: c.column, message: expect.stringMatching(c.message) });
    });
  }

  it('reports every problem of a file at once, in line order', () => {
    const r = parseRateCard(
      card(
        { type: 'zone', zone: 'X', country: 'QQ' },
        { type: 'rate', service: 'home', zone: 'DE', min_kg: '-1', max_kg: 1, price: 1 },
      ),
    );
    expect(r.issues.map((i) => `${i.line}:${i.column}`)).toEqual(['7:country', '8:min_kg']);
  });

  it('refuses a file without a type column or a currency', () => {
    expect(parseRateCard('zone,country\nDE,DE').issues[0]).toMatchObject({
      column: 'type',
      message: 'the header has no type column',
    });
    const noCurrency = card()
      .split('\n')
      .filter((l) => !l.includes('currency'))
      .join('\n');
    expect(parseRateCard(noCurrency).issues[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/no currency/),
    });
  });

  it('reads semicolon files with decimal commas, and JPY without decimals', () => {
    const semi = card().replaceAll(',', ';').replace('4.49', '4,49');
    expect(parseRateCard(semi).definition?.services[0]?.zones.DE?.bands[0]?.priceMinor).toBe(449);
    const jpy = card().replace('EUR', 'JPY').replace('4.49', '800').replace('5.49', '1200');
    expect(parseRateCard(jpy).definition?.services[0]?.zones.DE?.bands[1]?.priceMinor).toBe(1200);
    expect(parseRateCard(card().replace('EUR', 'JPY')).issues[0]?.message).toMatch(/not an amount in JPY/);
  });

  it('warns about a zone nothing prices, without refusing the card', () => {
    const r = parseRateCard(card({ type: 'zone', zone: 'AT', country: 'AT' }));
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([
      { line: 7, column: 'zone', message: 'zone AT has no prices: nothing is quoted there' },
    ]);
  });

  it('lets a carrier’s existing service be priced without a service row', () => {
    const text = card(
      { type: 'rate', service: 'express', zone: 'DE', min_kg: 0, max_kg: 1, price: 9 },
      { type: 'transit', service: 'express', zone: 'DE', transit_min: 0, transit_max: 1 },
    );
    const r = parseRateCard(text, { knownServices: [{ code: 'express', name: 'Express', kind: 'home' }] });
    expect(r.issues).toEqual([]);
    expect(r.definition?.services.map((s) => s.code)).toEqual(['home', 'express']);
  });
});
