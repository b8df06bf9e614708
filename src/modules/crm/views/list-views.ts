import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { savedViews } from '../schema.ts';
import type { ViewEntity } from './contracts.ts';
import { toView } from './create-view.ts';

/** Views are shared by the whole workspace: a team works from the same lists. */
export async function listViews({
  db,
  workspaceId,
  entity,
}: {
  db: DbOrTx;
  workspaceId: string;
  entity?: ViewEntity | undefined;
}) {
  const conds: SQL[] = [eq(savedViews.workspaceId, workspaceId)];
  if (entity) conds.push(eq(savedViews.entity, entity));
  const rows = await db
    .select()
    .from(savedViews)
    .where(and(...conds))
    .orderBy(asc(savedViews.entity), asc(savedViews.name), asc(savedViews.id));
  return rows.map(toView);
}

export async function getView({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id)));
  if (!row) throw AppError.notFound('View');
  return toView(row);
}
