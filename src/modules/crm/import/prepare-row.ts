import { type FieldDef, validateCustomValues } from '../fields/custom-fields.ts';
import { normalizeEmail, normalizePhone, normalizeTags, uniq } from '../normalize.ts';
import type { Address, CustomValues } from '../schema.ts';
import { toIsoCountry } from './countries.ts';
import type { ImportEntity, Mapping } from './mapping.ts';
import type { SourceRecord } from './rows.ts';

/** Fields shared by both entities, normalised and validated; a row that fails any check is rejected whole. */
export type PreparedRow = {
  rowNumber: number;
  /** Contact: first/last name. Company: `firstName` holds nothing; `name` is the company name. */
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  companyName: string | null;
  domain: string | null;
  industry: string | null;
  address: Address;
  country: string | null;
  language: string | null;
  website: string | null;
  social: Record<string, string>;
  tags: string[];
  notes: string | null;
  lifecycleStage: string | null;
  custom: CustomValues;
};

export type Prepared =
  | { kind: 'ok'; row: PreparedRow }
  | { kind: 'reject'; rowNumber: number; reason: string; raw: Record<string, string> }
  | { kind: 'blank'; rowNumber: number };

type Col = { index: number; header: string };

/** A mapping compiled against the header order, so each row is a few array reads. */
export type RowPlan = {
  entity: ImportEntity;
  headers: string[];
  cols: Map<string, Col[]>;
  custom: { key: string; col: Col }[];
  customDefs: FieldDef[];
  /** Folded stage key or label → key. */
  stages: Map<string, string>;
  importTags: string[];
};

const fold = (s: string) => s.trim().toLowerCase();

export function compilePlan(opts: {
  entity: ImportEntity;
  headers: string[];
  mapping: Mapping;
  customDefs: FieldDef[];
  stages: { key: string; label: string }[];
  importTags: string[];
}): RowPlan {
  const cols = new Map<string, Col[]>();
  const custom: RowPlan['custom'] = [];
  opts.headers.forEach((header, index) => {
    const target = opts.mapping[header];
    if (!target) return;
    if (target.startsWith('custom.')) custom.push({ key: target.slice(7), col: { index, header } });
    else cols.set(target, [...(cols.get(target) ?? []), { index, header }]);
  });
  const stages = new Map<string, string>();
  for (const s of opts.stages) {
    stages.set(fold(s.key), s.key);
    stages.set(fold(s.label), s.key);
  }
  return { ...opts, cols, custom, stages };
}

class Reject extends Error {}

/** A cell quoted in a reason: long enough to find it, short enough to read. */
const q = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);

const LIMITS: Record<string, number> = {
  firstName: 120,
  lastName: 120,
  fullName: 240,
  name: 200,
  company: 200,
  title: 200,
  street: 300,
  city: 120,
  region: 120,
  postcode: 20,
  website: 500,
  linkedin: 500,
  language: 20,
  domain: 253,
  industry: 120,
  notes: 10_000,
};

/** "Smith, John" and "John Smith" alike; the last word is the last name, as in the contact form. */
export function splitFullName(full: string): { firstName: string | null; lastName: string | null } {
  const comma = full.indexOf(',');
  if (comma > 0) {
    const last = full.slice(0, comma).trim();
    const first = full.slice(comma + 1).trim();
    return { firstName: first || null, lastName: last || null };
  }
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? null, lastName: null };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1]! };
}

function domainOf(website: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(website) ? website : `https://${website}`);
    return url.hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

export function prepareRow(plan: RowPlan, rec: SourceRecord): Prepared {
  const { cells, rowNumber } = rec;
  if (!cells.some((c) => c.trim() !== '')) return { kind: 'blank', rowNumber };
  try {
    return { kind: 'ok', row: prepareCells(plan, cells, rowNumber) };
  } catch (e) {
    if (!(e instanceof Reject)) throw e;
    const raw: Record<string, string> = {};
    cells.forEach((c, i) => {
      raw[plan.headers[i] ?? `Column ${i + 1}`] = c;
    });
    return { kind: 'reject', rowNumber, reason: e.message, raw };
  }
}

type Cell = { v: string; col: Col };
const NONE: Cell[] = [];

/** The non-empty, checked cells of the columns mapped to `target` (module-level: this runs for every cell). */
function cellValues(plan: RowPlan, cells: string[], target: string): Cell[] {
  const cols = plan.cols.get(target);
  if (!cols) return NONE;
  let out: Cell[] | null = null;
  for (const col of cols) {
    const v = (cells[col.index] ?? '').trim();
    if (!v) continue;
    if (v.includes('\uFFFD'))
      throw new Reject(
        `column "${col.header}": contains characters that are not valid in the file's encoding; choose the right encoding`,
      );
    const max = LIMITS[target];
    if (max && v.length > max) throw new Reject(`column "${col.header}": longer than ${max} characters`);
    if (out) out.push({ v, col });
    else out = [{ v, col }];
  }
  return out ?? NONE;
}

