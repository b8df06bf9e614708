import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TVariant } from './contracts.ts';
import { commerceVariantPrices, commerceVariants } from './schema.ts';
import { toVariant } from './serialize.ts';

export async function getVariantRow(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(commerceVariants)
    .where(and(eq(commerceVariants.workspaceId, workspaceId), eq(commerceVariants.id, id)));
  if (!row) throw AppError.notFound('Variant');
  return row;
}

export async function getVariant({
  db,
  workspaceId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
}): Promise<TVariant> {
  const row = await getVariantRow(db, workspaceId, id);
  const prices = await db
    .select()
    .from(commerceVariantPrices)
    .where(and(eq(commerceVariantPrices.workspaceId, workspaceId), eq(commerceVariantPrices.variantId, id)))
    .orderBy(asc(commerceVariantPrices.currency));
  return toVariant(row, prices);
}
