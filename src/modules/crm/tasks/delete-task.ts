import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { tasks } from '../schema.ts';

export async function deleteTask({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const deleted = await db
    .delete(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
    .returning({ id: tasks.id });
  if (!deleted.length) throw AppError.notFound('Task');
}
