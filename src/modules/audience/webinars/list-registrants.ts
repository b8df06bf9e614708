import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { getWebinarRow } from './webinar-row.ts';

type Row = {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  registered_at: Date;
  attended: boolean | null;
  minutes_attended: number | null;
  utm_campaign: string | null;
};

/** A webinar's registrants with the contact's name and primary email, in registration order. */
export async function listRegistrants({
  db,
  workspaceId,
  webinarId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  webinarId: string;
  query: { attended?: 'true' | 'false' | 'unknown' | undefined; limit: number; cursor?: string | undefined };
}) {
  await getWebinarRow(db, workspaceId, webinarId);
  const after = decodeCursor(query.cursor, 2);
  const attended =
    query.attended === 'true'
      ? sql`and r.attended`
      : query.attended === 'false'
        ? sql`and r.attended = false`
        : query.attended === 'unknown'
          ? sql`and r.attended is null`
          : sql``;
  const res = await db.execute<Row>(sql`
    select r.contact_id, c.first_name, c.last_name, c.emails[1] as email, r.registered_at, r.attended,
           r.minutes_attended, r.utm_campaign
    from webinar_registrants r
    left join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
    where r.workspace_id = ${workspaceId} and r.webinar_id = ${webinarId} ${attended}
      ${after ? sql`and (r.registered_at, r.contact_id) > (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)` : sql``}
    order by r.registered_at, r.contact_id
    limit ${query.limit + 1}`);
  const rows = res.rows;
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map((r) => ({
      contactId: r.contact_id,
      name: [r.first_name, r.last_name].filter(Boolean).join(' ') || r.email || '—',
      email: r.email,
      registeredAt: new Date(r.registered_at),
      attended: r.attended,
      minutesAttended: r.minutes_attended,
      utmCampaign: r.utm_campaign,
    })),
    nextCursor: more && last ? encodeCursor([new Date(last.registered_at).toISOString(), last.contact_id]) : null,
  };
}
