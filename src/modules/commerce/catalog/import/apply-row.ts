import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { newId } from '../../../../platform/ids.ts';
import { applyMovements, lockLevels } from '../../stock/ledger.ts';
import { findOrCreateCategoryPath } from '../create-category.ts';
import { commerceProducts, commerceVariantPrices, commerceVariants } from '../schema.ts';
import type { ParsedRow } from './layout.ts';

export type RowOutcome = { productCreated: boolean; variantCreated: boolean; variantUpdated: boolean };

export type ImportTarget = { workspaceId: string; filename: string; locationId: string | null; actorId: string | null };

/**
 * Writes one row: its product (found by handle, else created — a new product needs a title), then its variant
 * (found by SKU, else created), the prices it gives, and, when the import names a location, the on-hand count as an
 * `adjusted` movement. Empty cells leave what is there. The caller runs it in a savepoint, so a row that fails
 * writes nothing.
 */
export async function applyRow(tx: Tx, t: ImportTarget, row: ParsedRow): Promise<RowOutcome> {
  const ws = t.workspaceId;
  const out: RowOutcome = { productCreated: false, variantCreated: false, variantUpdated: false };
  const categoryId = row.category ? await findOrCreateCategoryPath(tx, ws, row.category) : undefined;
  const [found] = await tx
    .select()
    .from(commerceProducts)
    .where(and(eq(commerceProducts.workspaceId, ws), eq(commerceProducts.handle, row.handle)))
    .for('update');
  let productId: string;
  const optionNames = row.optionNames.filter((n): n is string => !!n);
  if (!found) {
    if (!row.title)
      throw AppError.validation([{ field: 'title', message: `is required for a new product (${row.handle})` }]);
    productId = newId();
    await tx.insert(commerceProducts).values({
      workspaceId: ws,
      id: productId,
      handle: row.handle,
      title: row.title,
      description: row.description,
      vendor: row.vendor,
      productType: row.productType,
      status: row.status ?? 'active',
      categoryId: categoryId ?? null,
      tags: row.tags ?? [],
      images: row.images,
      options: optionNames,
    });
    out.productCreated = true;
  } else {
    productId = found.id;
    const known = new Set(found.images.map((i) => i.url));
    const images = [...found.images, ...row.images.filter((i) => !known.has(i.url))];
    await tx
      .update(commerceProducts)
      .set({
        title: row.title ?? found.title,
        description: row.description ?? found.description,
        vendor: row.vendor ?? found.vendor,
        productType: row.productType ?? found.productType,
        status: row.status ?? found.status,
        categoryId: categoryId === undefined ? found.categoryId : categoryId,
        tags: row.tags ?? found.tags,
        images,
        options: optionNames.length ? optionNames : found.options,
        updatedAt: new Date(),
      })
      .where(and(eq(commerceProducts.workspaceId, ws), eq(commerceProducts.id, productId)));
  }
  const v = row.variant;
  if (!v) return out;

  const [existing] = await tx
    .select()
    .from(commerceVariants)
    .where(and(eq(commerceVariants.workspaceId, ws), sql`lower(${commerceVariants.sku}) = lower(${v.sku})`))
    .for('update');
  let variantId: string;
  const title = v.title ?? (v.optionValues.length ? v.optionValues.join(' / ') : null);
  if (existing) {
    if (existing.productId !== productId)
      throw AppError.validation([{ field: 'sku', message: `${v.sku} belongs to another product, not ${row.handle}` }]);
    variantId = existing.id;
    await tx
      .update(commerceVariants)
      .set({
        title: title ?? existing.title,
        optionValues: v.optionValues.length ? v.optionValues : existing.optionValues,
        barcode: v.barcode ?? existing.barcode,
        weightGrams: v.weightGrams ?? existing.weightGrams,
        lengthMm: v.lengthMm ?? existing.lengthMm,
        widthMm: v.widthMm ?? existing.widthMm,
        heightMm: v.heightMm ?? existing.heightMm,
        imageUrl: v.imageUrl ?? existing.imageUrl,
        updatedAt: new Date(),
      })
      .where(and(eq(commerceVariants.workspaceId, ws), eq(commerceVariants.id, variantId)));
    out.variantUpdated = true;
  } else {
    variantId = newId();
    const [pos] = await tx
      .select({ n: sql<number>`coalesce(max(${commerceVariants.position}) + 1, 0)::int` })
      .from(commerceVariants)
      .where(and(eq(commerceVariants.workspaceId, ws), eq(commerceVariants.productId, productId)));
    await tx.insert(commerceVariants).values({
      workspaceId: ws,
      id: variantId,
      productId,
      sku: v.sku,
      title: title ?? '',
      optionValues: v.optionValues,
      barcode: v.barcode,
      weightGrams: v.weightGrams,
      lengthMm: v.lengthMm,
      widthMm: v.widthMm,
      heightMm: v.heightMm,
      imageUrl: v.imageUrl,
      position: pos?.n ?? 0,
    });
    out.variantCreated = true;
  }
  for (const p of v.prices)
    await tx
      .insert(commerceVariantPrices)
      .values({ workspaceId: ws, variantId, ...p })
      .onConflictDoUpdate({
        target: [commerceVariantPrices.workspaceId, commerceVariantPrices.variantId, commerceVariantPrices.currency],
        set: { amountMinor: p.amountMinor, compareAtMinor: p.compareAtMinor },
      });

  if (t.locationId && v.quantity !== null) {
    const levels = await lockLevels(tx, ws, [{ locationId: t.locationId, variantId }], { create: true });
    const level = [...levels.values()][0]!;
    const delta = v.quantity - level.onHand;
    if (delta !== 0)
      await applyMovements(tx, ws, levels, [
        {
          locationId: t.locationId,
          variantId,
          kind: 'adjusted',
          quantity: Math.abs(delta),
          onHandDelta: delta,
          reservedDelta: 0,
          reason: `import ${t.filename} row ${row.rowNumber}`,
          actorId: t.actorId,
        },
      ]);
  }
  return out;
}
