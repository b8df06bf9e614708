import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { newId } from '../../../../platform/ids.ts';
import { commerceStorefronts } from '../schema.ts';
import type { ZCreateStorefrontRequest } from './contracts.ts';
import { toStorefrontWithSecret } from './storefront-row.ts';

export type CreateStorefrontInput = z.output<typeof ZCreateStorefrontRequest>;

/**
 * Connects a storefront. Shopify makes the signing secret (the app's, or the store's webhook key), so it must be
 * given; WooCommerce takes any secret typed into its webhook form, so Freehold makes a strong one when none is given.
 * WooCommerce needs the shop's host, which keeps its per-site order ids apart from another shop's.
 */
export async function createStorefront({
  db,
  workspaceId,
  input,
  publicUrl,
}: {
  db: Db;
  workspaceId: string;
  input: CreateStorefrontInput;
  publicUrl: string;
}) {
  const fields = [];
  if (input.platform === 'shopify' && !input.secret)
    fields.push({ field: 'secret', message: "is required for Shopify: paste the app's client secret" });
  if (input.platform === 'woocommerce' && !input.shopDomain)
    fields.push({ field: 'shopDomain', message: 'is required for WooCommerce (e.g. shop.example.com)' });
  if (fields.length) throw AppError.validation(fields);
  const [row] = await db
    .insert(commerceStorefronts)
    .values({
      workspaceId,
      id: newId(),
      publicKey: `sf_${randomBytes(18).toString('base64url')}`,
      name: input.name,
      platform: input.platform,
      secret: input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`,
      shopDomain: input.shopDomain ?? null,
    })
    .returning();
  return toStorefrontWithSecret(row!, publicUrl);
}
