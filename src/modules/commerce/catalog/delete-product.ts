import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { commerceProducts, commerceVariantPrices, commerceVariants } from './schema.ts';
import { getProductRow } from './serialize.ts';

/**
 * Variants with stock history (any ledger movement) cannot be deleted: orders and the ledger still name them.
 * Archive the product instead. Variants that never moved take their empty level rows and prices with them.
 */
export async function deleteVariantRows(tx: Tx, workspaceId: string, variantIds: string[], field: string) {
  if (!variantIds.length) return;
  const ids = uuidArray(variantIds);
  const moved = await tx.execute<{ sku: string }>(sql`
    select v.sku from commerce_variants v
    where v.workspace_id = ${workspaceId} and v.id = any(${ids}) and exists (
      select 1 from commerce_stock_movements m where m.workspace_id = v.workspace_id and m.variant_id = v.id)`);
  if (moved.rows.length)
    throw new AppError(
      'CONFLICT',
      `${moved.rows.map((r) => r.sku).join(', ')} has stock history; archive the product instead of deleting it`,
      [{ field, message: 'has stock history' }],
    );
  await tx.execute(
    sql`delete from commerce_stock_levels where workspace_id = ${workspaceId} and variant_id = any(${ids})`,
  );
  await tx
    .delete(commerceVariantPrices)
    .where(
      and(eq(commerceVariantPrices.workspaceId, workspaceId), inArray(commerceVariantPrices.variantId, variantIds)),
    );
  await tx
    .delete(commerceVariants)
    .where(and(eq(commerceVariants.workspaceId, workspaceId), inArray(commerceVariants.id, variantIds)));
}

export async function deleteProduct({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    await getProductRow(tx, workspaceId, id);
    const variants = await tx
      .select({ id: commerceVariants.id })
      .from(commerceVariants)
      .where(and(eq(commerceVariants.workspaceId, workspaceId), eq(commerceVariants.productId, id)));
    await deleteVariantRows(
      tx,
      workspaceId,
      variants.map((v) => v.id),
      'id',
    );
    await tx
      .delete(commerceProducts)
      .where(and(eq(commerceProducts.workspaceId, workspaceId), eq(commerceProducts.id, id)));
  });
}
