import { checkBands, checkRemoteRules, checkZoneRules } from './card-checks.ts';
import { type CardRow, readCardCsv } from './card-csv.ts';
import type {
  Band,
  CardIssue,
  CodRule,
  FuelRule,
  OversizeRule,
  RateCardDefinition,
  RemoteRule,
  ServiceKind,
  ServiceTariff,
  TransitDays,
  ZoneRule,
} from './card-types.ts';
import { SERVICE_KINDS } from './card-types.ts';
import {
  foldName,
  type Parsed,
  parseCm,
  parseCutoff,
  parseDate,
  parseDays,
  parseDivisor,
  parseKg,
  parsePercent,
  parseServiceCode,
  parseWorkingDays,
  parseZoneName,
} from './card-values.ts';
import { toCountryCode } from './countries.ts';
import { isCurrency, parseMajor } from './money.ts';
import { parsePostcodeMatcher } from './postcodes.ts';

/** A service the carrier already has: a card may price it without a `service` row of its own. */
export type KnownService = { code: string; name: string; kind: ServiceKind };

export type ParsedCard = {
  /** Null when there are issues: a card with any error is refused whole. */
  definition: RateCardDefinition | null;
  issues: CardIssue[];
  /** Accepted, but probably not what was meant (a zone nothing prices). */
  warnings: CardIssue[];
  /** Services the card defines with a `service` row (created or renamed on import). */
  definedServices: KnownService[];
  /** Data rows read (header, comments and empty lines not counted). */
  rowCount: number;
};

const SETTINGS = ['currency', 'dim_divisor', 'weight_step_kg', 'working_days'] as const;

/**
 * Parses and validates a rate card CSV (format in docs/commerce/shipping.md). Every issue found is reported with its
 * line and column, not just the first, so a user fixes the file in one pass.
 */
