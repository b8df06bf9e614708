import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { TVariantInput, TVariantUpdate } from './contracts.ts';
import { commerceVariantPrices, commerceVariants } from './schema.ts';

/** "Brass / Large" from the option values when no title is given. */
export const variantTitle = (v: { title?: string | undefined; optionValues?: string[] | undefined }) =>
  v.title ?? (v.optionValues ?? []).filter(Boolean).join(' / ');

/**
 * SKUs must be unique per workspace (case-insensitively): within the request and against the variants already
 * there (`exceptIds`: the variants being rewritten themselves). Every clash is reported at once, naming its field.
 */
export async function assertSkusFree(
  tx: Tx,
  workspaceId: string,
  skus: { field: string; sku: string }[],
  exceptIds: string[] = [],
): Promise<void> {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const s of skus) {
    const key = s.sku.toLowerCase();
    const first = seen.get(key);
    if (first) errors.push({ field: s.field, message: `SKU ${s.sku} is also given at ${first}` });
    else seen.set(key, s.field);
  }
  if (errors.length) throw AppError.validation(errors);
  if (!skus.length) return;
  const taken = await tx
    .select({ id: commerceVariants.id, sku: commerceVariants.sku })
    .from(commerceVariants)
    .where(
      and(
        eq(commerceVariants.workspaceId, workspaceId),
        sql`lower(${commerceVariants.sku}) = any(${textArray([...seen.keys()])})`,
        ...exceptIds.map((id) => ne(commerceVariants.id, id)),
      ),
    );
  for (const t of taken) {
    const field = seen.get(t.sku.toLowerCase());
    if (field) errors.push({ field, message: `SKU ${t.sku} is already used by another variant` });
  }
  if (errors.length) throw new AppError('CONFLICT', errors.map((e) => e.message).join('; '), errors);
}

/** A race between two writers passing assertSkusFree at once still ends in the unique index: say so plainly. */
export async function guardSku<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION)
      throw new AppError('CONFLICT', 'That SKU was just taken by another variant', [
        { field, message: 'is already used by another variant' },
      ]);
    throw err;
  }
}

export async function insertVariants(
  tx: Tx,
  workspaceId: string,
  productId: string,
  variants: TVariantInput[],
  field = 'variants',
): Promise<string[]> {
  await assertSkusFree(
    tx,
    workspaceId,
    variants.map((v, i) => ({ field: `${field}.${i}.sku`, sku: v.sku })),
  );
  const ids = variants.map(() => newId());
  await guardSku(field, () =>
    tx.insert(commerceVariants).values(
      variants.map((v, i) => ({
        workspaceId,
        id: ids[i]!,
        productId,
        sku: v.sku,
        title: variantTitle(v),
        optionValues: v.optionValues ?? [],
        barcode: v.barcode || null,
        weightGrams: v.weightGrams ?? null,
        lengthMm: v.lengthMm ?? null,
        widthMm: v.widthMm ?? null,
        heightMm: v.heightMm ?? null,
        imageUrl: v.imageUrl ?? null,
        position: v.position ?? i,
      })),
    ),
  );
  for (const [i, v] of variants.entries())
    await replacePrices(tx, workspaceId, ids[i]!, v.prices ?? [], `${field}.${i}`);
  return ids;
}

/** Replaces a variant's prices with this list (one per currency). */
export async function replacePrices(
  tx: Tx,
  workspaceId: string,
  variantId: string,
  prices: NonNullable<TVariantUpdate['prices']>,
  field: string,
): Promise<void> {
  const currencies = prices.map((p) => p.currency);
  const dup = currencies.findIndex((c, i) => currencies.indexOf(c) !== i);
  if (dup >= 0)
    throw AppError.validation([
      { field: `${field}.prices.${dup}.currency`, message: `${currencies[dup]} is given twice` },
    ]);
  await tx
    .delete(commerceVariantPrices)
    .where(and(eq(commerceVariantPrices.workspaceId, workspaceId), eq(commerceVariantPrices.variantId, variantId)));
  if (prices.length)
    await tx.insert(commerceVariantPrices).values(
      prices.map((p) => ({
        workspaceId,
        variantId,
        currency: p.currency,
        amountMinor: p.amountMinor,
        compareAtMinor: p.compareAtMinor ?? null,
      })),
    );
}
