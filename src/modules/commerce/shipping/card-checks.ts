import type { Band, CardIssue, RemoteRule, ZoneRule } from './card-types.ts';
import { contains, describeMatcher, nestingDepths, overlaps } from './postcodes.ts';

const kg = (g: number) => `${g / 1000} kg`;

/**
 * Weight bands of one service in one zone must tile the scale from 0 kg: each band starts where the previous one
 * ends (min inclusive, max exclusive). A gap would leave weights unpriced, an overlap would price them twice.
 */
export function checkBands(service: string, zone: string, bands: (Band & { line: number })[]): CardIssue[] {
  const issues: CardIssue[] = [];
  const sorted = [...bands].sort((a, b) => a.minGrams - b.minGrams || a.maxGrams - b.maxGrams);
  const first = sorted[0];
  if (first && first.minGrams > 0)
    issues.push({
      line: first.line,
      column: 'min_kg',
      message: `gap: ${service} in ${zone} prices nothing from 0 kg to ${kg(first.minGrams)} (the first band starts at 0)`,
    });
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.minGrams < prev.maxGrams)
      issues.push({
        line: b.line,
        column: 'min_kg',
        message: `overlap: ${service} in ${zone} band ${kg(b.minGrams)}–${kg(b.maxGrams)} overlaps ${kg(prev.minGrams)}–${kg(prev.maxGrams)} on line ${prev.line}`,
      });
    else if (b.minGrams > prev.maxGrams)
      issues.push({
        line: b.line,
        column: 'min_kg',
        message: `gap: ${service} in ${zone} prices nothing from ${kg(prev.maxGrams)} (line ${prev.line}) to ${kg(b.minGrams)}`,
      });
  }
  return issues;
}

const where = (z: ZoneRule) =>
  z.postcode
    ? `postcodes ${describeMatcher(z.postcode)}`
    : z.city
      ? `city ${z.city}`
      : z.region
        ? `region ${z.region}`
        : 'the whole country';

/**
 * Two zones may not claim the same place at the same level of precision, or it would be a coin toss which one
 * prices a parcel: the same country, region or city twice, or postcode matchers that overlap without one lying
 * inside the other (inside is fine: the inner one is more specific and wins).
 */
export function checkZoneRules(zones: ZoneRule[]): CardIssue[] {
  const issues: CardIssue[] = [];
  const byKey = new Map<string, ZoneRule>();
  for (const z of zones) {
    if (z.postcode) continue;
    const key = `${z.country}|${z.region ?? ''}|${z.city ?? ''}`;
    const twin = byKey.get(key);
    if (twin && twin.zone !== z.zone)
      issues.push({
        line: z.line,
        column: z.city ? 'city' : z.region ? 'region' : 'country',
        message: `${z.country} ${where(z)} is already in zone ${twin.zone} (line ${twin.line})`,
      });
    else if (!twin) byKey.set(key, z);
  }
  const byCountry = new Map<string, ZoneRule[]>();
  for (const z of zones) if (z.postcode) byCountry.set(z.country, [...(byCountry.get(z.country) ?? []), z]);
  for (const list of byCountry.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.zone === b.zone || !overlaps(a.postcode!, b.postcode!)) continue;
        const aInB = contains(b.postcode!, a.postcode!);
        const bInA = contains(a.postcode!, b.postcode!);
        if (aInB && bInA)
          issues.push({
            line: a.line,
            column: 'postcode',
            message: `${a.country} ${where(a)} matches the same postcodes as zone ${b.zone} on line ${b.line}`,
          });
        else if (!aInB && !bInA)
          issues.push({
            line: a.line,
            column: 'postcode',
            message: `${a.country} ${where(a)} partly overlaps ${where(b)} of zone ${b.zone} on line ${b.line}: make one lie inside the other, or split them`,
          });
      }
    }
  }
  return issues;
}

/**
 * Remote-area rows follow the zone rule (the innermost matching row applies) and get their nesting depth here.
 * Rows of one scope (a service, or every service) and country may overlap only by nesting, unless they charge the
 * same amount (then it does not matter which one applies).
 */
export function checkRemoteRules(
  rows: (Omit<RemoteRule, 'depth'> & { line: number })[],
  issues: CardIssue[],
): RemoteRule[] {
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.service ?? ''}|${r.country}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: RemoteRule[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.amountMinor === b.amountMinor || !overlaps(a.postcode, b.postcode)) continue;
        const aInB = contains(b.postcode, a.postcode);
        const bInA = contains(a.postcode, b.postcode);
        if (aInB === bInA)
          issues.push({
            line: a.line,
            column: 'postcode',
            message: `remote postcodes ${describeMatcher(a.postcode)} ${aInB ? 'repeat' : 'partly overlap'} ${describeMatcher(b.postcode)} on line ${b.line} with another price`,
          });
      }
    }
    const depths = nestingDepths(list.map((r) => r.postcode));
    list.forEach(({ line: _l, ...r }, i) => {
      out.push({ ...r, depth: depths[i]! });
    });
  }
  return out;
}
