import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { assertCategory } from './categories.ts';
import type { TProduct, TProductUpdate } from './contracts.ts';
import { getProduct } from './get-product.ts';
import { commerceProducts } from './schema.ts';
import { getProductRow } from './serialize.ts';

/** Changes only the fields given; variants have their own endpoints. */
export async function updateProduct({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TProductUpdate;
}): Promise<TProduct> {
  return db.transaction(async (tx) => {
    await getProductRow(tx, workspaceId, id);
    await assertCategory(tx, workspaceId, input.categoryId, 'categoryId');
    const set: Partial<typeof commerceProducts.$inferInsert> = { updatedAt: new Date() };
    if (input.title !== undefined) set.title = input.title;
    if (input.handle !== undefined) set.handle = input.handle;
    if (input.description !== undefined) set.description = input.description;
    if (input.vendor !== undefined) set.vendor = input.vendor;
    if (input.productType !== undefined) set.productType = input.productType;
    if (input.status !== undefined) set.status = input.status;
    if (input.categoryId !== undefined) set.categoryId = input.categoryId;
    if (input.tags !== undefined) set.tags = [...new Set(input.tags)].filter(Boolean);
    if (input.images !== undefined) set.images = input.images.map((i) => ({ url: i.url, alt: i.alt ?? null }));
    if (input.options !== undefined) set.options = input.options;
    try {
      await tx
        .update(commerceProducts)
        .set(set)
        .where(and(eq(commerceProducts.workspaceId, workspaceId), eq(commerceProducts.id, id)));
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION)
        throw new AppError('CONFLICT', `Another product already has the handle ${input.handle}`, [
          { field: 'handle', message: 'is already used by another product' },
        ]);
      throw err;
    }
    return getProduct({ db: tx, workspaceId, id });
  });
}
