import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { tasks } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { getTaskRow, toTask } from './task-row.ts';

/**
 * Reopens a done task. A recurring task's already-spawned next occurrence is left alone (it may have been edited);
 * completing this one again will not spawn another.
 */
export async function reopenTask({
  db,
  workspaceId,
  actorId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
}) {
  return db.transaction(async (tx) => {
    const task = await getTaskRow(tx, workspaceId, id, { forUpdate: true });
    if (!task.completedAt) return toTask(task);
    const [row] = await tx
      .update(tasks)
      .set({ completedAt: null, updatedAt: new Date() })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
      .returning();
    if (task.contactId || task.companyId || task.dealId)
      await appendTimeline(tx, {
        workspaceId,
        contactId: task.contactId,
        companyId: task.companyId,
        dealId: task.dealId,
        kind: 'task',
        actorId,
        data: { action: 'reopened', taskId: id, title: task.title },
      });
    return toTask(row!);
  });
}
