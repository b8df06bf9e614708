import type { RemoteRule, ZoneRule } from './card-types.ts';
import { foldName } from './card-values.ts';
import { matchesPostcode, nestingDepths, normalisePostcode, type PostcodeMatcher } from './postcodes.ts';

/** A destination as the index compares it: country code, postcode normalised, region and city folded. */
export type Place = { country: string; postcode: string | null; region: string | null; city: string | null };

export const toPlace = (d: {
  country: string;
  postcode?: string | null;
  region?: string | null;
  city?: string | null;
}): Place => ({
  country: d.country,
  postcode: d.postcode ? normalisePostcode(d.postcode) || null : null,
  region: d.region ? foldName(d.region) || null : null,
  city: d.city ? foldName(d.city) || null : null,
});

type Ranked = { zone: string; depth: number };
type CountryIndex = {
  prefixes: Map<string, Ranked>;
  longestPrefix: number;
  ranges: (Ranked & { m: Extract<PostcodeMatcher, { kind: 'range' }> })[];
  cityRegion: Map<string, string>;
  city: Map<string, string>;
  region: Map<string, string>;
  country: string | null;
};

/**
 * Which zones of one card a place is in, most specific first. Precedence (docs/commerce/shipping.md):
 *   1. postcode rows (prefix or range) — among several, the innermost (deepest nested) first;
 *   2. city + region rows;  3. city rows;  4. region rows;  5. country rows.
 * A quote then takes, per service, the first of these zones that the service has prices for.
 */
export class ZoneIndex {
  private readonly countries = new Map<string, CountryIndex>();

  constructor(rules: readonly ZoneRule[]) {
    const byCountry = new Map<string, ZoneRule[]>();
    for (const r of rules) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
    for (const [country, list] of byCountry) {
      const c: CountryIndex = {
        prefixes: new Map(),
        longestPrefix: 0,
        ranges: [],
        cityRegion: new Map(),
        city: new Map(),
        region: new Map(),
        country: null,
      };
      const pc = list.filter((r) => r.postcode);
      const depths = nestingDepths(pc.map((r) => r.postcode!));
      pc.forEach((r, i) => {
        const m = r.postcode!;
        const ranked = { zone: r.zone, depth: depths[i]! };
        if (m.kind === 'prefix') {
          if (!c.prefixes.has(m.prefix)) c.prefixes.set(m.prefix, ranked);
          c.longestPrefix = Math.max(c.longestPrefix, m.prefix.length);
        } else c.ranges.push({ ...ranked, m });
      });
      // First row wins within a level; the parser refused two zones claiming the same place.
      for (const r of list) {
        if (r.postcode) continue;
        if (r.city && r.region) setOnce(c.cityRegion, `${r.city}|${r.region}`, r.zone);
        else if (r.city) setOnce(c.city, r.city, r.zone);
        else if (r.region) setOnce(c.region, r.region, r.zone);
        else c.country ??= r.zone;
      }
      this.countries.set(country, c);
    }
  }

  get countryCodes(): string[] {
    return [...this.countries.keys()];
  }

  resolve(p: Place): string[] {
    const c = this.countries.get(p.country);
    if (!c) return [];
    const out: string[] = [];
    if (p.postcode) {
      const hits: Ranked[] = [];
      for (let k = Math.min(p.postcode.length, c.longestPrefix); k > 0; k--) {
        const h = c.prefixes.get(p.postcode.slice(0, k));
        if (h) hits.push(h);
      }
      for (const r of c.ranges) if (matchesPostcode(r.m, p.postcode)) hits.push(r);
      if (hits.length > 1) hits.sort((a, b) => b.depth - a.depth);
      for (const h of hits) out.push(h.zone);
    }
    if (p.city) {
      const cr = p.region ? c.cityRegion.get(`${p.city}|${p.region}`) : undefined;
      if (cr) out.push(cr);
      const ci = c.city.get(p.city);
      if (ci) out.push(ci);
    }
    if (p.region) {
      const re = c.region.get(p.region);
      if (re) out.push(re);
    }
    if (c.country) out.push(c.country);
    return out.length > 1 ? [...new Set(out)] : out;
  }
}

function setOnce(m: Map<string, string>, k: string, v: string) {
  if (!m.has(k)) m.set(k, v);
}

/** The remote-area rows one service uses: its own if the card has any for it, else the card-wide ones. */
export class RemoteIndex {
  private readonly byScope = new Map<string | null, Map<string, RemoteRule[]>>();
  constructor(rules: readonly RemoteRule[]) {
    for (const r of rules) {
      let byCountry = this.byScope.get(r.service);
      if (!byCountry) {
        byCountry = new Map();
        this.byScope.set(r.service, byCountry);
      }
      byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
    }
  }
  /** The innermost matching row's amount for this service and place, or null. */
  match(service: string, p: Place): RemoteRule | null {
    if (!p.postcode) return null;
    const rules = (this.byScope.get(service) ?? this.byScope.get(null))?.get(p.country);
    let best: RemoteRule | null = null;
    for (const r of rules ?? [])
      if (matchesPostcode(r.postcode, p.postcode) && (!best || r.depth > best.depth)) best = r;
    return best;
  }
}
