// One CSV row of the pickup-point import → a create input, with every problem named by its column. The columns are
// documented in docs/commerce/pickup-points.md; keep the two in step.

import { currencyDigits } from '../../../platform/money.ts';
import { type TPickupPointCreate, ZPickupPointCreate } from './contracts.ts';
import { HoursSyntaxError, parseOpeningHours } from './opening-hours.ts';
import { type PointValues, preparePoint } from './prepare-point.ts';
import { headerKey } from './read-rows.ts';
import type { Capability, RowError } from './schema.ts';

/** Column → the names accepted for it (after headerKey). */
export const POINT_COLUMNS_CSV = {
  code: ['code', 'ref', 'reference', 'id'],
  kind: ['kind', 'type'],
  name: ['name'],
  partner_name: ['partner_name', 'partner'],
  partner_contact: ['partner_contact', 'contact_name', 'contact'],
  partner_email: ['partner_email', 'email'],
  partner_phone: ['partner_phone', 'phone'],
  carrier: ['carrier', 'network'],
  address_line1: ['address_line1', 'address_line_1', 'address', 'street', 'address1'],
  address_line2: ['address_line2', 'address_line_2', 'address2'],
  city: ['city', 'town'],
  region: ['region', 'state', 'county', 'province'],
  postcode: ['postcode', 'postal_code', 'zip', 'zip_code', 'plz'],
  country: ['country', 'country_code'],
  lat: ['lat', 'latitude'],
  lng: ['lng', 'lon', 'long', 'longitude'],
  timezone: ['timezone', 'time_zone', 'tz'],
  opening_hours: ['opening_hours', 'hours'],
  exceptions: ['exceptions', 'closures', 'special_hours'],
  capabilities: ['capabilities', 'services'],
  capacity: ['capacity', 'capacity_per_day', 'daily_capacity'],
  fee: ['fee'],
  fee_minor: ['fee_minor'],
  currency: ['currency'],
  instructions: ['instructions', 'notes'],
  active: ['active', 'enabled'],
} as const;
export type PointColumn = keyof typeof POINT_COLUMNS_CSV;
export const REQUIRED_POINT_COLUMNS: PointColumn[] = ['name', 'address_line1', 'city', 'country', 'lat', 'lng'];

export type HeaderMap = Partial<Record<PointColumn, number>>;

/** Finds the columns in a header row; missing required ones are named, unknown ones listed (and ignored). */
export function mapPointHeader(header: string[]): { map: HeaderMap; missing: PointColumn[]; unknown: string[] } {
  const map: HeaderMap = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const key = headerKey(h);
    const col = (Object.keys(POINT_COLUMNS_CSV) as PointColumn[]).find((c) =>
      (POINT_COLUMNS_CSV[c] as readonly string[]).includes(key),
    );
    if (col && map[col] === undefined) map[col] = i;
    else if (!col && key) unknown.push(h.trim());
  });
  return { map, missing: REQUIRED_POINT_COLUMNS.filter((c) => map[c] === undefined), unknown };
}

const CAPABILITY_ALIASES: Record<string, Capability> = {
  pickup: 'pickup',
  collect: 'pickup',
  collection: 'pickup',
  return: 'return_dropoff',
  returns: 'return_dropoff',
  return_dropoff: 'return_dropoff',
  return_drop_off: 'return_dropoff',
  dropoff: 'return_dropoff',
  fitting_room: 'fitting_room',
  fitting: 'fitting_room',
  cash_on_delivery: 'cash_on_delivery',
  cod: 'cash_on_delivery',
};

const BOOL: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  false: false,
  no: false,
  n: false,
  '0': false,
};

/** Input fields (as Zod paths) → the column a person fixes. */
const FIELD_COLUMN: [RegExp, PointColumn][] = [
  [/^address\.line1/, 'address_line1'],
  [/^address\.line2/, 'address_line2'],
  [/^address\.(city|region|postcode|country)/, 'city'],
  [/^partner\.name/, 'partner_name'],
  [/^partner\.contactName/, 'partner_contact'],
  [/^partner\.email/, 'partner_email'],
  [/^partner\.phone/, 'partner_phone'],
  [/^partner/, 'partner_name'],
  [/^hoursText/, 'opening_hours'],
  [/^capacityPerDay/, 'capacity'],
  [/^fee\.currency/, 'currency'],
  [/^fee/, 'fee'],
];
function columnOf(path: string): string {
  const m = /^address\.(city|region|postcode|country)/.exec(path);
  if (m?.[1]) return m[1];
  for (const [re, col] of FIELD_COLUMN) if (re.test(path)) return col;
  return path.split('.')[0] ?? path;
}

