import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { calendarItems } from './schema.ts';

export async function deleteCalendarItem({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const gone = await db
    .delete(calendarItems)
    .where(and(eq(calendarItems.workspaceId, workspaceId), eq(calendarItems.id, id)))
    .returning({ id: calendarItems.id });
  if (!gone.length) throw AppError.notFound('Calendar item');
}
