import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { removeReminder } from './reminders.ts';
import { webinarAttendanceImports, webinarRegistrants, webinars } from './schema.ts';
import { getWebinarRow } from './webinar-row.ts';

/** Deletes a webinar with its registrations, attendance imports and pending reminders. Contacts stay. */
export async function deleteWebinar({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const w = await getWebinarRow(tx, workspaceId, id, { forUpdate: true });
    for (const offset of w.reminderOffsets) await removeReminder(tx, id, offset);
    await tx
      .delete(webinarRegistrants)
      .where(and(eq(webinarRegistrants.workspaceId, workspaceId), eq(webinarRegistrants.webinarId, id)));
    await tx
      .delete(webinarAttendanceImports)
      .where(and(eq(webinarAttendanceImports.workspaceId, workspaceId), eq(webinarAttendanceImports.webinarId, id)));
    await tx.delete(webinars).where(and(eq(webinars.workspaceId, workspaceId), eq(webinars.id, id)));
  });
}
