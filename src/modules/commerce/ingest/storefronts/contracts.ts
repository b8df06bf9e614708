import { z } from 'zod';
import { DELIVERY_STATUSES, STOREFRONT_PLATFORMS } from '../schema.ts';

export const ZPlatform = z.enum(STOREFRONT_PLATFORMS);

/** "https://Shop.Example.com/shop/" → "shop.example.com": the host is what names a shop. */
export const ZShopDomain = z
  .string()
  .trim()
  .max(253)
  .transform((s) =>
    s
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/[/?#].*$/, '')
      .toLowerCase(),
  )
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/, 'is not a host name'),
  )
  .describe('The shop\'s host, e.g. "example.myshopify.com" or "shop.example.com" (a URL is cut to its host)');

const ZSecret = z
  .string()
  .min(8, 'is too short for a signing secret')
  .max(500)
  .refine((s) => s.trim() === s, 'has spaces at either end (copy it again without them)');

export const ZStorefront = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    platform: ZPlatform,
    shopDomain: z.string().nullable(),
    webhookUrl: z.string().describe('Paste this into the storefront as the webhook address'),
    secretHint: z.string().describe('The last four characters of the secret'),
    lastDeliveryAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Storefront' });

export const ZStorefrontWithSecret = ZStorefront.extend({
  secret: z.string().describe('The signing secret (shown to admins only)'),
}).meta({ id: 'StorefrontWithSecret' });

export const ZCreateStorefrontRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    platform: ZPlatform,
    secret: ZSecret.optional().describe(
      "Shopify: the app's client secret (or the key shown under Settings → Notifications → Webhooks), required. " +
        'WooCommerce: the secret typed into the webhook; leave out to have Freehold make one to paste there.',
    ),
    shopDomain: ZShopDomain.optional().describe(
      'Required for WooCommerce (its order ids are per site). For Shopify, deliveries from another shop are refused.',
    ),
  })
  .meta({ id: 'CreateStorefrontRequest' });

export const ZUpdateStorefrontRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    secret: ZSecret.optional().describe('A new signing secret (after rotating it in the storefront)'),
    shopDomain: ZShopDomain.nullable().optional(),
  })
  .meta({ id: 'UpdateStorefrontRequest' });

export const ZDelivery = z
  .object({
    id: z.string().uuid(),
    topic: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    externalId: z.string().nullable(),
    orderId: z.string().uuid().nullable(),
    outcome: z.string().nullable(),
    error: z.string().nullable(),
    errorFields: z.array(z.object({ field: z.string(), message: z.string() })).nullable(),
    receivedAt: z.date(),
    processedAt: z.date().nullable(),
  })
  .meta({ id: 'StorefrontDelivery' });
