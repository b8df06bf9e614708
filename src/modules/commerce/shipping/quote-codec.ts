import { dayOf, isoOf } from './calendar.ts';
import type { ServiceKind } from './card-types.ts';
import type { QuoteOption } from './quote-engine.ts';
import { TAGS, type Tag } from './rank.ts';

// How a quote's options are stored. The answer repeats carrier names, service ids and names, line labels and dates
// on every option (~40 KB for 50 options); stored like that, a busy product-page widget writes gigabytes a day and
// PostgreSQL spends its time parsing and compressing them. Stored here: each carrier, service and line label once,
// options as arrays referring to them, dates as day numbers — about a quarter of the size, same content. Options are
// kept in ranked order, so an option's id and rank follow from its position.

type CarrierRef = [
  carrierId: string,
  carrierName: string,
  rateCardId: string | null,
  version: number | null,
  source: QuoteOption['source'],
];
type ServiceRef = [serviceId: string, serviceName: string, kind: ServiceKind];
type LabelRef = [code: string, label: string];
type OptionRow = [
  carrier: number,
  service: number,
  priceMinor: number,
  lines: [label: number, amountMinor: number][],
  dispatchDay: number,
  earliestOffset: number,
  latestOffset: number,
  transitMin: number,
  transitMax: number,
  zone: string | null,
  chargeableGrams: number | null,
  carrierReference: string | null,
  tags: number,
];
export type StoredOptions = { v: 1; currency: string; c: CarrierRef[]; s: ServiceRef[]; l: LabelRef[]; o: OptionRow[] };

const indexer = <K>() => {
  const map = new Map<K, number>();
  return (key: K, add: () => void): number => {
    let i = map.get(key);
    if (i === undefined) {
      i = map.size;
      map.set(key, i);
      add();
    }
    return i;
  };
};

/** Options (in ranked order, all in one currency) → the stored form. */
export function encodeOptions(options: readonly QuoteOption[], currency: string): StoredOptions {
  const out: StoredOptions = { v: 1, currency, c: [], s: [], l: [], o: [] };
  const carrier = indexer<string>();
  const service = indexer<string>();
  const label = indexer<string>();
  for (const o of options) {
    const ci = carrier(`${o.carrierId}|${o.rateCardId}|${o.source}`, () =>
      out.c.push([o.carrierId, o.carrierName, o.rateCardId, o.rateCardVersion, o.source]),
    );
    const si = service(`${o.serviceId}|${o.serviceName}|${o.serviceKind}`, () =>
      out.s.push([o.serviceId, o.serviceName, o.serviceKind]),
    );
    const lines = o.breakdown.map((l): [number, number] => [
      label(`${l.code}|${l.label}`, () => out.l.push([l.code, l.label])),
      l.amountMinor,
    ]);
    const dispatch = dayOf(o.eta.dispatch);
    let tags = 0;
    for (const t of o.tags) tags |= 1 << TAGS.indexOf(t);
    out.o.push([
      ci,
      si,
      o.priceMinor,
      lines,
      dispatch,
      dayOf(o.eta.earliest) - dispatch,
      dayOf(o.eta.latest) - dispatch,
      o.transitDays.min,
      o.transitDays.max,
      o.zone,
      o.chargeableWeightGrams,
      o.carrierReference,
      tags,
    ]);
  }
  return out;
}

/** The stored form → the options exactly as they were answered. */
export function decodeOptions(stored: StoredOptions): QuoteOption[] {
  return stored.o.map((r, i) => {
    const [carrierId, carrierName, rateCardId, rateCardVersion, source] = stored.c[r[0]]!;
    const [serviceId, serviceName, serviceKind] = stored.s[r[1]]!;
    const tags: Tag[] = TAGS.filter((_, b) => r[12] & (1 << b));
    return {
      id: `o${i + 1}`,
      rank: i + 1,
      tags,
      source,
      carrierId,
      carrierName,
      serviceId,
      serviceName,
      serviceKind,
      priceMinor: r[2],
      currency: stored.currency,
      breakdown: r[3].map(([li, amountMinor]) => {
        const [code, label] = stored.l[li]!;
        return { code, label, amountMinor };
      }),
      eta: { dispatch: isoOf(r[4]), earliest: isoOf(r[4] + r[5]), latest: isoOf(r[4] + r[6]) },
      transitDays: { min: r[7], max: r[8] },
      rateCardId,
      rateCardVersion,
      zone: r[9],
      chargeableWeightGrams: r[10],
      carrierReference: r[11],
    };
  });
}
