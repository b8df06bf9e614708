import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Role } from '../../../platform/http/context.ts';
import { savedViews } from '../schema.ts';
import { getView } from './list-views.ts';
import { assertMayEdit } from './update-view.ts';

export async function deleteView({
  db,
  workspaceId,
  id,
  actor,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  actor: { userId: string | null; role: Role };
}) {
  const view = await getView({ db, workspaceId, id });
  assertMayEdit(view, actor);
  await db.delete(savedViews).where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)));
}
