import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { commerceStorefronts } from '../schema.ts';
import { toStorefront } from './storefront-row.ts';

/** A workspace has a handful of storefronts at most: the list is not paged. */
export async function listStorefronts({
  db,
  workspaceId,
  publicUrl,
}: {
  db: DbOrTx;
  workspaceId: string;
  publicUrl: string;
}) {
  const rows = await db
    .select()
    .from(commerceStorefronts)
    .where(eq(commerceStorefronts.workspaceId, workspaceId))
    .orderBy(asc(commerceStorefronts.name), asc(commerceStorefronts.id));
  return { data: rows.map((r) => toStorefront(r, publicUrl)) };
}
