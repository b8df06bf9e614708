import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { TVariant, TVariantInput } from './contracts.ts';
import { getVariant } from './get-variant.ts';
import { commerceProducts, commerceVariants } from './schema.ts';
import { getProductRow } from './serialize.ts';
import { insertVariants } from './write-variants.ts';

/** Adds a variant to a product; without a position it goes last. */
export async function addVariant({
  db,
  workspaceId,
  productId,
  input,
}: {
  db: Db;
  workspaceId: string;
  productId: string;
  input: TVariantInput;
}): Promise<TVariant> {
  return db.transaction(async (tx) => {
    await getProductRow(tx, workspaceId, productId);
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${commerceVariants.position}) + 1, 0)::int` })
      .from(commerceVariants)
      .where(and(eq(commerceVariants.workspaceId, workspaceId), eq(commerceVariants.productId, productId)));
    const [id] = await insertVariants(tx, workspaceId, productId, [{ position: last?.n ?? 0, ...input }], 'body');
    await tx
      .update(commerceProducts)
      .set({ updatedAt: new Date() })
      .where(and(eq(commerceProducts.workspaceId, workspaceId), eq(commerceProducts.id, productId)));
    return getVariant({ db: tx, workspaceId, id: id! });
  });
}
