import { z } from 'zod';
import { FREQUENCIES } from './recurrence.ts';

const id = z.string().uuid();

export const ZRecurrence = z
  .object({
    frequency: z.enum(FREQUENCIES),
    interval: z.number().int().min(1).max(366).default(1).describe('Every n days/weeks/months/years'),
  })
  .meta({ id: 'TaskRecurrence' });

export const ZTask = z
  .object({
    id,
    title: z.string(),
    notes: z.string().nullable(),
    dueAt: z.date().nullable(),
    assigneeId: id.nullable(),
    contactId: id.nullable(),
    companyId: id.nullable(),
    dealId: id.nullable(),
    recurrence: ZRecurrence.nullable(),
    status: z.enum(['open', 'done']),
    completedAt: z.date().nullable(),
    previousId: id.nullable().describe('The occurrence of a recurring task this one followed'),
    createdBy: id.nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Task' });
export type TTask = z.infer<typeof ZTask>;

export const ZTaskCreate = z
  .object({
    title: z.string().trim().min(1).max(500),
    notes: z.string().max(20_000).nullish(),
    dueAt: z.string().datetime({ offset: true }).nullish(),
    assigneeId: id.nullish().describe('A member of the workspace; defaults to the signed-in user'),
    contactId: id.nullish(),
    companyId: id.nullish(),
    dealId: id.nullish(),
    recurrence: ZRecurrence.nullish().describe('Needs a dueAt: the series is counted from it'),
  })
  .meta({ id: 'TaskCreate' });
export type TTaskCreate = z.infer<typeof ZTaskCreate>;

export const ZTaskUpdate = ZTaskCreate.partial().meta({ id: 'TaskUpdate' });
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

export const TASK_VIEWS = ['today', 'overdue', 'upcoming', 'all'] as const;

export const ZTaskListQuery = z.object({
  view: z
    .enum(TASK_VIEWS)
    .default('all')
    .describe(
      "Days in the workspace's time zone: today = due today, overdue = due before today, upcoming = due after today",
    ),
  assignee: z
    .union([z.literal('me'), z.literal('any'), id])
    .default('any')
    .describe('me, any, or a user id'),
  contactId: id.optional(),
  companyId: id.optional(),
  dealId: id.optional(),
  status: z.enum(['open', 'done']).optional().describe('Defaults to open for today/overdue/upcoming, both for all'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZTaskCompleted = z
  .object({ task: ZTask, next: ZTask.nullable().describe('The next occurrence of a recurring task') })
  .meta({ id: 'TaskCompleted' });
