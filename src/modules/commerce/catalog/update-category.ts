import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { assertCategory, getCategoryRow } from './categories.ts';
import type { TCategory, TCategoryUpdate } from './contracts.ts';
import { siblingTaken } from './create-category.ts';
import { getCategory } from './list-categories.ts';
import { commerceCategories } from './schema.ts';

/** Renames or moves a category. Moving it under itself or one of its descendants would make a loop: refused. */
export async function updateCategory({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TCategoryUpdate;
}): Promise<TCategory> {
  return db.transaction(async (tx) => {
    const row = await getCategoryRow(tx, workspaceId, id);
    if (input.parentId) {
      await assertCategory(tx, workspaceId, input.parentId, 'parentId');
      const loop = await tx.execute<{ id: string }>(sql`
        with recursive up as (
          select id, parent_id from commerce_categories where workspace_id = ${workspaceId} and id = ${input.parentId}
          union
          select c.id, c.parent_id from commerce_categories c join up on c.id = up.parent_id
          where c.workspace_id = ${workspaceId}
        ) select id from up where id = ${id}`);
      if (loop.rows.length)
        throw AppError.validation([{ field: 'parentId', message: 'cannot be the category itself or one below it' }]);
    }
    try {
      await tx
        .update(commerceCategories)
        .set({
          name: input.name ?? row.name,
          parentId: input.parentId === undefined ? row.parentId : input.parentId,
          position: input.position ?? row.position,
          updatedAt: new Date(),
        })
        .where(and(eq(commerceCategories.workspaceId, workspaceId), eq(commerceCategories.id, id)));
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw siblingTaken(input.name ?? row.name);
      throw err;
    }
    return (await getCategory({ db: tx, workspaceId, id }))!;
  });
}
