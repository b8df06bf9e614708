import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deleteVariantRows } from './delete-product.ts';
import { getVariantRow } from './get-variant.ts';
import { commerceVariants } from './schema.ts';

/** Deletes a variant that never moved stock; a product keeps at least one variant (delete the product instead). */
export async function deleteVariant({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const row = await getVariantRow(tx, workspaceId, id);
    const [n] = await tx
      .select({ n: count() })
      .from(commerceVariants)
      .where(and(eq(commerceVariants.workspaceId, workspaceId), eq(commerceVariants.productId, row.productId)));
    if ((n?.n ?? 0) <= 1)
      throw new AppError('CONFLICT', 'A product keeps at least one variant; delete the product instead', [
        { field: 'id', message: 'is the product’s last variant' },
      ]);
    await deleteVariantRows(tx, workspaceId, [id], 'id');
  });
}
