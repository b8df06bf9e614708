import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { resolveVariants } from '../catalog/resolve-variants.ts';
import type { Parcel } from './tariff.ts';

export type CartLine = { variantId?: string | undefined; sku?: string | undefined; quantity: number };

/**
 * A cart as one parcel: the weights add up; so do the volumes, kept as a box whose longest side is the longest
 * item's (limits and oversize surcharges look at it) and whose volume is the sum (dimensional weight looks at that).
 * When an item has no dimensions, the parcel has none either and only its weight counts. The order value is the
 * sum of the catalog prices in the quote's currency (null when an item has no price in it).
 */
export async function cartToParcel(
  db: DbOrTx,
  workspaceId: string,
  lines: CartLine[],
  currency: string,
): Promise<{ parcel: Parcel; orderValueMinor: number | null; notes: string[] }> {
  const found = await resolveVariants(
    db,
    workspaceId,
    lines.map((l) => (l.variantId ? { variantId: l.variantId } : { sku: l.sku ?? '' })),
  );
  const errors: FieldError[] = [];
  let weight = 0;
  let volume = 0;
  let longest = 0;
  let allDims = true;
  let value: number | null = 0;
  found.forEach((v, i) => {
    const line = lines[i]!;
    const field = `body.cart.lines.${i}.${line.variantId ? 'variantId' : 'sku'}`;
    if (!v) {
      errors.push({
        field,
        message: `no product variant ${line.variantId ? 'with this id' : `with SKU "${line.sku}"`}`,
      });
      return;
    }
    if (v.weightGrams === null) {
      errors.push({ field, message: `${v.sku} has no weight in the catalog: set one to quote its shipping` });
      return;
    }
    weight += v.weightGrams * line.quantity;
    if (v.lengthMm && v.widthMm && v.heightMm) {
      volume += v.lengthMm * v.widthMm * v.heightMm * line.quantity;
      longest = Math.max(longest, v.lengthMm, v.widthMm, v.heightMm);
    } else allDims = false;
    const price = v.prices[currency];
    value = value === null || price === undefined ? null : value + price * line.quantity;
  });
  if (errors.length) throw AppError.validation(errors);
  const notes: string[] = [];
  if (!allDims) notes.push('Some items have no dimensions in the catalog: only the weight was counted.');
  let parcel: Parcel = { weightGrams: weight, lengthMm: null, widthMm: null, heightMm: null };
  if (allDims && volume > 0) {
    const length = Math.max(longest, Math.cbrt(volume));
    const side = Math.sqrt(volume / length);
    parcel = { weightGrams: weight, lengthMm: Math.ceil(length), widthMm: Math.ceil(side), heightMm: Math.ceil(side) };
  }
  return { parcel, orderValueMinor: value, notes };
}
