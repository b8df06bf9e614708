import type { Db } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { adapterOptions } from './adapter-options.ts';
import { localNow } from './calendar.ts';
import { cartToParcel } from './cart-parcels.ts';
import { encodeOptions } from './quote-codec.ts';
import type { TQuote, TQuoteRequest } from './quote-contracts.ts';
import { finishOptions, type QuoteInput, rateCardOptions } from './quote-engine.ts';
import { getQuoteIndex } from './quote-index.ts';
import { storeQuote } from './quote-store.ts';
import type { Parcel } from './tariff.ts';
import { toPlace } from './zone-index.ts';

export const QUOTE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * The quote as JSON text for the route to send as is: plain JSON.stringify of a value whose type (TQuote) the
 * compiler checked, instead of validating ~40 KB of options against the response schema on every quote.
 */
export const quoteJson = (q: TQuote): string => JSON.stringify(q);

export type CreateQuoteOptions = {
  db: Db;
  workspaceId: string;
  input: Omit<TQuoteRequest, 'at'> & { at?: string | undefined };
  source: 'api' | 'widget';
  now?: Date;
};

/**
 * Quotes every eligible option for a destination and parcels (or a cart), ranked and tagged, and stores the quote
 * for QUOTE_TTL_MS so an order can take one of its options (takeQuotedOption).
 */
export async function createQuote({
  db,
  workspaceId,
  input,
  source,
  now = new Date(),
}: CreateQuoteOptions): Promise<TQuote> {
  const index = await getQuoteIndex(db, workspaceId);
  const currency = input.currency ?? index.defaultCurrency;
  let parcels: Parcel[];
  let orderValueMinor = input.orderValueMinor ?? null;
  const notes: string[] = [];
  if (input.cart) {
    const cart = await cartToParcel(db, workspaceId, input.cart.lines, currency);
    parcels = [cart.parcel];
    orderValueMinor ??= cart.orderValueMinor;
    notes.push(...cart.notes);
  } else {
    parcels = (input.parcels ?? []).map((p) => ({
      weightGrams: p.weightGrams,
      lengthMm: p.lengthMm ?? null,
      widthMm: p.widthMm ?? null,
      heightMm: p.heightMm ?? null,
    }));
  }
  const at = input.at ? new Date(input.at) : now;
  const q: QuoteInput = {
    place: toPlace(input.destination),
    parcels,
    currency,
    cashOnDeliveryMinor: input.cashOnDelivery?.amountMinor ?? null,
    orderValueMinor,
    now: localNow(at, index.timezone),
  };
  const fromCards = rateCardOptions(index, q);
  const fromApis = index.adapters.length
    ? await adapterOptions(index, q, {
        country: input.destination.country,
        postcode: input.destination.postcode ?? null,
        city: input.destination.city ?? null,
        region: input.destination.region ?? null,
      })
    : { options: [], warnings: [] };
  const options = finishOptions(index, q, [...fromCards.options, ...fromApis.options]);
  const id = newId();
  const createdAt = new Date(now.getTime());
  const expiresAt = new Date(now.getTime() + QUOTE_TTL_MS);
  const destination = {
    country: input.destination.country,
    ...(input.destination.postcode ? { postcode: input.destination.postcode } : {}),
    ...(input.destination.city ? { city: input.destination.city } : {}),
    ...(input.destination.region ? { region: input.destination.region } : {}),
  };
  const storedJson = JSON.stringify(encodeOptions(options, currency));
  await storeQuote(db, { workspaceId, id, source, currency, destination, parcels, storedJson, createdAt, expiresAt });
  return {
    id,
    createdAt: createdAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    currency,
    destination,
    parcels,
    orderValueMinor,
    options,
    unavailable: fromCards.unavailable,
    warnings: [...notes.map((message) => ({ code: 'cart', message })), ...fromCards.warnings, ...fromApis.warnings],
  };
}
