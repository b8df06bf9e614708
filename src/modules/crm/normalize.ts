import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

const EMAIL_RE = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/;

/** Lower-cased and trimmed; `null` when it is not an address. Dedupe compares these. */
export function normalizeEmail(raw: string): string | null {
  const e = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL_RE.test(e) && e.length <= 254 ? e : null;
}

export function toCountryCode(country: string | null | undefined): CountryCode | undefined {
  const c = country?.trim().toUpperCase();
  return c && c.length === 2 && isSupportedCountry(c) ? (c as CountryCode) : undefined;
}

/**
 * E.164 (`+31612345678`), or `null` when the number is not valid. A number without a country prefix is read in the
 * contact's country when known; without one it cannot be placed and is reported as invalid rather than guessed.
 */
export function normalizePhone(raw: string, country?: string | null): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const candidate = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, toCountryCode(country));
  return parsed?.isValid() ? parsed.number : null;
}

export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of tags) {
    const v = t.trim().replace(/\s+/g, ' ').slice(0, 80);
    if (v) seen.add(v);
  }
  return [...seen];
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
