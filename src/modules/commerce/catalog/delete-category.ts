import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { getCategoryRow } from './categories.ts';
import { commerceCategories, commerceProducts } from './schema.ts';

/**
 * Deletes a category; its products and sub-categories move up to its parent (or to the top), so nothing is lost.
 * A sub-category whose name its new siblings already use makes the delete fail with a conflict naming it.
 */
export async function deleteCategory({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const row = await getCategoryRow(tx, workspaceId, id);
    await tx
      .update(commerceProducts)
      .set({ categoryId: row.parentId, updatedAt: new Date() })
      .where(and(eq(commerceProducts.workspaceId, workspaceId), eq(commerceProducts.categoryId, id)));
    try {
      await tx
        .update(commerceCategories)
        .set({ parentId: row.parentId, updatedAt: new Date() })
        .where(and(eq(commerceCategories.workspaceId, workspaceId), eq(commerceCategories.parentId, id)));
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION)
        throw new AppError('CONFLICT', 'A sub-category has the same name as a category it would move next to', [
          { field: 'id', message: 'rename the clashing sub-category first' },
        ]);
      throw err;
    }
    await tx
      .delete(commerceCategories)
      .where(and(eq(commerceCategories.workspaceId, workspaceId), eq(commerceCategories.id, id)));
  });
}
