import type { OrderAddressInput } from './orders-port.ts';

// Small normalisers shared by the storefront and CSV mappers: outside data is untidy (empty strings for "none",
// "NULL" from some exporters, a leading apostrophe that keeps a postcode's zeros in Excel).

/** A trimmed non-empty string cut to `max`, or undefined. */
export function str(v: unknown, max = 500): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '').trim();
  if (!s || s.toUpperCase() === 'NULL') return undefined;
  return s.slice(0, max);
}

/** Spreadsheet exports prefix postcodes with ' so that "01234" keeps its zero: that mark is not part of the code. */
export const postcode = (v: unknown): string | undefined => str(v, 40)?.replace(/^'+/, '') || undefined;

/** "Anna Maria Schmidt" → first "Anna Maria", last "Schmidt" (the last word is the family name, as exports assume). */
export function splitName(full: string | undefined): { firstName?: string; lastName?: string } {
  if (!full) return {};
  const parts = full.split(/\s+/).filter(Boolean);
  if (parts.length === 1) return { firstName: parts[0]! };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1]! };
}

export type RawAddress = {
  name?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  company?: string | undefined;
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postcode?: string | undefined;
  country?: string | undefined;
  phone?: string | undefined;
};

/**
 * An address the order can keep, or undefined when the storefront sent none (digital goods, pickup in store).
 * An address with some parts but no street, city or country is reported rather than half-kept.
 */
export function address(
  raw: RawAddress | undefined,
  field: string,
  errors: { field: string; message: string }[],
): OrderAddressInput | undefined {
  if (!raw) return undefined;
  const name = raw.name ?? ([raw.firstName, raw.lastName].filter(Boolean).join(' ') || undefined);
  const line1 = raw.line1;
  const city = raw.city;
  const country = raw.country?.toUpperCase();
  if (!line1 && !city && !country) return undefined;
  if (!line1 || !city || !country) {
    const missing = [!line1 && 'street', !city && 'city', !country && 'country'].filter(Boolean).join(', ');
    errors.push({ field, message: `is incomplete (no ${missing})` });
    return undefined;
  }
  if (!/^[A-Z]{2}$/.test(country)) {
    errors.push({ field: `${field}.country`, message: `"${raw.country}" is not a two-letter country code` });
    return undefined;
  }
  const out: OrderAddressInput = { line1, city, country };
  if (name) out.name = name;
  if (raw.company) out.company = raw.company;
  if (raw.line2) out.line2 = raw.line2;
  if (raw.region) out.region = raw.region;
  if (raw.postcode) out.postcode = raw.postcode;
  if (raw.phone) out.phone = raw.phone;
  return out;
}

/** Tags as the storefront lists them ("vip, wholesale"), trimmed, de-duplicated, at most 50. */
export function tagList(v: unknown): string[] | undefined {
  const s = str(v, 5000);
  if (!s) return undefined;
  const tags = [...new Set(s.split(',').map((t) => t.trim().slice(0, 80)))].filter(Boolean).slice(0, 50);
  return tags.length ? tags : undefined;
}

/** An ISO 8601 instant, or undefined when the value is not one. */
export function isoInstant(v: unknown): string | undefined {
  const s = str(v, 64);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
