import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { toImport } from './import-attendance.ts';
import { webinarAttendanceImports } from './schema.ts';
import { getWebinarRow } from './webinar-row.ts';

/** The last 20 attendance imports of a webinar, newest first, each with its unmatched rows. */
export async function listAttendanceImports({
  db,
  workspaceId,
  webinarId,
}: {
  db: DbOrTx;
  workspaceId: string;
  webinarId: string;
}) {
  await getWebinarRow(db, workspaceId, webinarId);
  const rows = await db
    .select()
    .from(webinarAttendanceImports)
    .where(
      and(eq(webinarAttendanceImports.workspaceId, workspaceId), eq(webinarAttendanceImports.webinarId, webinarId)),
    )
    .orderBy(desc(webinarAttendanceImports.createdAt))
    .limit(20);
  return { data: rows.map(toImport) };
}
