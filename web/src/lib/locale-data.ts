/** ISO 4217 codes offered in pickers; the API accepts any three-letter code. */
export const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'RON',
  'HUF',
  'PLN',
  'CZK',
  'SEK',
  'NOK',
  'DKK',
  'ILS',
  'TRY',
  'CNY',
  'JPY',
  'INR',
  'AUD',
  'CAD',
  'BRL',
  'ZAR',
  'AED',
];

export function timezoneOptions(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
