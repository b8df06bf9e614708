import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TProduct, TVariant } from './contracts.ts';
import { commerceProducts, commerceVariantPrices, commerceVariants } from './schema.ts';

type ProductRow = typeof commerceProducts.$inferSelect;
type VariantRow = typeof commerceVariants.$inferSelect;

/** Variants of these products with their prices, by product id, in position order. */
export async function variantsOf(
  db: DbOrTx,
  workspaceId: string,
  productIds: string[],
): Promise<Map<string, TVariant[]>> {
  const out = new Map<string, TVariant[]>();
  if (!productIds.length) return out;
  const rows = await db
    .select()
    .from(commerceVariants)
    .where(and(eq(commerceVariants.workspaceId, workspaceId), inArray(commerceVariants.productId, productIds)))
    .orderBy(asc(commerceVariants.position), asc(commerceVariants.id));
  const prices = rows.length
    ? await db
        .select()
        .from(commerceVariantPrices)
        .where(
          and(
            eq(commerceVariantPrices.workspaceId, workspaceId),
            inArray(
              commerceVariantPrices.variantId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(commerceVariantPrices.currency))
    : [];
  for (const r of rows) {
    const list = out.get(r.productId) ?? [];
    list.push(
      toVariant(
        r,
        prices.filter((p) => p.variantId === r.id),
      ),
    );
    out.set(r.productId, list);
  }
  return out;
}

export function toVariant(r: VariantRow, prices: (typeof commerceVariantPrices.$inferSelect)[]): TVariant {
  const { workspaceId: _w, ...rest } = r;
  return {
    ...rest,
    prices: prices.map((p) => ({ currency: p.currency, amountMinor: p.amountMinor, compareAtMinor: p.compareAtMinor })),
  };
}

export function toProduct(r: ProductRow, variants: TVariant[]): TProduct {
  const { workspaceId: _w, search: _s, ...rest } = r;
  return { ...rest, images: r.images.map((i) => ({ url: i.url, alt: i.alt ?? null })), variants };
}

export async function getProductRow(db: DbOrTx, workspaceId: string, id: string): Promise<ProductRow> {
  const [row] = await db
    .select()
    .from(commerceProducts)
    .where(and(eq(commerceProducts.workspaceId, workspaceId), eq(commerceProducts.id, id)));
  if (!row) throw AppError.notFound('Product');
  return row;
}