function firstValue(plan: RowPlan, cells: string[], target: string): string | null {
  const v = cellValues(plan, cells, target)[0]?.v;
  return v === undefined ? null : /\s\s|[\t\r\n]/.test(v) ? v.replace(/\s+/g, ' ') : v;
}

function prepareCells(plan: RowPlan, cells: string[], rowNumber: number): PreparedRow {
  let country: string | null = null;
  const c = cellValues(plan, cells, 'country')[0];
  if (c) {
    country = toIsoCountry(c.v);
    if (!country)
      throw new Reject(`column "${c.col.header}": ${q(c.v)} is not a country we know (use a name or ISO code)`);
  }

  const emails: string[] = [];
  for (const { v, col } of cellValues(plan, cells, 'email')) {
    const cleaned = v.includes('<') ? v.replace(/[^<>;,]*<([^<>]+)>/g, '$1') : v;
    for (const piece of cleaned.split(/[;,\s]+/)) {
      if (!piece) continue;
      const e = normalizeEmail(piece);
      if (!e) throw new Reject(`column "${col.header}": ${q(piece)} is not a valid email address`);
      emails.push(e);
    }
  }
  const phones: string[] = [];
  for (const { v, col } of cellValues(plan, cells, 'phone')) {
    for (const piece of v.split(/[;,\n|]+/)) {
      if (!piece.trim()) continue;
      const p = normalizePhone(piece, country);
      if (!p)
        throw new Reject(
          `column "${col.header}": ${q(piece.trim())} is not a valid phone number${country ? ` in ${country}` : ' (no country code, and the row has no country)'}`,
        );
      phones.push(p);
    }
  }

  let firstName = firstValue(plan, cells, 'firstName');
  let lastName = firstValue(plan, cells, 'lastName');
  const full = firstValue(plan, cells, 'fullName');
  if (full && !firstName && !lastName) ({ firstName, lastName } = splitFullName(full));

  const website = firstValue(plan, cells, 'website');
  const social: Record<string, string> = {};
  const linkedin = firstValue(plan, cells, 'linkedin');
  if (linkedin) social.linkedin = linkedin;

  const address: Address = {};
  const street = firstValue(plan, cells, 'street');
  const city = firstValue(plan, cells, 'city');
  const region = firstValue(plan, cells, 'region');
  const postcode = firstValue(plan, cells, 'postcode');
  if (street) address.street = street;
  if (city) address.city = city;
  if (region) address.region = region;
  if (postcode) address.postcode = postcode;
  if (country) address.country = country;

  const tags = normalizeTags([
    ...cellValues(plan, cells, 'tags').flatMap(({ v }) => v.split(/[,;|]/)),
    ...plan.importTags,
  ]);
  const notes = cellValues(plan, cells, 'notes')
    .map(({ v }) => v)
    .join('\n');

  let lifecycleStage: string | null = null;
  const stage = cellValues(plan, cells, 'lifecycleStage')[0];
  if (stage) {
    lifecycleStage = plan.stages.get(fold(stage.v)) ?? null;
    if (!lifecycleStage)
      throw new Reject(`column "${stage.col.header}": ${q(stage.v)} is not a lifecycle stage of this workspace`);
  }

  const custom = prepareCustom(plan, cells);
  const name = firstValue(plan, cells, 'name');
  let domain = firstValue(plan, cells, 'domain')?.toLowerCase() ?? null;
  if (!domain && website && plan.entity === 'company') domain = domainOf(website);

  const row: PreparedRow = {
    rowNumber,
    firstName,
    lastName,
    name,
    emails: uniq(emails),
    phones: uniq(phones),
    title: firstValue(plan, cells, 'title'),
    companyName: firstValue(plan, cells, 'company'),
    domain,
    industry: firstValue(plan, cells, 'industry'),
    address,
    country,
    language: firstValue(plan, cells, 'language'),
    website,
    social,
    tags,
    notes: notes || null,
    lifecycleStage,
    custom,
  };
  if (plan.entity === 'company') {
    if (!row.name) throw new Reject('no company name');
  } else if (!row.firstName && !row.lastName && !row.emails.length && !row.phones.length && !row.companyName) {
    throw new Reject('no name, email, phone or company');
  }
  return row;
}

function prepareCustom(plan: RowPlan, cells: string[]): CustomValues {
  if (!plan.custom.length) return {};
  const input: CustomValues = {};
  const headerOf = new Map<string, string>();
  for (const { key, col } of plan.custom) {
    const v = (cells[col.index] ?? '').trim();
    if (!v || input[key] !== undefined) continue;
    input[key] = v;
    headerOf.set(`custom.${key}`, col.header);
  }
  const { values, errors } = validateCustomValues(plan.customDefs, input, { partial: true });
  const err = errors[0];
  if (err) throw new Reject(`column "${headerOf.get(err.field) ?? err.field}": ${err.message}`);
  return values;
}
