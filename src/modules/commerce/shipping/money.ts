// Amounts in rate cards are written in major units ("4.95"); everything else is integer minor units of the card's
// currency, with the ISO 4217 exponent (platform/money.ts).
import { currencyDigits } from '../../../platform/money.ts';

export { isCurrency } from '../../../platform/money.ts';

/** Cards and quotes only carry codes checked by `isCurrency`; 2 stands in for anything else. */
export const currencyExponent = (currency: string): number => currencyDigits(currency) ?? 2;

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
