// Rate cards and quote requests for bench/shipping-quotes.ts: 20 carriers × 500 zones, deterministic (seeded).

/** Deterministic pseudo-random numbers (mulberry32): the same cards and requests on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EU = 'AT BE BG HR CY CZ DK EE FI GR HU IE LV LT LU MT PT RO SK SI SE CH NO GB ES'.split(' ');
/** Countries zoned by two-digit postcode prefix, with how many prefixes each gets. */
const PREFIXED: [string, number][] = [
  ['DE', 99],
  ['FR', 95],
  ['IT', 99],
  ['PL', 99],
  ['NL', 48],
];
const CITIES = ['Berlin', 'Hamburg', 'Paris', 'Lyon', 'Milano', 'Roma', 'Warszawa', 'Amsterdam', 'Madrid', 'Wien'];
const CITY_COUNTRY: Record<string, string> = {
  Berlin: 'DE',
  Hamburg: 'DE',
  Paris: 'FR',
  Lyon: 'FR',
  Milano: 'IT',
  Roma: 'IT',
  Warszawa: 'PL',
  Amsterdam: 'NL',
  Madrid: 'ES',
  Wien: 'AT',
};
const HEADER =
  'type,service,zone,country,postcode,city,min_kg,max_kg,price,percent,min_price,transit_min,transit_max,cutoff,max_side_cm,name,kind,key,value,date';
const BANDS: [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 5],
  [5, 10],
  [10, 20],
  [20, 31.5],
];

/**
 * One carrier's card: 500 zones — 30 countries, 440 two-digit postcode prefixes, 20 postcode ranges nested in them,
 * 10 cities — three services (home and pickup priced in every zone, locker in the country zones), six weight bands,
 * per-kg above 31.5 kg, fuel, remote postcodes, cash on delivery, oversize, holidays.
 */
export function generateCard(seed: number): { csv: string; zones: number } {
  const r = rng(seed);
  const money = (x: number) => x.toFixed(2);
  const rows: string[] = [HEADER];
  const add = (cells: Record<string, string | number>) =>
    rows.push(
      HEADER.split(',')
        .map((c) => (cells[c] === undefined ? '' : String(cells[c])))
        .join(','),
    );
  add({ type: 'setting', key: 'currency', value: 'EUR' });
  add({ type: 'setting', key: 'dim_divisor', value: 5000 });
  add({ type: 'setting', key: 'weight_step_kg', value: '0.5' });
  add({
    type: 'service',
    service: 'home',
    name: 'Home delivery',
    kind: 'home',
    transit_min: 1 + Math.floor(r() * 2),
    transit_max: 3,
    cutoff: '16:00',
    max_side_cm: 150,
  });
  add({
    type: 'service',
    service: 'pickup',
    name: 'Pickup point',
    kind: 'pickup_point',
    transit_min: 2,
    transit_max: 4,
    cutoff: '15:00',
    max_kg: 20,
  });
  add({
    type: 'service',
    service: 'locker',
    name: 'Locker',
    kind: 'locker',
    transit_min: 1,
    transit_max: 2,
    cutoff: '14:00',
    max_kg: 15,
    max_side_cm: 60,
  });
  const zones: { zone: string; base: number; locker: boolean }[] = [];
  for (const c of [...EU, ...PREFIXED.map(([c]) => c)]) {
    add({ type: 'zone', zone: c, country: c });
    zones.push({ zone: c, base: 4 + r() * 8, locker: true });
  }
  for (const [c, n] of PREFIXED)
    for (let i = 0; i < n; i++) {
      const p = String(i + 1).padStart(2, '0');
      add({ type: 'zone', zone: `${c}-${p}`, country: c, postcode: p });
      zones.push({ zone: `${c}-${p}`, base: 3.5 + r() * 6, locker: false });
    }
  for (let i = 0; i < 20; i++) {
    const p = String(10 + i * 4).padStart(2, '0');
    add({ type: 'zone', zone: `DE-${p}-inner`, country: 'DE', postcode: `${p}100..${p}499` });
    zones.push({ zone: `DE-${p}-inner`, base: 6 + r() * 6, locker: false });
  }
  for (const city of CITIES) {
    add({ type: 'zone', zone: `city-${city}`, country: CITY_COUNTRY[city]!, city });
    zones.push({ zone: `city-${city}`, base: 3 + r() * 4, locker: true });
  }
  for (const z of zones) {
    for (const service of ['home', 'pickup', ...(z.locker ? ['locker'] : [])]) {
      const f = service === 'home' ? 1 : service === 'pickup' ? 0.8 : 0.7;
      const bands = service === 'home' ? BANDS : BANDS.slice(0, 5);
      for (const [i, [min, max]] of bands.entries())
        add({
          type: 'rate',
          service,
          zone: z.zone,
          min_kg: min,
          max_kg: max,
          price: money(z.base * f * (1 + i * 0.35)),
        });
      if (service === 'home') add({ type: 'per_kg', service, zone: z.zone, price: money(0.4 + r() * 0.6), max_kg: 70 });
    }
  }
  add({ type: 'fuel', percent: (5 + r() * 10).toFixed(1) });
  for (let i = 0; i < 20; i++)
    add({
      type: 'remote',
      country: 'DE',
      postcode: `${String(18500 + i * 20)}..${String(18500 + i * 20 + 9)}`,
      price: '2.50',
    });
  add({ type: 'cod', service: 'home', percent: 2, min_price: '3.00' });
  add({ type: 'oversize', service: 'home', max_side_cm: 100, price: '9.00' });
  for (const d of ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'])
    add({ type: 'holiday', date: d });
  return { csv: rows.join('\n'), zones: zones.length };
}

/** Quote requests across the zones: prefixed postcodes (some in the nested ranges), countries, cities, 1–2 parcels. */
export function generateRequests(n: number, seed = 7) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const roll = r();
    const destination: Record<string, string> =
      roll < 0.7
        ? (() => {
            const [c] = pick(PREFIXED);
            return { country: c, postcode: String(1000 + Math.floor(r() * 98_999)).padStart(5, '0') };
          })()
        : roll < 0.9
          ? { country: pick(EU) }
          : (() => {
              const city = pick(CITIES);
              return { country: CITY_COUNTRY[city]!, city };
            })();
    const parcel = () =>
      r() < 0.5
        ? { weightGrams: 100 + Math.floor(r() * 25_000) }
        : {
            weightGrams: 100 + Math.floor(r() * 8000),
            lengthMm: 100 + Math.floor(r() * 900),
            widthMm: 100 + Math.floor(r() * 400),
            heightMm: 50 + Math.floor(r() * 300),
          };
    return { destination, parcels: r() < 0.8 ? [parcel()] : [parcel(), parcel()] };
  });
}
