import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { checkLinks } from '../links.ts';
import { tasks } from '../schema.ts';
import type { TTaskCreate } from './contracts.ts';
import { toTask } from './task-row.ts';

export type CreateTaskOptions = {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TTaskCreate;
  now?: Date;
};

export async function createTask({ db, workspaceId, actorId, input, now = new Date() }: CreateTaskOptions) {
  const errors = await checkLinks(db, workspaceId, {
    contactId: input.contactId,
    companyId: input.companyId,
    dealId: input.dealId,
    members: { assigneeId: input.assigneeId },
  });
  const dueAt = input.dueAt ? new Date(input.dueAt) : null;
  if (input.recurrence && !dueAt) errors.push({ field: 'recurrence', message: 'needs a dueAt to count from' });
  if (errors.length) throw AppError.validation(errors);
  const [row] = await db
    .insert(tasks)
    .values({
      workspaceId,
      id: newId(),
      title: input.title,
      notes: input.notes ?? null,
      dueAt,
      // Omitted means "mine"; an explicit null leaves the task unassigned.
      assigneeId: input.assigneeId === undefined ? actorId : input.assigneeId,
      contactId: input.contactId ?? null,
      companyId: input.companyId ?? null,
      dealId: input.dealId ?? null,
      recurrence: input.recurrence?.frequency ?? null,
      recurrenceInterval: input.recurrence?.interval ?? 1,
      recurrenceAnchor: input.recurrence ? dueAt : null,
      // A task created already due did not "become" due: no reminder for it.
      remindedAt: dueAt && dueAt <= now ? now : null,
      createdBy: actorId,
    })
    .returning();
  return toTask(row!);
}
