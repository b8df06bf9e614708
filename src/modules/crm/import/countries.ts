import { getCountries } from 'libphonenumber-js/max';

const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'cs',
  'ru',
  'uk',
  'tr',
  'sv',
  'da',
  'no',
  'fi',
  'hu',
  'ro',
];

/** Names people write that CLDR does not list. */
const ALIASES: Record<string, string> = {
  uk: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  america: 'US',
  'united states of america': 'US',
  holland: 'NL',
  'the netherlands': 'NL',
  russia: 'RU',
  'south korea': 'KR',
  korea: 'KR',
  'czech republic': 'CZ',
  uae: 'AE',
  deutschland: 'DE',
  'p.r. china': 'CN',
  prc: 'CN',
};

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

let byName: Map<string, string> | null = null;

/** Country names in the usual languages of our users, from the ICU data Node ships (built once, on first use). */
function names(): Map<string, string> {
  if (byName) return byName;
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(ALIASES)) m.set(fold(k), v);
  for (const locale of LOCALES) {
    const dn = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const n = dn.of(code);
      if (n && !m.has(fold(n))) m.set(fold(n), code);
    }
  }
  byName = m;
  return m;
}

const codes = new Set<string>(getCountries());

/** "DE", "Germany", "Deutschland", "Allemagne" → "DE"; `null` when it names no country we know. */
export function toIsoCountry(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (v.length === 2 && codes.has(v.toUpperCase())) return v.toUpperCase();
  return names().get(fold(v)) ?? null;
}
