import { z } from 'zod';
import { CHANNELS } from '../schema.ts';

export { CHANNELS };

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

/**
 * "Trade show: Canton Fair 2026" → { channel: 'trade_show', name: 'Canton Fair 2026' }. A label that names no known
 * channel is kept whole as the name, under `other`.
 */
export function parseSourceLabel(label: string): { channel: (typeof CHANNELS)[number]; name: string | null } {
  const [head, ...rest] = label.split(':');
  const key = (head ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliases: Record<string, (typeof CHANNELS)[number]> = {
    trade_show: 'trade_show',
    tradeshow: 'trade_show',
    fair: 'trade_show',
    exhibition: 'trade_show',
    b2b_platform: 'b2b_platform',
    b2b: 'b2b_platform',
    alibaba: 'b2b_platform',
    website: 'website_form',
    website_form: 'website_form',
    form: 'website_form',
    referral: 'referral_partner',
    referral_partner: 'referral_partner',
    partner: 'referral_partner',
    social: 'social',
    linkedin: 'social',
    email: 'email',
    event: 'event',
    webinar: 'event',
    ads: 'advertising',
    advertising: 'advertising',
    marketplace: 'marketplace',
    import: 'import',
    manual: 'manual',
    api: 'api',
    other: 'other',
  };
  const channel = aliases[key];
  if (channel && rest.length) return { channel, name: rest.join(':').trim() || null };
  if (channel) return { channel, name: null };
  return { channel: 'other', name: label.trim() || null };
}
