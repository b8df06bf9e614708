import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { commerceCategories } from './schema.ts';

export type CategoryRow = typeof commerceCategories.$inferSelect;

export async function getCategoryRow(db: DbOrTx, workspaceId: string, id: string): Promise<CategoryRow> {
  const [row] = await db
    .select()
    .from(commerceCategories)
    .where(and(eq(commerceCategories.workspaceId, workspaceId), eq(commerceCategories.id, id)));
  if (!row) throw AppError.notFound('Category');
  return row;
}

/** A reference to a category in a write: it must be one of this workspace's (named by `field` when not). */
export async function assertCategory(db: DbOrTx, workspaceId: string, id: string | null | undefined, field: string) {
  if (!id) return;
  const [row] = await db
    .select({ id: commerceCategories.id })
    .from(commerceCategories)
    .where(and(eq(commerceCategories.workspaceId, workspaceId), eq(commerceCategories.id, id)));
  if (!row) throw AppError.validation([{ field, message: 'is not a category of this workspace' }]);
}
