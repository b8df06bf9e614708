import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { isUuid } from '../../../platform/ids.ts';

/** What orders and shipping need to know about a variant (the contract between catalog and its readers). */
export type VariantInfo = {
  variantId: string;
  productId: string;
  sku: string;
  /** The product's title, then " — " and the variant's title when it has one ("Desk lamp — Brass / Large"). */
  title: string;
  barcode: string | null;
  weightGrams: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  /** Currency (ISO 4217) → price in minor units. */
  prices: Record<string, number>;
};

export type VariantRef = { variantId?: string; sku?: string };

type Row = Omit<VariantInfo, 'prices'> & { prices: Record<string, number> | null; skuKey: string };

/**
 * Looks variants up by id or SKU, answering in the order of `refs` (null for an unknown one). A ref with both
 * looks up by id; SKUs match case-insensitively, as they are unique. Archived products still resolve: an order
 * placed yesterday must still find its lines.
 */
export async function resolveVariants(
  db: DbOrTx,
  workspaceId: string,
  refs: VariantRef[],
): Promise<(VariantInfo | null)[]> {
  const ids = [...new Set(refs.map((r) => r.variantId).filter((v): v is string => !!v && isUuid(v)))];
  const skus = [
    ...new Set(
      refs
        .filter((r) => !r.variantId && r.sku)
        .map((r) => r.sku!.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (!ids.length && !skus.length) return refs.map(() => null);
  const rows = await db.execute<Row>(sql`
    select v.id as "variantId", v.product_id as "productId", v.sku, lower(v.sku) as "skuKey",
      case when v.title = '' then p.title else p.title || ' — ' || v.title end as title,
      v.barcode, v.weight_grams as "weightGrams", v.length_mm as "lengthMm", v.width_mm as "widthMm",
      v.height_mm as "heightMm",
      (select jsonb_object_agg(pr.currency, pr.amount_minor) from commerce_variant_prices pr
        where pr.workspace_id = v.workspace_id and pr.variant_id = v.id) as prices
    from commerce_variants v
    join commerce_products p on p.workspace_id = v.workspace_id and p.id = v.product_id
    where v.workspace_id = ${workspaceId}
      and (v.id = any(${uuidArray(ids)}) or lower(v.sku) = any(${textArray(skus)}))`);
  const byId = new Map<string, VariantInfo>();
  const bySku = new Map<string, VariantInfo>();
  for (const { skuKey, prices, ...r } of rows.rows) {
    const info: VariantInfo = { ...r, prices: prices ?? {} };
    byId.set(info.variantId, info);
    bySku.set(skuKey, info);
  }
  return refs.map((r) => {
    if (r.variantId) return byId.get(r.variantId) ?? null;
    if (r.sku) return bySku.get(r.sku.trim().toLowerCase()) ?? null;
    return null;
  });
}
