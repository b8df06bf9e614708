import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Role } from '../../../platform/http/context.ts';
import { savedViews } from '../schema.ts';
import type { TSavedViewUpdate } from './contracts.ts';
import { toView } from './create-view.ts';
import { getView } from './list-views.ts';
import { validateViewQuery } from './validate-view-query.ts';

type Actor = { userId: string | null; role: Role };

/** Everyone sees every view; only its author or an admin changes it, so a shared list does not shift underfoot. */
export function assertMayEdit(view: { createdBy: string | null }, actor: Actor): void {
  if (actor.role === 'member' && view.createdBy !== actor.userId)
    throw new AppError('FORBIDDEN', 'Only the author of this view or an admin can change it.');
}

export async function updateView({
  db,
  workspaceId,
  id,
  actor,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  actor: Actor;
  input: TSavedViewUpdate;
}) {
  const view = await getView({ db, workspaceId, id });
  assertMayEdit(view, actor);
  if (input.query) {
    const errors = validateViewQuery(view.entity, input.query);
    if (errors.length) throw AppError.validation(errors);
  }
  const [row] = await db
    .update(savedViews)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.query !== undefined ? { query: input.query } : {}),
    })
    .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)))
    .returning();
  return toView(row!);
}
