import { and, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { assertCategory } from './categories.ts';
import type { TCategory, TCategoryCreate } from './contracts.ts';
import { getCategory } from './list-categories.ts';
import { commerceCategories } from './schema.ts';

export const siblingTaken = (name: string) =>
  new AppError('CONFLICT', `A category named ${name} already exists there`, [
    { field: 'name', message: 'is already used by a category with the same parent' },
  ]);

export async function createCategory({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TCategoryCreate;
}): Promise<TCategory> {
  return db.transaction(async (tx) => {
    await assertCategory(tx, workspaceId, input.parentId, 'parentId');
    const id = newId();
    try {
      await tx.insert(commerceCategories).values({
        workspaceId,
        id,
        name: input.name,
        parentId: input.parentId ?? null,
        position: input.position ?? 0,
      });
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw siblingTaken(input.name);
      throw err;
    }
    return (await getCategory({ db: tx, workspaceId, id }))!;
  });
}

/**
 * "Lighting > Lamps > Desk" → the id of Desk, creating the missing levels (imports name categories by path). Names
 * match case-insensitively, as the unique index does; concurrent imports creating the same level meet on it.
 */
export async function findOrCreateCategoryPath(tx: Tx, workspaceId: string, path: string): Promise<string | null> {
  const names = path
    .split('>')
    .map((s) => s.trim())
    .filter(Boolean);
  let parentId: string | null = null;
  for (const name of names.map((n) => n.slice(0, 120))) {
    const [found]: { id: string }[] = await tx
      .select({ id: commerceCategories.id })
      .from(commerceCategories)
      .where(
        and(
          eq(commerceCategories.workspaceId, workspaceId),
          parentId ? eq(commerceCategories.parentId, parentId) : isNull(commerceCategories.parentId),
          ilike(
            commerceCategories.name,
            name.replace(/[\\%_]/g, (c) => `\\${c}`),
          ),
        ),
      );
    if (found) {
      parentId = found.id;
      continue;
    }
    const id = newId();
    const inserted: { id: string }[] = await tx
      .insert(commerceCategories)
      .values({ workspaceId, id, name, parentId })
      .onConflictDoNothing()
      .returning({ id: commerceCategories.id });
    if (inserted[0]) {
      parentId = inserted[0].id;
      continue;
    }
    const [again] = await tx
      .select({ id: commerceCategories.id })
      .from(commerceCategories)
      .where(
        and(
          eq(commerceCategories.workspaceId, workspaceId),
          sql`coalesce(${commerceCategories.parentId}, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(${parentId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`,
          sql`lower(${commerceCategories.name}) = lower(${name})`,
        ),
      );
    parentId = again?.id ?? null;
  }
  return parentId;
}
