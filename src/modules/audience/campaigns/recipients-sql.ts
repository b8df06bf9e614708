import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { segmentContactIds } from './segment-source.ts';

// Bulk SQL over the CRM's contacts table (allowed for the audience module's set-based work; kept in this one file).

export type Audience = {
  listIds: string[];
  segmentId: string | null;
  excludeListIds: string[];
  excludeSegmentId: string | null;
};

/**
 * Who a campaign goes to. The rules (docs/audience/campaigns.md):
 * - a subscribed (confirmed, for double opt-in lists) member of at least one chosen list, OR a member of the chosen
 *   segment who has a positive reason to get marketing mail: subscribed to at least one list of the workspace, or
 *   whose latest email consent is 'subscribed' (a segment alone is a filter, never a permission);
 * - minus: contacts whose latest email consent is 'unsubscribed' (a global opt-out beats a list membership),
 *   suppressed addresses, contacts who paused mail (contact_mail_prefs.paused_until in the future), members of the
 *   excluded lists, members of the excluded segment, merged and erased contacts, contacts without an address;
 * - one message per contact (its primary address) and one per address (two contacts sharing an address get one).
 *
 * Rows: contact_id, email, list_ids (the chosen lists the person is subscribed to: an unsubscribe from this
 * campaign leaves those; empty for segment-only recipients, whose unsubscribe stops all marketing), tz.
 */
export async function eligibleRecipientsSql(db: DbOrTx, workspaceId: string, a: Audience): Promise<SQL> {
  const ws = sql`${workspaceId}::uuid`;
  const inLists = a.listIds.length
    ? sql`exists (select 1 from list_members lm where lm.workspace_id = ${ws} and lm.contact_id = c.id
          and lm.list_id = any(${uuidArray(a.listIds)}) and lm.status = 'subscribed')`
    : sql`false`;
  let inSegment: SQL = sql`false`;
  if (a.segmentId) {
    const members = await segmentContactIds(db, workspaceId, a.segmentId, 'segmentId');
    inSegment = sql`(c.id in (${members}) and (
        exists (select 1 from list_members lm where lm.workspace_id = ${ws} and lm.contact_id = c.id
                and lm.status = 'subscribed')
        or ${latestEmailConsent} = 'subscribed'))`;
  }
  const excludedByList = a.excludeListIds.length
    ? sql`exists (select 1 from list_members lm where lm.workspace_id = ${ws} and lm.contact_id = c.id
          and lm.list_id = any(${uuidArray(a.excludeListIds)}) and lm.status = 'subscribed')`
    : sql`false`;
  const excludedBySegment = a.excludeSegmentId
    ? sql`c.id in (${await segmentContactIds(db, workspaceId, a.excludeSegmentId, 'excludeSegmentId')})`
    : sql`false`;
  const listIdsOf = a.listIds.length
    ? sql`coalesce((select array_agg(lm.list_id order by lm.list_id) from list_members lm
          where lm.workspace_id = ${ws} and lm.contact_id = c.id and lm.list_id = any(${uuidArray(a.listIds)})
          and lm.status = 'subscribed'), '{}'::uuid[])`
    : sql`'{}'::uuid[]`;
  const tz = (await hasContactTimezone(db)) ? sql`nullif(c.timezone, '')` : sql`null::text`;
  return sql`
    select distinct on (c.emails[1]) c.id as contact_id, c.emails[1] as email, ${listIdsOf} as list_ids, ${tz} as tz
    from contacts c
    where c.workspace_id = ${ws}
      and c.merged_into_id is null and c.erased_at is null and cardinality(c.emails) > 0
      and (${inLists} or ${inSegment})
      and not (${excludedByList}) and not (${excludedBySegment})
      and coalesce(${latestEmailConsent}, '') <> 'unsubscribed'
      and not exists (select 1 from suppressions s where s.workspace_id = ${ws} and s.email = c.emails[1])
      and not exists (select 1 from contact_mail_prefs p where p.workspace_id = ${ws} and p.contact_id = c.id
                      and p.paused_until > now())
    order by c.emails[1], c.id`;
}

const latestEmailConsent = sql`(select ce.status from consent_events ce
  where ce.workspace_id = c.workspace_id and ce.contact_id = c.id and ce.channel = 'email'
  order by ce.at desc, ce.id desc limit 1)`;

/** How many people the audience reaches now (the editor's estimate; the same SQL the send materialises). */
export async function countRecipients(db: DbOrTx, workspaceId: string, a: Audience): Promise<number> {
  const q = await eligibleRecipientsSql(db, workspaceId, a);
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${q}) e`);
  return r.rows[0]?.n ?? 0;
}

/**
 * Send-time re-check of queued messages, in one query per batch: an address suppressed, a contact who paused,
 * unsubscribed (globally, or from every list the message was for), merged or erased after the recipients were
 * materialised must not be mailed. Returns the reasons for the messages to skip.
 */
export async function blockedAmong(
  db: DbOrTx,
  workspaceId: string,
  messageIds: string[],
): Promise<Map<string, string>> {
  if (messageIds.length === 0) return new Map();
  const ws = sql`${workspaceId}::uuid`;
  const r = await db.execute<{ id: string; reason: string }>(sql`
    select m.id, case
      when s.email is not null then 'suppressed (' || s.reason || ')'
      when c.id is null or c.erased_at is not null then 'contact erased'
      when c.merged_into_id is not null then 'contact merged'
      when p.paused_until > now() then 'mail paused by the contact'
      when ${latestEmailConsent} = 'unsubscribed' then 'unsubscribed'
      when cardinality(m.list_ids) > 0 and not exists (select 1 from list_members lm where lm.workspace_id = ${ws}
        and lm.contact_id = m.contact_id and lm.list_id = any(m.list_ids) and lm.status = 'subscribed')
        then 'no longer subscribed'
      end as reason
    from email_messages m
    left join suppressions s on s.workspace_id = ${ws} and s.email = m.email
    left join contacts c on c.workspace_id = ${ws} and c.id = m.contact_id
    left join contact_mail_prefs p on p.workspace_id = ${ws} and p.contact_id = m.contact_id
    where m.workspace_id = ${ws} and m.id = any(${uuidArray(messageIds)})`);
  const out = new Map<string, string>();
  for (const row of r.rows) if (row.reason) out.set(row.id, row.reason);
  return out;
}

let timezoneColumn: boolean | undefined;
/** contacts.timezone is added by the flows area; until it exists every recipient is in the workspace's zone. */
export async function hasContactTimezone(db: DbOrTx): Promise<boolean> {
  if (timezoneColumn !== undefined) return timezoneColumn;
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = 'contacts' and column_name = 'timezone'`);
  timezoneColumn = (r.rows[0]?.n ?? 0) > 0;
  return timezoneColumn;
}