/** Decimal major units ("2.50") in a currency → minor units, or null when the text is not such an amount. */
export function toMinorUnits(text: string, currency: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const digits = currencyDigits(currency);
  if (digits === null) return null;
  const [whole = '0', frac = ''] = t.split('.');
  if (frac.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

/**
 * Reads one row. Every bad cell is reported (not just the first), each with its column, so a person fixes the
 * file in one pass.
 */
export function readPointRow(
  map: HeaderMap,
  cells: string[],
  row: number,
  defaults: { currency: string },
): { ok: true; values: PointValues } | { ok: false; errors: RowError[] } {
  const cell = (c: PointColumn) => {
    const i = map[c];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const errors: RowError[] = [];
  const err = (column: string, message: string) => errors.push({ row, column, message });
  const num = (c: PointColumn): number | undefined => {
    const v = cell(c);
    if (!v) return undefined;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n)) err(c, `"${v}" is not a number`);
    return Number.isFinite(n) ? n : undefined;
  };

  const kindText = (
    cell('kind') || (cell('partner_name') ? 'partner' : cell('carrier') ? 'carrier' : 'own')
  ).toLowerCase();
  const capabilities: Capability[] = [];
  for (const c of cell('capabilities')
    .split(/[,;|]+/)
    .map((s) => headerKey(s))
    .filter(Boolean)) {
    const cap = CAPABILITY_ALIASES[c];
    if (cap) capabilities.push(cap);
    else err('capabilities', `"${c}" is not one of pickup, return_dropoff, fitting_room, cash_on_delivery`);
  }
  const currency = (cell('currency') || defaults.currency).toUpperCase();
  let feeMinor: number | undefined;
  if (cell('fee_minor')) {
    feeMinor = /^\d+$/.test(cell('fee_minor')) ? Number(cell('fee_minor')) : undefined;
    if (feeMinor === undefined) err('fee_minor', `"${cell('fee_minor')}" is not a whole number of minor units`);
  } else if (cell('fee')) {
    feeMinor = toMinorUnits(cell('fee'), currency) ?? undefined;
    if (feeMinor === undefined) err('fee', `"${cell('fee')}" is not an amount in ${currency}, e.g. 2.50`);
  }
  let active: boolean | undefined;
  if (cell('active')) {
    active = BOOL[cell('active').toLowerCase()];
    if (active === undefined) err('active', `"${cell('active')}" is not yes/no`);
  }
  let capacity: number | null | undefined;
  if (cell('capacity')) {
    capacity = /^\d+$/.test(cell('capacity')) ? Number(cell('capacity')) : undefined;
    if (capacity === undefined) err('capacity', `"${cell('capacity')}" is not a whole number`);
  }
  // Each hours cell is checked on its own, so the error names the cell that holds the mistake.
  for (const c of ['opening_hours', 'exceptions'] as const) {
    try {
      const parsed = parseOpeningHours(cell(c));
      if (c === 'exceptions' && Object.keys(parsed.weekly).length)
        err(c, 'holds weekday hours; put those in opening_hours and only dates here');
    } catch (e) {
      if (!(e instanceof HoursSyntaxError)) throw e;
      err(c, e.message);
    }
  }
  const hoursText = [cell('opening_hours'), cell('exceptions')].filter(Boolean).join('; ');
  const lat = num('lat');
  const lng = num('lng');
  const optional = (v: string) => v || null;

  const candidate = {
    code: optional(cell('code')),
    kind: kindText,
    name: cell('name'),
    partner: cell('partner_name')
      ? {
          name: cell('partner_name'),
          contactName: optional(cell('partner_contact')),
          email: optional(cell('partner_email')),
          phone: optional(cell('partner_phone')),
        }
      : null,
    carrier: optional(cell('carrier')),
    address: {
      line1: cell('address_line1'),
      line2: optional(cell('address_line2')),
      city: cell('city'),
      region: optional(cell('region')),
      postcode: optional(cell('postcode')),
      country: cell('country'),
    },
    lat,
    lng,
    timezone: optional(cell('timezone')),
    ...(hoursText ? { hoursText } : {}),
    ...(capabilities.length ? { capabilities } : {}),
    ...(capacity !== undefined ? { capacityPerDay: capacity } : {}),
    fee: { amountMinor: feeMinor ?? 0, currency },
    instructions: optional(cell('instructions')),
    ...(active !== undefined ? { active } : {}),
  };
  const parsed = ZPickupPointCreate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const column = columnOf(path);
      // A number cell already reported above must not be reported twice as "required".
      if (errors.some((e) => e.column === column)) continue;
      const blank = issue.code === 'invalid_type' || (issue.code === 'too_small' && !cell(column as PointColumn));
      err(column, blank ? 'is required' : issue.message);
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  const prepared = preparePoint(parsed.data as TPickupPointCreate, defaults);
  if (!prepared.ok)
    return { ok: false, errors: prepared.errors.map((e) => ({ row, column: columnOf(e.field), message: e.message })) };
  return { ok: true, values: prepared.values };
}
