import { dayOf } from './calendar.ts';

export const TAGS = ['cheapest', 'fastest', 'best_value'] as const;
export type Tag = (typeof TAGS)[number];

export type Rankable = {
  priceMinor: number;
  eta: { earliest: string; latest: string };
  carrierName: string;
  serviceName: string;
};

/** Cheaper first; at equal price the one surely there sooner (latest date), then the earlier earliest date. */
function compare(a: Rankable, b: Rankable): number {
  return (
    a.priceMinor - b.priceMinor ||
    a.eta.latest.localeCompare(b.eta.latest) ||
    a.eta.earliest.localeCompare(b.eta.earliest) ||
    a.carrierName.localeCompare(b.carrierName) ||
    a.serviceName.localeCompare(b.serviceName)
  );
}

/**
 * Orders the options in place and tags them (docs/commerce/shipping.md, "Ranking"):
 * - cheapest: the lowest price (the first in the ranking);
 * - fastest: the earliest latest-delivery date (the date it is there at the latest), then the earliest earliest
 *   date, then the lower price;
 * - best_value: the option closest to the ideal of cheapest and fastest. Price and days-to-latest-delivery are each
 *   scaled to 0..1 over the spread of this quote's options (0 = the best of them) and added; the lowest sum wins,
 *   ties go to the cheaper. With one option, it carries all three tags.
 * Mutates and answers `options` (sorted, `rank` 1…n, `tags` set): the engine builds each option once.
 */
export function rankOptions<T extends Rankable & { rank: number; tags: Tag[] }>(options: T[], today: string): T[] {
  options.sort(compare);
  const n = options.length;
  if (!n) return options;
  const t0 = dayOf(today);
  let fastest = 0;
  let pMin = Number.POSITIVE_INFINITY;
  let pMax = Number.NEGATIVE_INFINITY;
  let dMin = Number.POSITIVE_INFINITY;
  let dMax = Number.NEGATIVE_INFINITY;
  const days = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const o = options[i]!;
    o.rank = i + 1;
    const f = options[fastest]!;
    if (o.eta.latest < f.eta.latest || (o.eta.latest === f.eta.latest && o.eta.earliest < f.eta.earliest)) fastest = i;
    const d = dayOf(o.eta.latest) - t0;
    days[i] = d;
    if (o.priceMinor < pMin) pMin = o.priceMinor;
    if (o.priceMinor > pMax) pMax = o.priceMinor;
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
  }
  const pSpan = pMax - pMin || 1;
  const dSpan = dMax - dMin || 1;
  let best = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const score = (options[i]!.priceMinor - pMin) / pSpan + (days[i]! - dMin) / dSpan;
    // Strictly lower only: at a tie the earlier in the ranking (the cheaper) keeps it.
    if (score < bestScore - 1e-9) {
      best = i;
      bestScore = score;
    }
  }
  options[0]!.tags.push('cheapest');
  options[fastest]!.tags.push('fastest');
  options[best]!.tags.push('best_value');
  return options;
}
