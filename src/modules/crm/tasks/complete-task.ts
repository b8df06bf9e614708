import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { workspaceTimezone } from '../links.ts';
import { tasks } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { type Frequency, nextOccurrence, safeZone } from './recurrence.ts';
import { getTaskRow, type TaskRow, toTask } from './task-row.ts';

const linked = (t: TaskRow) => Boolean(t.contactId || t.companyId || t.dealId);

/**
 * Marks a task done, records it on the linked contact/company/deal, and spawns the next occurrence of a recurring
 * task — all in one transaction. Completing twice is harmless: the second call changes nothing and spawns nothing.
 */
export async function completeTask({
  db,
  workspaceId,
  actorId,
  id,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    const task = await getTaskRow(tx, workspaceId, id, { forUpdate: true });
    const existingNext = async () => {
      const [n] = await tx
        .select()
        .from(tasks)
        .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.previousId, id)));
      return n ?? null;
    };
    if (task.completedAt) {
      const n = await existingNext();
      return { task: toTask(task), next: n ? toTask(n) : null };
    }
    const [done] = await tx
      .update(tasks)
      .set({ completedAt: now, updatedAt: now })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
      .returning();
    if (linked(task))
      await appendTimeline(tx, {
        workspaceId,
        contactId: task.contactId,
        companyId: task.companyId,
        dealId: task.dealId,
        kind: 'task',
        actorId,
        at: now,
        data: { action: 'completed', taskId: id, title: task.title, dueAt: task.dueAt?.toISOString() ?? null },
      });
    await emitEvent(tx, {
      workspaceId,
      type: 'task.completed',
      subjectId: id,
      payload: { taskId: id, contactId: task.contactId, companyId: task.companyId, dealId: task.dealId },
    });
    // A task reopened and completed again already has its successor (unique on previous_id): do not spawn twice.
    let next: TaskRow | null = task.recurrence ? await existingNext() : null;
    if (task.recurrence && task.dueAt && !next) {
      const tz = safeZone(await workspaceTimezone(tx, workspaceId));
      const anchor = task.recurrenceAnchor ?? task.dueAt;
      const dueAt = nextOccurrence({
        anchor,
        previousDue: task.dueAt,
        now,
        frequency: task.recurrence as Frequency,
        interval: task.recurrenceInterval,
        tz,
      });
      [next = null] = await tx
        .insert(tasks)
        .values({
          workspaceId,
          id: newId(),
          title: task.title,
          notes: task.notes,
          dueAt,
          assigneeId: task.assigneeId,
          contactId: task.contactId,
          companyId: task.companyId,
          dealId: task.dealId,
          recurrence: task.recurrence,
          recurrenceInterval: task.recurrenceInterval,
          recurrenceAnchor: anchor,
          previousId: id,
          createdBy: task.createdBy,
        })
        .returning();
    }
    return { task: toTask(done!), next: next ? toTask(next) : null };
  });
}
