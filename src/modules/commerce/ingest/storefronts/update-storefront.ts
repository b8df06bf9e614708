import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceStorefronts, commerceWebhookDeliveries } from '../schema.ts';
import type { ZUpdateStorefrontRequest } from './contracts.ts';
import { findStorefront, toStorefrontWithSecret } from './storefront-row.ts';

export type UpdateStorefrontInput = z.output<typeof ZUpdateStorefrontRequest>;

/**
 * Renames a connection, replaces its secret (after rotating it in the storefront) or changes its shop. A
 * WooCommerce shop's host is part of every order id taken from it, so it cannot change once orders came in: the
 * same orders would arrive again as new ones.
 */
export async function updateStorefront({
  db,
  workspaceId,
  id,
  input,
  publicUrl,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: UpdateStorefrontInput;
  publicUrl: string;
}) {
  return db.transaction(async (tx) => {
    const cur = await findStorefront(tx, workspaceId, id);
    if (input.shopDomain !== undefined && input.shopDomain !== cur.shopDomain && cur.platform === 'woocommerce') {
      if (input.shopDomain === null)
        throw AppError.validation([{ field: 'shopDomain', message: 'is required for WooCommerce' }]);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(commerceWebhookDeliveries)
        .where(
          and(eq(commerceWebhookDeliveries.workspaceId, workspaceId), eq(commerceWebhookDeliveries.storefrontId, id)),
        );
      if (n > 0)
        throw new AppError(
          'CONFLICT',
          'This connection has already taken deliveries: its orders are filed under the current shop host. Add a new connection for the other shop.',
          [{ field: 'shopDomain', message: 'cannot change after deliveries' }],
        );
    }
    const [row] = await tx
      .update(commerceStorefronts)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.secret !== undefined ? { secret: input.secret } : {}),
        ...(input.shopDomain !== undefined ? { shopDomain: input.shopDomain } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(commerceStorefronts.workspaceId, workspaceId), eq(commerceStorefronts.id, id)))
      .returning();
    return toStorefrontWithSecret(row!, publicUrl);
  });
}
