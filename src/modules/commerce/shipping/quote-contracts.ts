import { z } from 'zod';
import { SERVICE_KINDS } from './card-types.ts';
import { toCountryCode } from './countries.ts';
import { isCurrency } from './money.ts';
import { TAGS } from './rank.ts';

export const ZCountryCode = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const c = toCountryCode(v);
    if (!c) ctx.addIssue({ code: 'custom', message: `"${v}" is not an ISO 3166 country code like DE or FR` });
    return c ?? v;
  })
  .describe('ISO 3166-1 alpha-2, e.g. DE');

export const ZCurrencyCode = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const c = v.toUpperCase();
    if (!isCurrency(c)) ctx.addIssue({ code: 'custom', message: `"${v}" is not an ISO 4217 currency code like EUR` });
    return c;
  })
  .describe('ISO 4217, e.g. EUR');

const grams = z
  .number({ message: 'must be a number of grams' })
  .int('must be whole grams')
  .min(0, 'must not be negative')
  .max(10_000_000, 'is more than 10 tonnes');
const mm = z
  .number({ message: 'must be a number of millimetres' })
  .int('must be whole millimetres')
  .min(1, 'must be more than 0')
  .max(100_000);

export const ZDestination = z.object({
  country: ZCountryCode,
  postcode: z.string().trim().max(20).optional(),
  city: z.string().trim().max(120).optional(),
  region: z.string().trim().max(120).optional(),
});

export const ZParcelInput = z.object({
  weightGrams: grams,
  lengthMm: mm.optional(),
  widthMm: mm.optional(),
  heightMm: mm.optional(),
});

export const ZCartLine = z
  .object({
    variantId: z.string().uuid().optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    quantity: z.number().int().min(1, 'must be at least 1').max(10_000),
  })
  .refine((l) => !!l.variantId !== !!l.sku, { message: 'give a variantId or a sku (one of them)' });

const quoteFields = {
  destination: ZDestination,
  parcels: z.array(ZParcelInput).min(1).max(50).optional().describe('The parcels; or give a cart instead'),
  cart: z
    .object({ lines: z.array(ZCartLine).min(1).max(200) })
    .optional()
    .describe('Catalog lines; weights and dimensions come from the catalog and make one parcel'),
  currency: ZCurrencyCode.optional().describe("Default: the workspace's currency"),
  orderValueMinor: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('For free-shipping rules; a cart defaults to its catalog value'),
  cashOnDelivery: z.object({ amountMinor: z.number().int().min(0) }).optional(),
};

const oneSource = (q: { parcels?: unknown; cart?: unknown }, ctx: z.RefinementCtx) => {
  if (!q.parcels === !q.cart)
    ctx.addIssue({ code: 'custom', path: ['parcels'], message: 'give parcels or a cart (one of them)' });
};

export const ZQuoteRequest = z
  .object({
    ...quoteFields,
    at: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('Quote as if ordered at this moment (default: now): to see cut-offs and weekends in the calculator'),
  })
  .superRefine(oneSource);
export type TQuoteRequest = z.infer<typeof ZQuoteRequest>;

export const ZBreakdownLine = z.object({ code: z.string(), label: z.string(), amountMinor: z.number().int() });

export const ZEta = z.object({
  earliest: z.string().describe('YYYY-MM-DD'),
  latest: z.string().describe('YYYY-MM-DD'),
});

export const ZQuoteOption = z
  .object({
    id: z.string(),
    rank: z.number().int(),
    tags: z.array(z.enum(TAGS)),
    source: z.enum(['rate_card', 'carrier_api']),
    carrierId: z.string(),
    carrierName: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceKind: z.enum(SERVICE_KINDS),
    priceMinor: z.number().int(),
    currency: z.string(),
    breakdown: z.array(ZBreakdownLine),
    eta: ZEta.extend({ dispatch: z.string().describe('YYYY-MM-DD: the day the parcel leaves') }),
    transitDays: z.object({ min: z.number().int(), max: z.number().int() }),
    rateCardId: z.string().nullable(),
    rateCardVersion: z.number().int().nullable(),
    zone: z.string().nullable(),
    chargeableWeightGrams: z.number().int().nullable(),
    carrierReference: z.string().nullable(),
  })
  .meta({ id: 'ShippingOption' });

export const ZQuote = z
  .object({
    id: z.string().uuid(),
    createdAt: z.string(),
    expiresAt: z.string(),
    currency: z.string(),
    destination: z.object({
      country: z.string(),
      postcode: z.string().optional(),
      city: z.string().optional(),
      region: z.string().optional(),
    }),
    parcels: z.array(
      z.object({
        weightGrams: z.number().int(),
        lengthMm: z.number().int().nullable(),
        widthMm: z.number().int().nullable(),
        heightMm: z.number().int().nullable(),
      }),
    ),
    orderValueMinor: z.number().int().nullable(),
    options: z.array(ZQuoteOption),
    unavailable: z.array(
      z.object({
        carrierId: z.string(),
        carrierName: z.string(),
        serviceId: z.string().nullable(),
        serviceName: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), carrierId: z.string().optional() })),
  })
  .meta({ id: 'ShippingQuote' });
export type TQuote = z.infer<typeof ZQuote>;

/** The public widget's request (the workspace's public key is in the path): the same, without `at`. */
export const ZPublicQuoteRequest = z.object(quoteFields).superRefine(oneSource);

export const ZPublicQuote = z.object({
  quoteId: z.string().uuid(),
  expiresAt: z.string(),
  currency: z.string(),
  options: z.array(
    z.object({
      id: z.string(),
      tags: z.array(z.enum(TAGS)),
      carrierName: z.string(),
      serviceName: z.string(),
      serviceKind: z.enum(SERVICE_KINDS),
      priceMinor: z.number().int(),
      freeShipping: z.boolean(),
      eta: ZEta,
    }),
  ),
});
