import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceStorefronts } from '../schema.ts';

export type StorefrontRow = typeof commerceStorefronts.$inferSelect;

/** The address the storefront posts to: public, and naming the connection only by its random key. */
export const webhookUrl = (publicUrl: string, row: Pick<StorefrontRow, 'publicKey' | 'platform'>) =>
  `${publicUrl}/p/storefronts/${row.publicKey}/${row.platform}`;

export function toStorefront(row: StorefrontRow, publicUrl: string) {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    shopDomain: row.shopDomain,
    webhookUrl: webhookUrl(publicUrl, row),
    secretHint: `…${row.secret.slice(-4)}`,
    lastDeliveryAt: row.lastDeliveryAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const toStorefrontWithSecret = (row: StorefrontRow, publicUrl: string) => ({
  ...toStorefront(row, publicUrl),
  secret: row.secret,
});

export async function findStorefront(db: DbOrTx, workspaceId: string, id: string): Promise<StorefrontRow> {
  const [row] = await db
    .select()
    .from(commerceStorefronts)
    .where(and(eq(commerceStorefronts.workspaceId, workspaceId), eq(commerceStorefronts.id, id)));
  if (!row) throw AppError.notFound('Storefront connection');
  return row;
}

export async function storefrontByPublicKey(db: DbOrTx, publicKey: string): Promise<StorefrontRow | null> {
  const [row] = await db.select().from(commerceStorefronts).where(eq(commerceStorefronts.publicKey, publicKey));
  return row ?? null;
}
