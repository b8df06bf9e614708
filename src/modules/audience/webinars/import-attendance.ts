import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline } from '../../crm/index.ts';
import { recordContactEvent } from '../events/index.ts';
import { parseAttendance } from './attendance-csv.ts';
import type { TAttendanceImport } from './contracts.ts';
import { registrantEmails } from './registrant-contacts-sql.ts';
import { type UnmatchedRow, webinarAttendanceImports, webinarRegistrants } from './schema.ts';
import { getWebinarRow } from './webinar-row.ts';

/**
 * Reads an attendance export and settles who came: registrants found in it (by any of their addresses) attended,
 * with the minutes summed over their rows (rejoins); every other registrant is a no-show. Rows that match no
 * registrant — no address, an address nobody registered with — are returned and kept with the import, never dropped
 * unseen. A change of a registrant's outcome writes a timeline entry (webinar_attended / webinar_no_show) and a
 * contact event (webinar.attended / webinar.no_show, properties.webinarId) that segments and flows use; importing the
 * same file again changes nothing and writes nothing twice.
 */
export async function importAttendance({
  db,
  workspaceId,
  webinarId,
  actorId,
  fileName,
  file,
  now = new Date(),
}: {
  db: Db;
  workspaceId: string;
  webinarId: string;
  actorId: string | null;
  fileName: string | null;
  file: Buffer;
  now?: Date;
}): Promise<TAttendanceImport> {
  const webinar = await getWebinarRow(db, workspaceId, webinarId);
  if (webinar.startsAt.getTime() > now.getTime())
    throw new AppError('CONFLICT', 'This webinar has not started yet: import its attendance afterwards.');
  const parsed = parseAttendance(file);
  if (!parsed.columns.email)
    throw AppError.validation([
      { field: 'file', message: 'no column with email addresses was found (looked for a header like "Email")' },
    ]);
  const byEmail = await registrantEmails(db, workspaceId, webinarId);
  const minutes = new Map<string, number | null>();
  const unmatched: UnmatchedRow[] = [];
  for (const row of parsed.rows) {
    const contactId = row.email ? byEmail.get(row.email) : undefined;
    if (!row.email) {
      unmatched.push({ line: row.line, email: null, reason: 'no email address in this row', raw: row.raw });
      continue;
    }
    if (!contactId) {
      unmatched.push({ line: row.line, email: row.email, reason: 'nobody registered with this address', raw: row.raw });
      continue;
    }
    // Listed as not attended (Zoom's Attended = No): a no-show like anyone absent from the file.
    if (!row.attended) continue;
    const prev = minutes.get(contactId);
    minutes.set(contactId, row.minutes === null ? (prev ?? null) : (prev ?? 0) + row.minutes);
  }
  const attendedIds = [...minutes.keys()];
  const id = newId();

  await db.transaction(async (tx) => {
    const current = await tx
      .select({ contactId: webinarRegistrants.contactId, attended: webinarRegistrants.attended })
      .from(webinarRegistrants)
      .where(and(eq(webinarRegistrants.workspaceId, workspaceId), eq(webinarRegistrants.webinarId, webinarId)))
      .for('update');
    // One set-based update for all registrants: attended iff in the file; minutes from it.
    await tx.execute(sql`
      update webinar_registrants r
      set attended = (m.contact_id is not null),
          minutes_attended = m.minutes,
          updated_at = ${now.toISOString()}::timestamptz
      from webinar_registrants r0
      left join unnest(${uuidArray(attendedIds)}, ${sql.param(attendedIds.map((c) => minutes.get(c) ?? null))}::int[])
        as m(contact_id, minutes) on m.contact_id = r0.contact_id
      where r.workspace_id = ${workspaceId} and r.webinar_id = ${webinarId}
        and r0.workspace_id = r.workspace_id and r0.webinar_id = r.webinar_id and r0.contact_id = r.contact_id`);
    const came = new Set(attendedIds);
    const changed = current.filter((r) => r.attended !== came.has(r.contactId));
    const at = webinar.startsAt;
    await appendTimeline(
      tx,
      changed.map((r) => ({
        workspaceId,
        contactId: r.contactId,
        kind: came.has(r.contactId) ? 'webinar_attended' : 'webinar_no_show',
        module: 'audience',
        actorId,
        at,
        data: {
          webinarId,
          title: webinar.title,
          ...(came.has(r.contactId) ? { minutes: minutes.get(r.contactId) ?? null } : {}),
        },
      })),
    );
    for (const r of changed)
      await recordContactEvent(tx, {
        workspaceId,
        contactId: r.contactId,
        type: came.has(r.contactId) ? 'webinar.attended' : 'webinar.no_show',
        properties: {
          webinarId,
          title: webinar.title,
          ...(came.has(r.contactId) ? { minutes: minutes.get(r.contactId) ?? null } : {}),
        },
        at,
        actorId,
        // The webinar_attended / webinar_no_show entry above already tells the story on the timeline.
        timeline: false,
        module: 'audience',
      });
    await tx.insert(webinarAttendanceImports).values({
      workspaceId,
      id,
      webinarId,
      fileName,
      rows: parsed.rows.length,
      attended: came.size,
      noShows: current.length - current.filter((r) => came.has(r.contactId)).length,
      unmatched,
      columns: { ...parsed.columns, encoding: parsed.encoding, delimiter: parsed.delimiter },
      createdBy: actorId,
      createdAt: now,
    });
  });
  const [row] = await db
    .select()
    .from(webinarAttendanceImports)
    .where(and(eq(webinarAttendanceImports.workspaceId, workspaceId), eq(webinarAttendanceImports.id, id)));
  return toImport(row!);
}

export function toImport(r: typeof webinarAttendanceImports.$inferSelect): TAttendanceImport {
  return {
    id: r.id,
    webinarId: r.webinarId,
    fileName: r.fileName,
    rows: r.rows,
    attended: r.attended,
    noShows: r.noShows,
    unmatched: r.unmatched,
    columns: r.columns,
    createdAt: r.createdAt,
  };
}
