import { z } from 'zod';
import { CHANNELS } from '../vocabulary.ts';

export { CHANNELS, parseSourceLabel } from '../vocabulary.ts';

export const ZChannel = z.enum(CHANNELS);

export const ZSourceTouch = z
  .object({
    channel: ZChannel,
    name: z.string().trim().max(200).nullish(),
    campaign: z.string().trim().max(200).nullish(),
    at: z.string().datetime({ offset: true }),
  })
  .meta({
    id: 'SourceTouch',
    description: 'One touch: the channel, the named source ("Canton Fair 2026"), campaign, date.',
  });

/** Input form: `at` defaults to now. */
export const ZSourceInput = ZSourceTouch.extend({ at: z.string().datetime({ offset: true }).optional() });

export const ZAddress = z
  .object({
    street: z.string().nullish(),
    city: z.string().nullish(),
    region: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish().describe('ISO 3166 alpha-2'),
  })
  .meta({ id: 'Address' });

export const ZAddressInput = z.object({
  street: z.string().trim().max(300).nullish(),
  city: z.string().trim().max(120).nullish(),
  region: z.string().trim().max(120).nullish(),
  postcode: z.string().trim().max(20).nullish(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 two-letter code')
    .transform((s) => s.toUpperCase())
    .nullish(),
});

export const ZCustomValues = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
);

export const ZUuidParams = z.object({ id: z.string().uuid() });
