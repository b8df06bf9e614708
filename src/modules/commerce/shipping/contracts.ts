import { z } from 'zod';
import { ZListQuery } from '../../../platform/http/pagination.ts';
import { SERVICE_KINDS } from './card-types.ts';
import { ZCountryCode, ZCurrencyCode } from './quote-contracts.ts';

const ZName = z.string().trim().min(1, 'is required').max(120);
const ZServiceCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/, 'letters, digits, _ . - (up to 60), as rate cards name it');

export const ZService = z
  .object({
    id: z.string().uuid(),
    carrierId: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(SERVICE_KINDS),
    active: z.boolean(),
  })
  .meta({ id: 'ShippingService' });

export const ZRateCardIssue = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });

export const ZRateCardSummary = z
  .object({
    id: z.string().uuid(),
    carrierId: z.string().uuid(),
    version: z.number().int(),
    active: z.boolean(),
    currency: z.string(),
    filename: z.string(),
    rowCount: z.number().int(),
    zoneCount: z.number().int(),
    serviceCount: z.number().int(),
    warnings: z.array(ZRateCardIssue),
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
  })
  .meta({ id: 'RateCard' });

export const ZCarrier = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(['rate_card', 'api']),
    active: z.boolean(),
    adapter: z.string().nullable(),
    adapterConfig: z.record(z.string(), z.unknown()).nullable(),
    /** The adapter's API token is stored, never shown. */
    hasSecret: z.boolean(),
    services: z.array(ZService),
    activeRateCard: ZRateCardSummary.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Carrier' });
export type TCarrier = z.infer<typeof ZCarrier>;

export const ZCarrierCreate = z.object({
  name: ZName,
  kind: z.enum(['rate_card', 'api']).default('rate_card'),
  adapter: z.string().optional().describe('api carriers: the adapter (GET /shipping/adapters)'),
  adapterConfig: z.record(z.string(), z.unknown()).optional(),
  adapterSecret: z.string().min(1).max(500).optional().describe('The API token; write-only'),
});
export type TCarrierCreate = z.infer<typeof ZCarrierCreate>;

export const ZCarrierUpdate = z.object({
  name: ZName.optional(),
  active: z.boolean().optional(),
  adapterConfig: z.record(z.string(), z.unknown()).optional(),
  adapterSecret: z.string().min(1).max(500).nullable().optional().describe('null removes it'),
});
export type TCarrierUpdate = z.infer<typeof ZCarrierUpdate>;

export const ZCarrierListQuery = ZListQuery;

export const ZServiceCreate = z.object({
  code: ZServiceCode,
  name: ZName,
  kind: z.enum(SERVICE_KINDS),
  active: z.boolean().optional(),
});
export const ZServiceUpdate = z.object({
  name: ZName.optional(),
  kind: z.enum(SERVICE_KINDS).optional(),
  active: z.boolean().optional(),
});

export const ZCarrierParams = z.object({ id: z.string().uuid() });
export const ZServiceParams = z.object({ id: z.string().uuid(), serviceId: z.string().uuid() });
export const ZRateCardParams = z.object({ id: z.string().uuid(), rateCardId: z.string().uuid() });

export const MAX_CARD_BYTES = 5 * 1024 * 1024;

export const ZRateCardImport = z.object({
  csv: z.string().min(1, 'the file is empty').max(MAX_CARD_BYTES, 'is larger than 5 MB'),
  filename: z.string().trim().max(255).optional(),
  dryRun: z.boolean().optional().describe('Validate only: nothing is stored'),
});

export const ZRateCardImportResult = z.object({
  rateCard: ZRateCardSummary.nullable().describe('null on a dry run'),
  warnings: z.array(ZRateCardIssue),
  servicesCreated: z.array(z.string()),
});

export const ZRateCardDetail = ZRateCardSummary.extend({
  definition: z.record(z.string(), z.unknown()).describe('The parsed card (grams, millimetres, minor units)'),
});

// Rules -----------------------------------------------------------------------------------------------------------

const ruleScope = {
  name: z.string().trim().max(120).default(''),
  carrierId: z.string().uuid().nullable().optional(),
  serviceId: z.string().uuid().nullable().optional(),
  countries: z.array(ZCountryCode).max(250).optional(),
  active: z.boolean().optional(),
};

export const ZRuleCreate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('margin'),
    ...ruleScope,
    percent: z.number().min(0).max(1000).default(0).describe('Added to the carrier price, in percent of it'),
    fixedMinor: z.number().int().min(0).default(0),
    currency: ZCurrencyCode.optional().describe('Required with fixedMinor'),
  }),
  z.object({
    kind: z.literal('free_shipping'),
    ...ruleScope,
    minOrderMinor: z.number().int().min(0).describe('Free from this order value up'),
    currency: ZCurrencyCode,
  }),
]);
export type TRuleCreate = z.infer<typeof ZRuleCreate>;

export const ZRuleUpdate = z.object({
  name: z.string().trim().max(120).optional(),
  carrierId: z.string().uuid().nullable().optional(),
  serviceId: z.string().uuid().nullable().optional(),
  countries: z.array(ZCountryCode).max(250).optional(),
  active: z.boolean().optional(),
  percent: z.number().min(0).max(1000).optional(),
  fixedMinor: z.number().int().min(0).optional(),
  minOrderMinor: z.number().int().min(0).optional(),
  currency: ZCurrencyCode.nullable().optional(),
});
export type TRuleUpdate = z.infer<typeof ZRuleUpdate>;

export const ZRule = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['margin', 'free_shipping']),
    name: z.string(),
    carrierId: z.string().uuid().nullable(),
    serviceId: z.string().uuid().nullable(),
    countries: z.array(z.string()),
    currency: z.string().nullable(),
    percent: z.number().nullable(),
    fixedMinor: z.number().int().nullable(),
    minOrderMinor: z.number().int().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'ShippingRule' });
export type TRule = z.infer<typeof ZRule>;

export const ZRuleParams = z.object({ ruleId: z.string().uuid() });
export const ZQuoteParams = z.object({ quoteId: z.string().uuid() });

export const ZWidgetInfo = z.object({
  publicKey: z.string(),
  scriptUrl: z.string(),
  snippet: z.string(),
  countries: z.array(z.string()),
  currency: z.string(),
});

export const ZAdapterInfo = z.object({
  name: z.string(),
  label: z.string(),
  docsUrl: z.string(),
  needsSecret: z.boolean(),
});
