import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { stockLocations } from './schema.ts';

/** The location a manual stock write names: this workspace's, and one whose levels are counted. */
export async function countedLocation(tx: Tx, workspaceId: string, id: string) {
  const [loc] = await tx
    .select()
    .from(stockLocations)
    .where(and(eq(stockLocations.workspaceId, workspaceId), eq(stockLocations.id, id)));
  if (!loc) throw AppError.notFound('Stock location');
  if (!loc.tracksLevels)
    throw AppError.validation([
      { field: 'id', message: 'this supplier does not report stock levels, so there is nothing to count here' },
    ]);
  return loc;
}

/** Every `lines.N.variantId` must be a variant of this workspace; all unknown ones are named at once. */
export async function assertVariants(tx: Tx, workspaceId: string, lines: { variantId: string }[]): Promise<void> {
  const ids = [...new Set(lines.map((l) => l.variantId))];
  const found = await tx.execute<{ id: string }>(
    sql`select id from commerce_variants where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`,
  );
  const ok = new Set(found.rows.map((r) => r.id));
  const errors: FieldError[] = [];
  lines.forEach((l, i) => {
    if (!ok.has(l.variantId))
      errors.push({ field: `lines.${i}.variantId`, message: 'is not a variant of this workspace' });
  });
  if (errors.length) throw AppError.validation(errors);
}
