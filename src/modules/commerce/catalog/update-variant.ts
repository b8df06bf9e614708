import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { TVariant, TVariantUpdate } from './contracts.ts';
import { getVariant, getVariantRow } from './get-variant.ts';
import { commerceVariants } from './schema.ts';
import { assertSkusFree, guardSku, replacePrices, variantTitle } from './write-variants.ts';

/** Changes only the fields given; `prices`, when given, replaces the variant's whole price list. */
export async function updateVariant({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TVariantUpdate;
}): Promise<TVariant> {
  return db.transaction(async (tx) => {
    await getVariantRow(tx, workspaceId, id);
    if (input.sku !== undefined) await assertSkusFree(tx, workspaceId, [{ field: 'sku', sku: input.sku }], [id]);
    const set: Partial<typeof commerceVariants.$inferInsert> = { updatedAt: new Date() };
    if (input.sku !== undefined) set.sku = input.sku;
    if (input.optionValues !== undefined) set.optionValues = input.optionValues;
    if (input.title !== undefined || input.optionValues !== undefined) set.title = variantTitle(input);
    if (input.barcode !== undefined) set.barcode = input.barcode || null;
    if (input.weightGrams !== undefined) set.weightGrams = input.weightGrams;
    if (input.lengthMm !== undefined) set.lengthMm = input.lengthMm;
    if (input.widthMm !== undefined) set.widthMm = input.widthMm;
    if (input.heightMm !== undefined) set.heightMm = input.heightMm;
    if (input.imageUrl !== undefined) set.imageUrl = input.imageUrl;
    if (input.position !== undefined) set.position = input.position;
    await guardSku('sku', () =>
      tx
        .update(commerceVariants)
        .set(set)
        .where(and(eq(commerceVariants.workspaceId, workspaceId), eq(commerceVariants.id, id))),
    );
    if (input.prices !== undefined) await replacePrices(tx, workspaceId, id, input.prices, 'body');
    return getVariant({ db: tx, workspaceId, id });
  });
}
