import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { defineJob } from '../../../platform/jobs/queue.ts';

type DueRow = {
  workspace_id: string;
  id: string;
  title: string;
  due_at: Date;
  assignee_id: string | null;
  contact_id: string | null;
  company_id: string | null;
  deal_id: string | null;
};

/**
 * Announces `task.due` for every open task whose due time has come, once: `reminded_at` is set in the same
 * transaction as the event, and SKIP LOCKED lets two workers share a backlog without announcing a task twice.
 */
export async function remindDueTasks({
  db,
  now = new Date(),
  batchSize = 500,
}: {
  db: Db;
  now?: Date;
  batchSize?: number;
}): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx.execute<DueRow>(sql`
        with due as (
          select workspace_id, id from tasks
          where completed_at is null and reminded_at is null and due_at <= ${now}
          order by due_at
          limit ${batchSize}
          for update skip locked
        )
        update tasks t set reminded_at = ${now}
        from due
        where t.workspace_id = due.workspace_id and t.id = due.id
        returning t.workspace_id, t.id, t.title, t.due_at, t.assignee_id, t.contact_id, t.company_id, t.deal_id`);
      for (const r of due.rows)
        await emitEvent(tx, {
          workspaceId: r.workspace_id,
          type: 'task.due',
          subjectId: r.id,
          payload: {
            taskId: r.id,
            title: r.title,
            dueAt: new Date(r.due_at).toISOString(),
            assigneeId: r.assignee_id,
            contactId: r.contact_id,
            companyId: r.company_id,
            dealId: r.deal_id,
          },
        });
      return due.rows.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}

export const remindDueTasksJob = defineJob({
  name: 'crm.remind-due-tasks',
  // The cron payload ({ _cron: … }) carries nothing we need.
  payload: z.object({}),
  maxAttempts: 3,
  handler: async (_payload, ctx) => {
    const n = await remindDueTasks({ db: ctx.db });
    if (n) ctx.logger.debug({ reminded: n }, 'task reminders announced');
  },
});
