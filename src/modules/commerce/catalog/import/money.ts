// Prices in spreadsheets are written in major units ("19.99"); the catalog keeps integer minor units with the ISO
// 4217 exponent of the currency (platform/money.ts).
import { currencyDigits } from '../../../../platform/money.ts';

export { isCurrency } from '../../../../platform/money.ts';

const DECIMAL = /^(\d{1,10})(?:[.,](\d+))?$/;

/**
 * "19.99" → 1999 in EUR; a comma is accepted as the decimal mark. Null when it is not a non-negative decimal or has
 * more decimals than the currency has minor units ("4.955" EUR) — rounding a price silently would be wrong.
 */
export function parseMajor(raw: string, currency: string): number | null {
  const m = DECIMAL.exec(raw.trim().replace(/^[^\d-]+/, ''));
  if (!m) return null;
  const exp = currencyDigits(currency);
  if (exp === null) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) return null;
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}
