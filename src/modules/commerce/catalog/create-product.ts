import type { Db } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { assertCategory } from './categories.ts';
import type { TProduct, TProductCreate } from './contracts.ts';
import { getProduct } from './get-product.ts';
import { freeHandle } from './handle.ts';
import { commerceProducts } from './schema.ts';
import { insertVariants } from './write-variants.ts';

/** Creates a product with its variants and their prices, all or nothing. */
export async function createProduct({
  db,
  workspaceId,
  input,
}: {
  db: Db;
  workspaceId: string;
  input: TProductCreate;
}): Promise<TProduct> {
  return db.transaction(async (tx) => {
    await assertCategory(tx, workspaceId, input.categoryId, 'categoryId');
    const id = newId();
    const handle = input.handle ?? (await freeHandle(tx, workspaceId, input.title));
    try {
      await tx.insert(commerceProducts).values({
        workspaceId,
        id,
        title: input.title,
        handle,
        description: input.description ?? null,
        vendor: input.vendor ?? null,
        productType: input.productType ?? null,
        status: input.status ?? 'active',
        categoryId: input.categoryId ?? null,
        tags: [...new Set(input.tags ?? [])].filter(Boolean),
        images: (input.images ?? []).map((i) => ({ url: i.url, alt: i.alt ?? null })),
        options: input.options ?? [],
      });
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION)
        throw new AppError('CONFLICT', `Another product already has the handle ${handle}`, [
          { field: 'handle', message: 'is already used by another product' },
        ]);
      throw err;
    }
    await insertVariants(tx, workspaceId, id, input.variants);
    return getProduct({ db: tx, workspaceId, id });
  });
}
