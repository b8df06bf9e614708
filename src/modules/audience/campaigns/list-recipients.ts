import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { campaignRecord } from './campaign-row.ts';
import type { ZRecipientQuery } from './contracts.ts';

type Status = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Who the campaign went to, one row per person with what happened to their message. */
export async function listRecipients({
  db,
  workspaceId,
  id,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  query: z.infer<typeof ZRecipientQuery>;
}) {
  await campaignRecord(db, workspaceId, id);
  const after = decodeCursor(query.cursor, 1);
  const r = await db.execute<{
    id: string;
    contact_id: string | null;
    email: string;
    name: string | null;
    status: Status;
    error: string | null;
    sent_at: Date | null;
    opened: boolean;
    clicked: boolean;
    bounced: boolean;
    unsubscribed: boolean;
  }>(sql`
    select m.id, m.contact_id, m.email, m.status, m.error, m.sent_at,
      nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as name,
      exists (select 1 from email_events e where e.workspace_id = m.workspace_id and e.message_id = m.id and e.type = 'open') as opened,
      exists (select 1 from email_events e where e.workspace_id = m.workspace_id and e.message_id = m.id and e.type = 'click') as clicked,
      exists (select 1 from email_events e where e.workspace_id = m.workspace_id and e.message_id = m.id and e.type = 'bounce') as bounced,
      exists (select 1 from email_events e where e.workspace_id = m.workspace_id and e.message_id = m.id and e.type = 'unsubscribe') as unsubscribed
    from email_messages m
    left join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id and c.erased_at is null
    where m.workspace_id = ${workspaceId} and m.source_id = ${id} and m.source_type = 'campaign'
      ${query.status ? sql`and m.status = ${query.status}` : sql``}
      ${after ? sql`and m.id > ${String(after[0])}` : sql``}
    order by m.id
    limit ${query.limit + 1}`);
  const more = r.rows.length > query.limit;
  const rows = more ? r.rows.slice(0, query.limit) : r.rows;
  const last = rows[rows.length - 1];
  return {
    data: rows.map((x) => ({
      messageId: x.id,
      contactId: x.contact_id,
      email: x.email,
      name: x.name,
      status: x.status,
      error: x.error,
      sentAt: x.sent_at ? new Date(x.sent_at) : null,
      opened: x.opened,
      clicked: x.clicked,
      bounced: x.bounced,
      unsubscribed: x.unsubscribed,
    })),
    nextCursor: more && last ? encodeCursor([last.id]) : null,
  };
}
