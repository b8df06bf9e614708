import type { FastifyInstance } from 'fastify';

// Shared by the shipping tests (imported by *.test.ts and the isolation fixture only).

export const CARD_HEADER =
  'type,service,zone,country,region,postcode,city,min_kg,max_kg,price,percent,min_price,transit_min,transit_max,cutoff,max_side_cm,name,kind,key,value,date';

/** One CSV row from named cells, in CARD_HEADER's column order. */
export const cardRow = (cells: Record<string, string | number>): string =>
  CARD_HEADER.split(',')
    .map((c) => (cells[c] === undefined ? '' : String(cells[c])))
    .join(',');

export const cardCsv = (rows: Record<string, string | number>[]): string =>
  [CARD_HEADER, ...rows.map(cardRow)].join('\n');

/**
 * The card the tariff tests price against (EUR, divisor 5000, 0.5 kg step, Mon–Fri, two holidays). Zones in DE at
 * every level of precision: country, region, city, city + region, a postcode prefix, a range inside it, and a
 * prefix inside the range.
 */
export const TARIFF_CARD = cardCsv([
  { type: 'setting', key: 'currency', value: 'EUR' },
  { type: 'setting', key: 'dim_divisor', value: 5000 },
  { type: 'setting', key: 'weight_step_kg', value: '0.5' },
  { type: 'setting', key: 'working_days', value: 'mon-fri' },
  {
    type: 'service',
    service: 'std',
    name: 'Standard',
    kind: 'home',
    transit_min: 1,
    transit_max: 2,
    cutoff: '16:00',
    max_kg: 60,
    max_side_cm: 150,
  },
  {
    type: 'service',
    service: 'eco',
    name: 'Economy pickup',
    kind: 'pickup_point',
    transit_min: 3,
    transit_max: 5,
    cutoff: '12:00',
  },
  { type: 'service', service: 'lock', name: 'Locker', kind: 'locker', transit_min: 1, transit_max: 1 },
  { type: 'zone', zone: 'Z-DE', country: 'DE' },
  { type: 'zone', zone: 'Z-DE-berlin', country: 'DE', city: 'Berlin' },
  { type: 'zone', zone: 'Z-DE-by', country: 'DE', region: 'Bayern' },
  { type: 'zone', zone: 'Z-DE-muc', country: 'DE', region: 'Bayern', city: 'München' },
  { type: 'zone', zone: 'Z-DE-1', country: 'DE', postcode: '1' },
  { type: 'zone', zone: 'Z-DE-10', country: 'DE', postcode: '10000..10999' },
  { type: 'zone', zone: 'Z-DE-101', country: 'DE', postcode: '101' },
  { type: 'zone', zone: 'Z-AT', country: 'AT' },
  { type: 'rate', service: 'std', zone: 'Z-DE', min_kg: 0, max_kg: 2, price: '5.00' },
  { type: 'rate', service: 'std', zone: 'Z-DE', min_kg: 2, max_kg: 5, price: '6.00' },
  { type: 'rate', service: 'std', zone: 'Z-DE', min_kg: 5, max_kg: 10, price: '8.00' },
  { type: 'per_kg', service: 'std', zone: 'Z-DE', price: '1.00', max_kg: 50 },
  { type: 'rate', service: 'std', zone: 'Z-DE-berlin', min_kg: 0, max_kg: 10, price: '4.00' },
  { type: 'rate', service: 'std', zone: 'Z-DE-by', min_kg: 0, max_kg: 10, price: '7.00' },
  { type: 'rate', service: 'std', zone: 'Z-DE-muc', min_kg: 0, max_kg: 10, price: '7.50' },
  { type: 'rate', service: 'std', zone: 'Z-DE-1', min_kg: 0, max_kg: 10, price: '5.10' },
  { type: 'rate', service: 'std', zone: 'Z-DE-10', min_kg: 0, max_kg: 10, price: '5.20' },
  { type: 'rate', service: 'std', zone: 'Z-DE-101', min_kg: 0, max_kg: 10, price: '5.30' },
  { type: 'rate', service: 'std', zone: 'Z-AT', min_kg: 0, max_kg: 10, price: '12.00' },
  { type: 'transit', service: 'std', zone: 'Z-AT', transit_min: 2, transit_max: 3 },
  { type: 'rate', service: 'eco', zone: 'Z-DE', min_kg: 0, max_kg: 10, price: '3.00' },
  { type: 'rate', service: 'lock', zone: 'Z-DE-berlin', min_kg: 0, max_kg: 5, price: '2.50' },
  { type: 'fuel', percent: 10 },
  { type: 'fuel', service: 'lock', percent: 0 },
  { type: 'remote', country: 'DE', postcode: '18565', price: '2.00' },
  { type: 'cod', service: 'std', percent: 2, min_price: '3.00' },
  { type: 'oversize', service: 'std', max_side_cm: 100, price: '5.00' },
  { type: 'holiday', date: '2026-12-25', name: 'Christmas' },
  { type: 'holiday', date: '2026-12-28', name: 'Bridge day' },
]);

/** A workspace in Berlin time and euros with one rate-card carrier; answers the carrier's id. */
export async function shippingWorkspace(
  app: FastifyInstance,
  headers: Record<string, string>,
  opts: { carrier?: string; card?: string; timezone?: string } = {},
) {
  const ws = await app.inject({
    method: 'PATCH',
    url: '/api/v1/workspace',
    headers,
    payload: { timezone: opts.timezone ?? 'Europe/Berlin', defaultCurrency: 'EUR' },
  });
  if (ws.statusCode !== 200) throw new Error(`workspace: ${ws.body}`);
  const carrier = await app.inject({
    method: 'POST',
    url: '/api/v1/carriers',
    headers,
    payload: { name: opts.carrier ?? 'Tariff Express' },
  });
  if (carrier.statusCode !== 201) throw new Error(`carrier: ${carrier.body}`);
  const carrierId = carrier.json().id as string;
  const imp = await app.inject({
    method: 'POST',
    url: `/api/v1/carriers/${carrierId}/rate-cards`,
    headers,
    payload: { csv: opts.card ?? TARIFF_CARD, filename: 'tariff.csv' },
  });
  if (imp.statusCode !== 201) throw new Error(`import: ${imp.body}`);
  return { carrierId, rateCardId: imp.json().rateCard.id as string };
}