export function parseRateCard(text: string, opts: { knownServices?: KnownService[] } = {}): ParsedCard {
  const { rows, issues } = readCardCsv(text);
  const warnings: CardIssue[] = [];
  const issue = (row: CardRow, column: string | null, message: string) =>
    issues.push({ line: row.line, column, message });
  /** The cell's value, or undefined after recording why it is not valid. */
  const cell = <T>(row: CardRow, col: string, parser: (v: string) => Parsed<T>): T | undefined => {
    const raw = row.cells.get(col);
    if (raw === undefined) return undefined;
    const r = parser(raw);
    if (!r.ok) {
      issue(row, col, r.message);
      return undefined;
    }
    return r.value;
  };
  const byType = (t: CardRow['type']) => rows.filter((r) => r.type === t);

  // Settings first: prices cannot be read before the currency is known, wherever its row is.
  const settings = new Map<string, { row: CardRow; value: string }>();
  for (const row of byType('setting')) {
    const key = (row.cells.get('key') ?? '').toLowerCase();
    if (!(SETTINGS as readonly string[]).includes(key)) {
      issue(row, 'key', `unknown setting "${key}"; the settings are ${SETTINGS.join(', ')}`);
      continue;
    }
    if (settings.has(key)) issue(row, 'key', `${key} is set twice (also on line ${settings.get(key)!.row.line})`);
    else settings.set(key, { row, value: row.cells.get('value') ?? '' });
  }
  let currency = 'EUR';
  const cur = settings.get('currency');
  if (!cur)
    issues.push({
      line: 1,
      column: 'key',
      message: 'no currency: add a row "setting" with key currency and value e.g. EUR',
    });
  else if (!isCurrency(cur.value.toUpperCase()))
    issue(cur.row, 'value', `"${cur.value}" is not an ISO 4217 currency code`);
  else currency = cur.value.toUpperCase();
  const setting = <T>(key: string, parser: (v: string) => Parsed<T>, fallback: T): T => {
    const s = settings.get(key);
    if (!s) return fallback;
    const r = parser(s.value);
    if (r.ok) return r.value;
    issue(s.row, 'value', r.message);
    return fallback;
  };
  const dimDivisor = setting('dim_divisor', parseDivisor, null);
  const weightStepGrams = setting('weight_step_kg', parseKg, 0);
  const workingDays = setting('working_days', parseWorkingDays, [1, 2, 3, 4, 5]);
  const price = (v: string): Parsed<number> => {
    if (v.startsWith('-')) return { ok: false, message: `"${v}" is negative` };
    const m = parseMajor(v, currency);
    return m === null
      ? { ok: false, message: `"${v}" is not an amount in ${currency} like 4.95` }
      : { ok: true, value: m };
  };

  // Services: those the card defines, then those the carrier already has.
  const services = new Map<string, ServiceTariff & { defaultTransit: TransitDays | null; line: number | null }>();
  const definedServices: KnownService[] = [];
  for (const row of byType('service')) {
    const code = cell(row, 'service', parseServiceCode);
    if (code === undefined) continue;
    if (services.has(code)) {
      issue(row, 'service', `service ${code} is defined twice (also on line ${services.get(code)!.line})`);
      continue;
    }
    const kindRaw = (row.cells.get('kind') ?? '').toLowerCase();
    const kind = (SERVICE_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as ServiceKind) : null;
    if (!kind) issue(row, 'kind', `"${kindRaw}" is not a service kind; use ${SERVICE_KINDS.join(', ')}`);
    const name = (row.cells.get('name') ?? '').slice(0, 120);
    const defaultTransit = transitOf(row, cell, issue);
    services.set(code, {
      code,
      name,
      kind: kind ?? 'home',
      cutoff: cell(row, 'cutoff', parseCutoff) ?? null,
      maxGrams: cell(row, 'max_kg', parseKg) ?? null,
      maxSideMm: cell(row, 'max_side_cm', parseCm) ?? null,
      zones: {},
      defaultTransit,
      line: row.line,
    });
    definedServices.push({ code, name, kind: kind ?? 'home' });
  }
  for (const s of opts.knownServices ?? [])
    if (!services.has(s.code))
      services.set(s.code, {
        ...s,
        cutoff: null,
        maxGrams: null,
        maxSideMm: null,
        zones: {},
        defaultTransit: null,
        line: null,
      });
  const serviceOf = (row: CardRow) => {
    const code = cell(row, 'service', parseServiceCode);
    if (code === undefined) return undefined;
    const s = services.get(code);
    if (!s) issue(row, 'service', `unknown service "${code}": add a service row for it, or create the service first`);
    return s;
  };
  /** Surcharge rows name a service or none (every service). */
  const scopeOf = (row: CardRow): string | null | undefined => {
    if (!row.cells.has('service')) return null;
    return serviceOf(row)?.code;
  };

  // Zones.
  const zones: ZoneRule[] = [];
  // Names of every zone row, valid or not: a zone row with a bad country must not make each rate row naming the
  // zone an "unknown zone" as well.
  const zoneNames = new Set<string>();
  for (const row of byType('zone')) {
    const zone = cell(row, 'zone', parseZoneName);
    if (zone !== undefined) zoneNames.add(zone);
    const countryRaw = row.cells.get('country') ?? '';
    const country = toCountryCode(countryRaw);
    if (!country) issue(row, 'country', `"${countryRaw}" is not an ISO 3166 country code like DE or FR`);
    const region = row.cells.get('region');
    const city = row.cells.get('city');
    const pc = row.cells.get('postcode');
    if (pc !== undefined && (region !== undefined || city !== undefined))
      issue(
        row,
        'postcode',
        'a zone row matches a postcode, or a city and/or region, not both: split it into two rows',
      );
    let postcode = null;
    if (pc !== undefined) {
      const m = parsePostcodeMatcher(pc);
      if ('error' in m) issue(row, 'postcode', m.error);
      else postcode = m;
    }
    if (zone === undefined || !country) continue;
    zones.push({
      zone,
      country,
      region: region !== undefined ? foldName(region) : null,
      city: city !== undefined ? foldName(city) : null,
      postcode,
      line: row.line,
    });
  }
  const zoneOf = (row: CardRow) => {
    const zone = cell(row, 'zone', parseZoneName);
    if (zone !== undefined && !zoneNames.has(zone))
      issue(row, 'zone', `unknown zone "${zone}": no zone row defines it`);
    return zone !== undefined && zoneNames.has(zone) ? zone : undefined;
  };

  // Prices per service and zone: bands, the per-kg price above them, transit days.
  type Slot = {
    bands: (Band & { line: number })[];
    perKg: { minor: number; maxGrams: number | null; line: number } | null;
    transit: { days: TransitDays; line: number } | null;
  };
  const slots = new Map<string, Map<string, Slot>>();
  const slot = (service: string, zone: string): Slot => {
    let byZone = slots.get(service);
    if (!byZone) {
      byZone = new Map();
      slots.set(service, byZone);
    }
    let s = byZone.get(zone);
    if (!s) {
      s = { bands: [], perKg: null, transit: null };
      byZone.set(zone, s);
    }
    return s;
  };
  for (const row of byType('rate')) {
    const s = serviceOf(row);
    const zone = zoneOf(row);
    const min = cell(row, 'min_kg', parseKg);
    const max = cell(row, 'max_kg', parseKg);
    const p = cell(row, 'price', price);
    if (min !== undefined && max !== undefined && max <= min)
      issue(row, 'max_kg', `max_kg (${max / 1000}) must be more than min_kg (${min / 1000})`);
    else if (s && zone !== undefined && min !== undefined && max !== undefined && p !== undefined)
      slot(s.code, zone).bands.push({ minGrams: min, maxGrams: max, priceMinor: p, line: row.line });
  }
  for (const row of byType('per_kg')) {
    const s = serviceOf(row);
    const zone = zoneOf(row);
    const p = cell(row, 'price', price);
    const max = cell(row, 'max_kg', parseKg);
    if (!s || zone === undefined || p === undefined) continue;
    const sl = slot(s.code, zone);
    if (sl.perKg) issue(row, 'price', `a second per_kg row for ${s.code} in ${zone} (first on line ${sl.perKg.line})`);
    else sl.perKg = { minor: p, maxGrams: max ?? null, line: row.line };
  }
  for (const row of byType('transit')) {
    const s = serviceOf(row);
    const zone = zoneOf(row);
    const days = transitOf(row, cell, issue);
    if (!s || zone === undefined || !days) continue;
    const sl = slot(s.code, zone);
    if (sl.transit)
      issue(row, 'transit_min', `a second transit row for ${s.code} in ${zone} (first on line ${sl.transit.line})`);
    else sl.transit = { days, line: row.line };
  }
  for (const [code, byZone] of slots) {
    const s = services.get(code)!;
    for (const [zone, sl] of byZone) {
      if (!sl.bands.length) {
        const line = sl.perKg?.line ?? sl.transit?.line ?? 1;
        issues.push({
          line,
          column: 'zone',
          message: `${code} in ${zone} has no rate rows (weight bands) to go with it`,
        });
        continue;
      }
      issues.push(...checkBands(code, zone, sl.bands));
      const transit = sl.transit?.days ?? s.defaultTransit;
      if (!transit) {
        issues.push({
          line: sl.bands[0]!.line,
          column: 'service',
          message: `no transit days for ${code} in ${zone}: set transit_min and transit_max on the service row, or add a transit row`,
        });
        continue;
      }
      if (sl.perKg && sl.perKg.maxGrams !== null && sl.perKg.maxGrams <= Math.max(...sl.bands.map((b) => b.maxGrams)))
        issues.push({ line: sl.perKg.line, column: 'max_kg', message: 'the per-kg limit must be above the last band' });
      s.zones[zone] = {
        bands: sl.bands.sort((a, b) => a.minGrams - b.minGrams).map(({ line: _l, ...b }) => b),
        perKgMinor: sl.perKg?.minor ?? null,
        perKgMaxGrams: sl.perKg?.maxGrams ?? null,
        transit,
      };
    }
  }

  // Surcharges: one fuel, cod and oversize row per scope (a service, or every service).
  const single = <T extends { service: string | null }>(
    type: CardRow['type'],
    make: (row: CardRow) => Omit<T, 'service'> | undefined,
  ): T[] => {
    const out: (T & { line: number })[] = [];
    for (const row of byType(type)) {
      const scope = scopeOf(row);
      const v = make(row);
      if (scope === undefined || !v) continue;
      const twin = out.find((o) => o.service === scope);
      if (twin)
        issue(row, 'service', `a second ${type} row for ${scope ?? 'every service'} (first on line ${twin.line})`);
      else out.push({ ...(v as T), service: scope, line: row.line });
    }
    return out.map(({ line: _l, ...r }) => r as unknown as T);
  };
  const fuel = single<FuelRule>('fuel', (row) => {
    const percent = cell(row, 'percent', parsePercent);
    return percent === undefined ? undefined : { percent };
  });
  const cod = single<CodRule>('cod', (row) => {
    const percent = cell(row, 'percent', parsePercent);
    const minMinor = row.cells.has('min_price') ? cell(row, 'min_price', price) : 0;
    return percent === undefined || minMinor === undefined ? undefined : { percent, minMinor };
  });
  const oversize = single<OversizeRule>('oversize', (row) => {
    const sideMm = cell(row, 'max_side_cm', parseCm);
    const amountMinor = cell(row, 'price', price);
    return sideMm === undefined || amountMinor === undefined ? undefined : { sideMm, amountMinor };
  });
  const remoteRows: (Omit<RemoteRule, 'depth'> & { line: number })[] = [];
  for (const row of byType('remote')) {
    const scope = scopeOf(row);
    const countryRaw = row.cells.get('country') ?? '';
    const country = toCountryCode(countryRaw);
    if (!country) issue(row, 'country', `"${countryRaw}" is not an ISO 3166 country code like DE or FR`);
    const m = parsePostcodeMatcher(row.cells.get('postcode') ?? '');
    if ('error' in m) issue(row, 'postcode', m.error);
    const amountMinor = cell(row, 'price', price);
    if (scope !== undefined && country && !('error' in m) && amountMinor !== undefined)
      remoteRows.push({ service: scope, country, postcode: m, amountMinor, line: row.line });
  }
  const remote = checkRemoteRules(remoteRows, issues);

  const holidays = new Set<string>();
  for (const row of byType('holiday')) {
    const d = cell(row, 'date', parseDate);
    if (d) holidays.add(d);
  }

  issues.push(...checkZoneRules(zones));
  const priced = new Set([...services.values()].flatMap((s) => Object.keys(s.zones)));
  for (const z of new Set(zones.map((r) => r.zone)))
    if (!priced.has(z))
      warnings.push({
        line: zones.find((r) => r.zone === z)!.line,
        column: 'zone',
        message: `zone ${z} has no prices: nothing is quoted there`,
      });
  if (!priced.size && !issues.length)
    issues.push({ line: 1, column: 'type', message: 'the card prices nothing: add rate rows' });

  issues.sort((a, b) => a.line - b.line);
  if (issues.length) return { definition: null, issues, warnings, definedServices, rowCount: rows.length };
  return {
    definition: {
      format: 1,
      currency,
      dimDivisor,
      weightStepGrams,
      workingDays,
      holidays: [...holidays].sort(),
      services: [...services.values()]
        .filter((s) => Object.keys(s.zones).length > 0)
        .map(({ defaultTransit: _d, line: _l, ...s }) => s),
      zones,
      fuel,
      remote,
      cod,
      oversize,
    },
    issues,
    warnings,
    definedServices,
    rowCount: rows.length,
  };
}

function transitOf(
  row: CardRow,
  cell: <T>(row: CardRow, col: string, parser: (v: string) => Parsed<T>) => T | undefined,
  issue: (row: CardRow, column: string | null, message: string) => void,
): TransitDays | null {
  const min = cell(row, 'transit_min', parseDays);
  const max = cell(row, 'transit_max', parseDays);
  if (min === undefined && max === undefined) return null;
  if (min === undefined || max === undefined) {
    if (row.cells.has('transit_min') !== row.cells.has('transit_max'))
      issue(row, row.cells.has('transit_min') ? 'transit_max' : 'transit_min', 'give both transit_min and transit_max');
    return null;
  }
  if (max < min) {
    issue(row, 'transit_max', `transit_max (${max}) is less than transit_min (${min})`);
    return null;
  }
  return { min, max };
}
