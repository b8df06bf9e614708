import type { z } from 'zod';
import type { TransitDays } from '../card-types.ts';
import type { Parcel } from '../tariff.ts';

// Carriers that price through their own API plug in here. An adapter turns a quote request into one HTTP call and
// the answer into rates; create-quote.ts runs every adapter carrier in parallel with a deadline, and a failing or slow
// one costs its options only (a warning says why), never the quote.

export type AdapterRequest = {
  destination: { country: string; postcode: string | null; city: string | null; region: string | null };
  parcels: Parcel[];
  currency: string;
  cashOnDeliveryMinor: number | null;
  signal: AbortSignal;
};

export type AdapterRate = {
  /** The carrier's service code (Shippo: servicelevel.token): a Freehold service with this code names and types it. */
  serviceCode: string;
  serviceName: string;
  amountMinor: number;
  currency: string;
  transitDays: TransitDays | null;
  /** The carrier's id of this rate, to buy the label with later. */
  reference: string;
};

export type AdapterAnswer = { rates: AdapterRate[]; messages: string[] };

export type CarrierAdapter<C = unknown> = {
  name: string;
  label: string;
  /** Where its API is documented. */
  docsUrl: string;
  config: z.ZodType<C>;
  /** The API token; stored apart from the config and never sent back. */
  needsSecret: boolean;
  quote(config: C, secret: string | null, req: AdapterRequest): Promise<AdapterAnswer>;
};

/** A failure the quote reports as a warning: the carrier refused, timed out, or answered something unreadable. */
export class AdapterError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'refused' | 'bad_answer' | 'unreachable',
  ) {
    super(message);
    this.name = 'AdapterError';
  }
}

/** Settings every adapter carrier has, beside its API's own. */
export type AdapterCommon = {
  /** Milliseconds the quote waits for the carrier's answer. */
  timeoutMs: number;
  /** "HH:MM" in the workspace's time zone, as on rate-card services. */
  cutoff?: string | undefined;
  /** Shown when the API gives no transit time for a rate. */
  fallbackTransitDays: TransitDays;
};
