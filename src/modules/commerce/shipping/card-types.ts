import type { PostcodeMatcher } from './postcodes.ts';

// A rate card version as stored (`shipping_rate_cards.definition`) and loaded into the quote index: the CSV parsed,
// validated and converted to integers (grams, millimetres, minor units of `currency`).

export const SERVICE_KINDS = ['home', 'pickup_point', 'locker'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export type TransitDays = { min: number; max: number };

/** One `zone` row: where the zone is. A zone is the union of its rows. */
export type ZoneRule = {
  zone: string;
  country: string;
  /** Compared folded (case and accents ignored). */
  region: string | null;
  city: string | null;
  postcode: PostcodeMatcher | null;
  /** CSV line, for messages. */
  line: number;
};

/** Weight band: min inclusive, max exclusive, in grams. */
export type Band = { minGrams: number; maxGrams: number; priceMinor: number };

export type ZonePrice = {
  bands: Band[];
  /** Price per kg above the last band's max; null: heavier parcels are not carried. */
  perKgMinor: number | null;
  /** Heaviest chargeable weight the per-kg price accepts (inclusive); null: no limit. */
  perKgMaxGrams: number | null;
  transit: TransitDays;
};

export type ServiceTariff = {
  code: string;
  name: string;
  kind: ServiceKind;
  /** "HH:MM" in the workspace's time zone: orders after it leave the next working day. Null: any time that day. */
  cutoff: string | null;
  /** Heaviest parcel (actual weight) and longest side the service takes; null: no limit. */
  maxGrams: number | null;
  maxSideMm: number | null;
  /** Zone → prices. */
  zones: Record<string, ZonePrice>;
};

/** A surcharge row applies to one service, or (service null) to every service that has no row of its own. */
export type FuelRule = { service: string | null; percent: number };
export type RemoteRule = {
  service: string | null;
  country: string;
  postcode: PostcodeMatcher;
  amountMinor: number;
  /** Nesting depth among the card's remote rows of the same country and service scope (see nestingDepths). */
  depth: number;
};
export type CodRule = { service: string | null; percent: number; minMinor: number };
export type OversizeRule = { service: string | null; sideMm: number; amountMinor: number };

export type RateCardDefinition = {
  format: 1;
  currency: string;
  /** Dimensional weight divisor in cm³ per kg (5000 is common); null: dimensions do not count. */
  dimDivisor: number | null;
  /** Chargeable weight is rounded up to a multiple of this (500 = next half kg); 0: exact grams. */
  weightStepGrams: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which parcels leave and travel. */
  workingDays: number[];
  /** YYYY-MM-DD, sorted: no dispatch or transit on these days. */
  holidays: string[];
  services: ServiceTariff[];
  zones: ZoneRule[];
  fuel: FuelRule[];
  remote: RemoteRule[];
  cod: CodRule[];
  oversize: OversizeRule[];
};

export type CardIssue = { line: number; column: string | null; message: string };
