import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkLinks } from '../links.ts';
import { tasks } from '../schema.ts';
import type { TTaskUpdate } from './contracts.ts';
import { getTaskRow, toTask } from './task-row.ts';

export async function updateTask({
  db,
  workspaceId,
  id,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TTaskUpdate;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const before = await getTaskRow(tx, workspaceId, id, { forUpdate: true });
    const errors = await checkLinks(tx, workspaceId, {
      contactId: input.contactId,
      companyId: input.companyId,
      dealId: input.dealId,
      members: { assigneeId: input.assigneeId },
    });
    const set: Partial<typeof tasks.$inferInsert> = { updatedAt: now };
    if (input.title !== undefined) set.title = input.title;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.assigneeId !== undefined) set.assigneeId = input.assigneeId;
    if (input.contactId !== undefined) set.contactId = input.contactId;
    if (input.companyId !== undefined) set.companyId = input.companyId;
    if (input.dealId !== undefined) set.dealId = input.dealId;
    const dueAt = input.dueAt === undefined ? before.dueAt : input.dueAt ? new Date(input.dueAt) : null;
    const dueChanged = (dueAt?.getTime() ?? null) !== (before.dueAt?.getTime() ?? null);
    if (dueChanged) {
      set.dueAt = dueAt;
      // A new due date is a new moment to be reminded of, unless it is already past.
      set.remindedAt = dueAt && dueAt <= now ? now : null;
    }
    if (input.recurrence !== undefined) {
      set.recurrence = input.recurrence?.frequency ?? null;
      set.recurrenceInterval = input.recurrence?.interval ?? 1;
    }
    const recurring = input.recurrence === undefined ? before.recurrence !== null : input.recurrence !== null;
    if (recurring && !dueAt)
      errors.push({ field: input.recurrence ? 'recurrence' : 'dueAt', message: 'a recurring task needs a dueAt' });
    // Moving the due date or changing the rule starts the series afresh from the (new) due date.
    if (dueChanged || input.recurrence !== undefined) set.recurrenceAnchor = recurring ? dueAt : null;
    if (errors.length) throw AppError.validation(errors);
    const [row] = await tx
      .update(tasks)
      .set(set)
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
      .returning();
    return toTask(row!);
  });
}
