import { applyRules } from './apply-rules.ts';
import { cutoffMinutes, estimateDelivery, isoOf, type LocalNow } from './calendar.ts';
import type { ServiceKind, TransitDays } from './card-types.ts';
import type { QuoteIndex } from './quote-index.ts';
import { rankOptions, type Tag } from './rank.ts';
import type { BreakdownLine, Parcel } from './tariff.ts';
import { priceService } from './tariff.ts';
import type { Place } from './zone-index.ts';

// The quote engine: synchronous, no I/O. Rate-card options come from the in-memory index; adapter options (carrier
// APIs) are fetched by create-quote.ts and joined here before rules and ranking.

export type QuoteInput = {
  place: Place;
  parcels: Parcel[];
  currency: string;
  cashOnDeliveryMinor: number | null;
  orderValueMinor: number | null;
  now: LocalNow;
};

/** An option before the workspace's rules, ranking and id. */
export type RawOption = {
  source: 'rate_card' | 'carrier_api';
  carrierId: string;
  carrierName: string;
  serviceId: string;
  serviceName: string;
  serviceKind: ServiceKind;
  currency: string;
  lines: BreakdownLine[];
  transitDays: TransitDays;
  eta: { dispatch: string; earliest: string; latest: string };
  rateCardId: string | null;
  rateCardVersion: number | null;
  zone: string | null;
  chargeableWeightGrams: number | null;
  /** The carrier's own id of this rate (adapters), to book it later. */
  carrierReference: string | null;
};

export type QuoteOption = Omit<RawOption, 'lines'> & {
  id: string;
  rank: number;
  tags: Tag[];
  priceMinor: number;
  breakdown: BreakdownLine[];
};

export type Unavailable = {
  carrierId: string;
  carrierName: string;
  serviceId: string | null;
  serviceName: string | null;
  reason: string;
};
export type QuoteWarning = { code: string; message: string; carrierId?: string };

export function rateCardOptions(
  index: QuoteIndex,
  input: QuoteInput,
): { options: RawOption[]; unavailable: Unavailable[]; warnings: QuoteWarning[] } {
  const options: RawOption[] = [];
  const unavailable: Unavailable[] = [];
  const warnings: QuoteWarning[] = [];
  const where = describePlace(input.place);
  // Plain loops, no closures: this runs for every service of every card on every quote.
  for (const card of index.cards) {
    if (card.def.currency !== input.currency) {
      warnings.push({
        code: 'currency_mismatch',
        carrierId: card.carrierId,
        message: `${card.carrierName}'s rate card is in ${card.def.currency}; this quote is in ${input.currency}`,
      });
      continue;
    }
    const zones = card.zones.resolve(input.place);
    if (!zones.length) {
      unavailable.push({
        carrierId: card.carrierId,
        carrierName: card.carrierName,
        serviceId: null,
        serviceName: null,
        reason: `does not deliver to ${where}`,
      });
      continue;
    }
    for (const { tariff, service, surcharges } of card.services) {
      if (!service.active) continue;
      let zone: string | undefined;
      for (const z of zones) {
        if (tariff.zones[z] !== undefined) {
          zone = z;
          break;
        }
      }
      if (zone === undefined) {
        unavailable.push({
          carrierId: card.carrierId,
          carrierName: card.carrierName,
          serviceId: service.id,
          serviceName: service.name,
          reason: `no price for ${where}`,
        });
        continue;
      }
      const zp = tariff.zones[zone]!;
      const remote = card.remote.match(tariff.code, input.place);
      const priced = priceService(
        card.def,
        tariff,
        zp,
        input.parcels,
        {
          fuel: surcharges.fuel,
          cod: surcharges.cod,
          oversize: surcharges.oversize,
          remoteMinor: remote?.amountMinor ?? null,
        },
        input.cashOnDeliveryMinor,
      );
      if (!priced.ok) {
        unavailable.push({
          carrierId: card.carrierId,
          carrierName: card.carrierName,
          serviceId: service.id,
          serviceName: service.name,
          reason: priced.reason,
        });
        continue;
      }
      options.push({
        source: 'rate_card',
        carrierId: card.carrierId,
        carrierName: card.carrierName,
        serviceId: service.id,
        serviceName: service.name,
        serviceKind: service.kind,
        currency: card.def.currency,
        lines: priced.lines,
        transitDays: zp.transit,
        eta: estimateDelivery(input.now, cutoffMinutes(tariff.cutoff), zp.transit, card.calendar),
        rateCardId: card.rateCardId,
        rateCardVersion: card.version,
        zone,
        chargeableWeightGrams: priced.chargeableGrams,
        carrierReference: null,
      });
    }
  }
  return { options, unavailable, warnings };
}

/** Rules, ranking, tags and ids: the options as the quote answers them. Each option object is built once. */
export function finishOptions(index: QuoteIndex, input: QuoteInput, raw: RawOption[]): QuoteOption[] {
  const out: QuoteOption[] = new Array(raw.length);
  const country = input.place.country;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const breakdown = applyRules(
      r.lines,
      { carrierId: r.carrierId, serviceId: r.serviceId, country, currency: input.currency },
      index,
      input.orderValueMinor,
    );
    let price = 0;
    for (const l of breakdown) price += l.amountMinor;
    out[i] = {
      id: '',
      rank: 0,
      tags: [],
      source: r.source,
      carrierId: r.carrierId,
      carrierName: r.carrierName,
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      serviceKind: r.serviceKind,
      priceMinor: price,
      currency: r.currency,
      breakdown,
      eta: r.eta,
      transitDays: r.transitDays,
      rateCardId: r.rateCardId,
      rateCardVersion: r.rateCardVersion,
      zone: r.zone,
      chargeableWeightGrams: r.chargeableWeightGrams,
      carrierReference: r.carrierReference,
    };
  }
  rankOptions(out, isoOf(input.now.day));
  for (const o of out) o.id = `o${o.rank}`;
  return out;
}

/** The rate-card part of a quote in one call (what the in-process benchmark times). */
export function quoteFromIndex(index: QuoteIndex, input: QuoteInput) {
  const r = rateCardOptions(index, input);
  return { options: finishOptions(index, input, r.options), unavailable: r.unavailable, warnings: r.warnings };
}

function describePlace(p: Place): string {
  return [p.postcode, p.city, p.region, p.country].filter(Boolean).join(', ');
}
