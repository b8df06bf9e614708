import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { tasks } from '../schema.ts';
import type { TTask } from './contracts.ts';
import type { Frequency } from './recurrence.ts';

export type TaskRow = typeof tasks.$inferSelect;

export function toTask(r: TaskRow): TTask {
  return {
    id: r.id,
    title: r.title,
    notes: r.notes,
    dueAt: r.dueAt,
    assigneeId: r.assigneeId,
    contactId: r.contactId,
    companyId: r.companyId,
    dealId: r.dealId,
    recurrence: r.recurrence ? { frequency: r.recurrence as Frequency, interval: r.recurrenceInterval } : null,
    status: r.completedAt ? 'done' : 'open',
    completedAt: r.completedAt,
    previousId: r.previousId,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getTaskRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TaskRow> {
  const q = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Task');
  return row;
}

export async function getTask({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return toTask(await getTaskRow(db, workspaceId, id));
}
