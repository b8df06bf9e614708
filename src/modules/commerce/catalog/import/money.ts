// Prices in spreadsheets are written in major units ("19.99"); the catalog keeps integer minor units with the ISO
// 4217 exponent of the currency (JPY 0, EUR 2, KWD 3), taken from the ICU data Node ships.

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: string): boolean => CURRENCIES.has(code);

export const currencyExponent = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

const DECIMAL = /^(\d{1,10})(?:[.,](\d+))?$/;

/**
 * "19.99" → 1999 in EUR; a comma is accepted as the decimal mark. Null when it is not a non-negative decimal or has
 * more decimals than the currency has minor units ("4.955" EUR) — rounding a price silently would be wrong.
 */
export function parseMajor(raw: string, currency: string): number | null {
  const m = DECIMAL.exec(raw.trim().replace(/^[^\d-]+/, ''));
  if (!m) return null;
  const exp = currencyExponent(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) return null;
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}
