import { getCountries } from 'libphonenumber-js/max';
import type { FieldError } from '../../../platform/errors.ts';
import { normalizeEmail, normalizePhone } from '../../crm/index.ts';
import type { FormField } from './schema.ts';

// What a form's fields become on a page (input kinds, options) and how a submission's raw values are read back:
// one place, so the hosted page, the embed's definition and the server's checks agree.

export type CustomFieldDef = { key: string; label: string; type: string; options: string[]; required: boolean };

export type FieldSpec = {
  key: string;
  /** The name of the input: the key itself (`custom.industry` included). */
  name: string;
  label: string;
  required: boolean;
  placeholder: string | null;
  input: 'email' | 'text' | 'tel' | 'number' | 'date' | 'select' | 'checkbox' | 'checkboxes';
  autocomplete: string | null;
  options: { value: string; label: string }[];
};

const STANDARD: Record<string, Pick<FieldSpec, 'input' | 'autocomplete'>> = {
  email: { input: 'email', autocomplete: 'email' },
  firstName: { input: 'text', autocomplete: 'given-name' },
  lastName: { input: 'text', autocomplete: 'family-name' },
  company: { input: 'text', autocomplete: 'organization' },
  phone: { input: 'tel', autocomplete: 'tel' },
  country: { input: 'select', autocomplete: 'country' },
};

const COUNTRY_CODES = getCountries() as string[];

export function countryOptions(lang: string | null): { value: string; label: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang || 'en', 'en'], { type: 'region' });
  } catch {
    names = null;
  }
  return COUNTRY_CODES.map((c) => ({ value: c, label: names?.of(c) ?? c })).sort((a, b) =>
    a.label.localeCompare(b.label, lang || 'en'),
  );
}

/** The form's fields as inputs. A custom field deleted from the CRM since the form was saved is left out. */
export function resolveFields(fields: FormField[], defs: CustomFieldDef[], lang: string | null): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const f of fields) {
    const base = { key: f.key, name: f.key, label: f.label, required: f.required, placeholder: f.placeholder ?? null };
    if (!f.key.startsWith('custom.')) {
      const std = STANDARD[f.key];
      if (!std) continue;
      out.push({ ...base, ...std, options: f.key === 'country' ? countryOptions(lang) : [] });
      continue;
    }
    const def = defs.find((d) => d.key === f.key.slice(7));
    if (!def) continue;
    const input: FieldSpec['input'] =
      def.type === 'number'
        ? 'number'
        : def.type === 'date'
          ? 'date'
          : def.type === 'select'
            ? 'select'
            : def.type === 'multiselect'
              ? 'checkboxes'
              : def.type === 'boolean'
                ? 'checkbox'
                : 'text';
    out.push({
      ...base,
      required: base.required || def.required,
      input,
      autocomplete: null,
      options: def.options.map((o) => ({ value: o, label: o })),
    });
  }
  return out;
}

export type ReadSubmission = {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  country: string | null;
  custom: Record<string, string | number | boolean | string[]>;
  /** What was typed, cleaned, as stored with the submission. */
  values: Record<string, unknown>;
};

const str = (v: unknown): string => {
  if (Array.isArray(v)) return str(v[0]);
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
};
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(str).filter(Boolean);

/**
 * Reads and checks a submission against the form's fields. Errors name the field by its input name and say, in
 * words a visitor understands, what to fix; all of them are collected at once.
 */
export function readSubmission(
  specs: FieldSpec[],
  raw: Record<string, unknown>,
): { ok: true; data: ReadSubmission } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const data: ReadSubmission = {
    email: '',
    firstName: null,
    lastName: null,
    company: null,
    phone: null,
    country: null,
    custom: {},
    values: {},
  };
  const country = str(raw.country).toUpperCase() || null;
  for (const s of specs) {
    const v = raw[s.name];
    if (s.input === 'checkboxes') {
      const picked = list(v);
      const allowed = new Set(s.options.map((o) => o.value));
      if (picked.some((p) => !allowed.has(p))) errors.push({ field: s.name, message: 'Choose from the options given' });
      else if (s.required && !picked.length) errors.push({ field: s.name, message: `${s.label} is required` });
      else if (picked.length) data.custom[s.key.slice(7)] = picked;
      if (picked.length) data.values[s.key] = picked;
      continue;
    }
    if (s.input === 'checkbox') {
      const on = ['on', 'true', '1', 'yes'].includes(str(v).toLowerCase());
      if (s.required && !on) errors.push({ field: s.name, message: `${s.label} is required` });
      else data.custom[s.key.slice(7)] = on;
      data.values[s.key] = on;
      continue;
    }
    const text = str(v).slice(0, 2000);
    if (!text) {
      if (s.required) errors.push({ field: s.name, message: `${s.label} is required` });
      continue;
    }
    data.values[s.key] = text;
    switch (s.key) {
      case 'email': {
        const e = normalizeEmail(text);
        if (!e) errors.push({ field: s.name, message: 'Enter a valid email address, like name@example.com' });
        else data.email = e;
        break;
      }
      case 'firstName':
        data.firstName = text.slice(0, 120);
        break;
      case 'lastName':
        data.lastName = text.slice(0, 120);
        break;
      case 'company':
        data.company = text.slice(0, 200);
        break;
      case 'country':
        if (!COUNTRY_CODES.includes(text.toUpperCase()))
          errors.push({ field: s.name, message: 'Choose a country from the list' });
        else data.country = text.toUpperCase();
        break;
      case 'phone': {
        const p = normalizePhone(text, country);
        if (!p)
          errors.push({
            field: s.name,
            message: 'Enter a valid phone number, with its country code (for example +44 20 7946 0000)',
          });
        else data.phone = p;
        break;
      }
      default: {
        const key = s.key.slice(7);
        if (s.input === 'number') {
          const n = Number(text.replace(',', '.'));
          if (!Number.isFinite(n)) errors.push({ field: s.name, message: `${s.label} must be a number` });
          else data.custom[key] = n;
        } else if (s.input === 'date') {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text)))
            errors.push({ field: s.name, message: `${s.label} must be a date (YYYY-MM-DD)` });
          else data.custom[key] = text;
        } else if (s.input === 'select') {
          if (!s.options.some((o) => o.value === text))
            errors.push({ field: s.name, message: 'Choose from the options given' });
          else data.custom[key] = text;
        } else data.custom[key] = text;
      }
    }
  }
  if (!specs.some((s) => s.key === 'email')) errors.push({ field: 'email', message: 'This form has no email field' });
  return errors.length ? { ok: false, errors } : { ok: true, data };
}

export function normalizeTagList(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().replace(/\s+/g, ' ').slice(0, 80)).filter(Boolean))];
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** utm_* parameters of the page the form was on (the embed passes its URL; the hosted page its own query). */
export function utmOf(pageUrl: string | null, query?: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  let params: URLSearchParams | null = null;
  if (pageUrl) {
    try {
      params = new URL(pageUrl).searchParams;
    } catch {
      params = null;
    }
  }
  for (const k of UTM_KEYS) {
    const v = params?.get(k) ?? (query ? str(query[k]) : '');
    if (v) out[k] = v.slice(0, 200);
  }
  return out;
}

/** Only http(s) page addresses are kept as evidence; anything else is dropped rather than stored. */
export function cleanPageUrl(raw: unknown): string | null {
  const s = str(raw).slice(0, 2000);
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
