import type { CodRule, FuelRule, OversizeRule, RateCardDefinition, ServiceTariff, ZonePrice } from './card-types.ts';
import { formatMajor } from './money.ts';

// The price of one service for a set of parcels in one zone, line by line. Pure and synchronous: the quote engine
// calls it for every service of every card on each quote.

export type Parcel = { weightGrams: number; lengthMm: number | null; widthMm: number | null; heightMm: number | null };

export type BreakdownLine = { code: string; label: string; amountMinor: number };

export type Priced =
  | { ok: true; lines: BreakdownLine[]; totalMinor: number; chargeableGrams: number }
  | { ok: false; reason: string };

export type Surcharges = {
  fuel: FuelRule | null;
  cod: CodRule | null;
  oversize: OversizeRule | null;
  /** Amount of the remote-area row matching the destination, if any. */
  remoteMinor: number | null;
};

const kg = (g: number) => `${Number((g / 1000).toFixed(3))} kg`;
const longestSide = (p: Parcel) => Math.max(p.lengthMm ?? 0, p.widthMm ?? 0, p.heightMm ?? 0);

/**
 * Chargeable weight of a parcel: the larger of its actual weight and its dimensional weight (L×W×H in cm³ divided by
 * the card's divisor, in kg — with millimetres and grams that is mm³ / divisor, rounded up to the gram), then rounded
 * up to the card's weight step.
 */
export function chargeableGrams(p: Parcel, card: Pick<RateCardDefinition, 'dimDivisor' | 'weightStepGrams'>): number {
  let w = p.weightGrams;
  if (card.dimDivisor && p.lengthMm && p.widthMm && p.heightMm)
    w = Math.max(w, Math.ceil((p.lengthMm * p.widthMm * p.heightMm) / card.dimDivisor));
  const step = card.weightStepGrams;
  return step > 0 ? Math.ceil(w / step) * step : w;
}

/**
 * Base price of one parcel by its chargeable weight: the band with min ≤ w < max; at or above the last band's max,
 * that band's price plus the per-kg price for every kilogram above it (pro rata to the gram: the weight step decides
 * how finely that is counted). Null when the weight is above what the zone prices.
 */
export function bandPrice(zp: ZonePrice, w: number): { baseMinor: number; perKgMinor: number } | { over: number } {
  const bands = zp.bands;
  // Bands are few (a handful to a few dozen) and sorted: a linear scan beats a binary search at that size.
  for (const b of bands) if (w >= b.minGrams && w < b.maxGrams) return { baseMinor: b.priceMinor, perKgMinor: 0 };
  const last = bands[bands.length - 1]!;
  if (zp.perKgMinor === null || (zp.perKgMaxGrams !== null && w > zp.perKgMaxGrams))
    return { over: zp.perKgMaxGrams ?? last.maxGrams };
  return { baseMinor: last.priceMinor, perKgMinor: Math.round(((w - last.maxGrams) * zp.perKgMinor) / 1000) };
}

/**
 * Every line of one option, in the order they are computed: base, per_kg, oversize, remote, fuel (a percentage of
 * the transport charges above it), cod (a percentage of the amount to collect, at least its minimum). Each line is
 * rounded to the minor unit (half up); the total is the sum of the lines.
 */
export function priceService(
  card: Pick<RateCardDefinition, 'dimDivisor' | 'weightStepGrams' | 'currency'>,
  service: Pick<ServiceTariff, 'maxGrams' | 'maxSideMm'>,
  zp: ZonePrice,
  parcels: readonly Parcel[],
  s: Surcharges,
  cashOnDeliveryMinor: number | null,
): Priced {
  let base = 0;
  let perKg = 0;
  let oversize = 0;
  let oversized = 0;
  let chargeable = 0;
  for (const p of parcels) {
    if (service.maxGrams !== null && p.weightGrams > service.maxGrams)
      return { ok: false, reason: `a parcel weighs more than the ${kg(service.maxGrams)} limit` };
    const side = longestSide(p);
    if (service.maxSideMm !== null && side > service.maxSideMm)
      return { ok: false, reason: `a parcel is longer than the ${service.maxSideMm / 10} cm limit` };
    const w = chargeableGrams(p, card);
    const price = bandPrice(zp, w);
    if ('over' in price)
      return { ok: false, reason: `a parcel's chargeable weight ${kg(w)} is above the ${kg(price.over)} limit` };
    base += price.baseMinor;
    perKg += price.perKgMinor;
    chargeable += w;
    if (s.oversize && side > s.oversize.sideMm) {
      oversize += s.oversize.amountMinor;
      oversized++;
    }
  }
  const n = parcels.length;
  const lines: BreakdownLine[] = [
    { code: 'base', label: n > 1 ? `Base rate (${n} parcels)` : 'Base rate', amountMinor: base },
  ];
  if (perKg) {
    const lastMax = zp.bands[zp.bands.length - 1]!.maxGrams;
    lines.push({ code: 'per_kg', label: `Weight above ${kg(lastMax)}`, amountMinor: perKg });
  }
  if (oversize)
    lines.push({
      code: 'oversize',
      label: `Oversize (side over ${s.oversize!.sideMm / 10} cm${oversized > 1 ? `, ${oversized} parcels` : ''})`,
      amountMinor: oversize,
    });
  const remote = s.remoteMinor ?? 0;
  if (remote) lines.push({ code: 'remote', label: 'Remote area', amountMinor: remote });
  if (s.fuel && s.fuel.percent > 0) {
    const fuel = Math.round(((base + perKg + oversize + remote) * s.fuel.percent) / 100);
    lines.push({ code: 'fuel', label: `Fuel surcharge (${s.fuel.percent}%)`, amountMinor: fuel });
  }
  if (cashOnDeliveryMinor !== null) {
    if (!s.cod) return { ok: false, reason: 'cash on delivery is not offered' };
    const fee = Math.max(s.cod.minMinor, Math.round((cashOnDeliveryMinor * s.cod.percent) / 100));
    const min = s.cod.minMinor ? `, min ${formatMajor(s.cod.minMinor, card.currency)}` : '';
    lines.push({ code: 'cod', label: `Cash on delivery (${s.cod.percent}%${min})`, amountMinor: fee });
  }
  return { ok: true, lines, totalMinor: lines.reduce((t, l) => t + l.amountMinor, 0), chargeableGrams: chargeable };
}
