// Amounts in rate cards are written in major units ("4.95"); everything else is integer minor units of the card's
// currency, with the ISO 4217 exponent (JPY 0, EUR 2, BHD 3) taken from the ICU data Node ships.

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const exponents = new Map<string, number>();

export const isCurrency = (code: string): boolean => CURRENCIES.has(code);

export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, e);
  }
  return e;
}

const DECIMAL = /^(\d{1,9})(?:[.,](\d+))?$/;

/**
 * "4.95" → 495 in EUR; a comma is accepted as the decimal mark (spreadsheets in most of Europe write it). Null when
 * it is not a non-negative decimal or has more decimals than the currency has minor units ("4.955" EUR).
 */
export function parseMajor(raw: string, currency: string): number | null {
  const m = DECIMAL.exec(raw.trim());
  if (!m) return null;
  const exp = currencyExponent(currency);
  const frac = m[2] ?? '';
  if (frac.length > exp) return null;
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}

/** 495 → "4.95" (EUR): for labels and for carrier APIs that take decimal strings. */
export function formatMajor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, '0');
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}
