import type { DbOrTx } from '../../../platform/db/client.ts';
import type { TProduct } from './contracts.ts';
import { getProductRow, toProduct, variantsOf } from './serialize.ts';

export async function getProduct({
  db,
  workspaceId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
}): Promise<TProduct> {
  const row = await getProductRow(db, workspaceId, id);
  const variants = await variantsOf(db, workspaceId, [id]);
  return toProduct(row, variants.get(id) ?? []);
}
