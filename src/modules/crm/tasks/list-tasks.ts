import { and, asc, eq, gt, gte, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { workspaceTimezone } from '../links.ts';
import { tasks } from '../schema.ts';
import type { TTaskListQuery } from './contracts.ts';
import { dayBounds, safeZone } from './recurrence.ts';
import { toTask } from './task-row.ts';

/**
 * Tasks by due date (undated last), then id. "Today" and "overdue" are days in the workspace's time zone: a task due
 * 23:30 local is today's, even when that instant is tomorrow in UTC.
 */
export async function listTasks({
  db,
  workspaceId,
  userId,
  query,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  userId: string | null;
  query: TTaskListQuery;
  now?: Date;
}) {
  const conds: SQL[] = [eq(tasks.workspaceId, workspaceId)];
  if (query.assignee === 'me') {
    if (!userId) throw AppError.validation([{ field: 'query.assignee', message: '"me" needs a signed-in user' }]);
    conds.push(eq(tasks.assigneeId, userId));
  } else if (query.assignee !== 'any') conds.push(eq(tasks.assigneeId, query.assignee));
  if (query.contactId) conds.push(eq(tasks.contactId, query.contactId));
  if (query.companyId) conds.push(eq(tasks.companyId, query.companyId));
  if (query.dealId) conds.push(eq(tasks.dealId, query.dealId));
  const status = query.status ?? (query.view === 'all' ? undefined : 'open');
  if (status === 'open') conds.push(isNull(tasks.completedAt));
  if (status === 'done') conds.push(isNotNull(tasks.completedAt));
  if (query.view !== 'all') {
    const { start, end } = dayBounds(now, safeZone(await workspaceTimezone(db, workspaceId)));
    if (query.view === 'today') conds.push(gte(tasks.dueAt, start), lt(tasks.dueAt, end));
    if (query.view === 'overdue') conds.push(lt(tasks.dueAt, start));
    if (query.view === 'upcoming') conds.push(gte(tasks.dueAt, end));
  }
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const [due, id] = [after[0], String(after[1])];
    if (due === null) conds.push(isNull(tasks.dueAt), gt(tasks.id, id));
    else {
      const at = new Date(String(due));
      conds.push(or(gt(tasks.dueAt, at), and(eq(tasks.dueAt, at), gt(tasks.id, id)), isNull(tasks.dueAt))!);
    }
  }
  const rows = await db
    .select()
    .from(tasks)
    .where(and(...conds))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map(toTask),
    nextCursor: more && last ? encodeCursor([last.dueAt?.toISOString() ?? null, last.id]) : null,
  };
}
