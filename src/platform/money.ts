// Money is integer minor units plus an ISO 4217 code (architecture rule 5). Which codes exist, and how many decimals
// each minor unit has (JPY 0, EUR 2, KWD 3), come from the ICU data Node ships: one source for every module.

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const digits = new Map<string, number | null>();

/** An ISO 4217 code as written (upper case): EUR, JPY. */
export const isCurrency = (code: string): boolean => CURRENCIES.has(code);

/** Decimals of the currency's minor unit; null for a code that is no currency. Cached: hot paths ask per amount. */
export function currencyDigits(code: string): number | null {
  let d = digits.get(code);
  if (d === undefined) {
    try {
      d =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = null;
    }
    if (digits.size < 1000) digits.set(code, d);
  }
  return d;
}
