import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { MailContact } from '../sending/personalise.ts';

// Bulk reads of the CRM's contacts table for webinar mail and attendance matching (the audience module may read it
// in SQL for bulk work; writes go through the CRM's functions).

type Row = {
  contact_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  language: string | null;
};

const toMail = (r: Row): MailContact | null =>
  r.email
    ? {
        id: r.contact_id,
        email: r.email,
        firstName: r.first_name,
        lastName: r.last_name,
        companyName: r.company_name,
        language: r.language,
      }
    : null;

/** Registrants of a webinar with their primary email, skipping erased and merged-away contacts. */
export async function registrantMailContacts(
  db: DbOrTx,
  workspaceId: string,
  webinarId: string,
  contactId?: string,
): Promise<MailContact[]> {
  const res = await db.execute<Row>(sql`
    select r.contact_id, c.emails[1] as email, c.first_name, c.last_name, c.company_name, c.language
    from webinar_registrants r
    join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
    where r.workspace_id = ${workspaceId} and r.webinar_id = ${webinarId}
      and c.erased_at is null and c.merged_into_id is null
      ${contactId ? sql`and r.contact_id = ${contactId}` : sql``}
    order by r.registered_at, r.contact_id`);
  return res.rows.map(toMail).filter((c): c is MailContact => c !== null);
}

/** Every address of every registrant (lower-case) → contact id: attendance files carry whichever one they used. */
export async function registrantEmails(
  db: DbOrTx,
  workspaceId: string,
  webinarId: string,
): Promise<Map<string, string>> {
  const res = await db.execute<{ email: string; contact_id: string }>(sql`
    select lower(e.email) as email, r.contact_id
    from webinar_registrants r
    join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
    cross join lateral unnest(c.emails) as e(email)
    where r.workspace_id = ${workspaceId} and r.webinar_id = ${webinarId}`);
  return new Map(res.rows.map((r) => [r.email, r.contact_id]));
}

/** The live contact holding this address (emails are stored lower-case), or null. */
export async function contactIdByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string | null> {
  const res = await db.execute<{ id: string; merged_into_id: string | null }>(sql`
    select id, merged_into_id from contacts
    where workspace_id = ${workspaceId} and emails @> array[${email}]::text[] and erased_at is null
    order by (merged_into_id is null) desc, created_at
    limit 1`);
  const row = res.rows[0];
  return row ? (row.merged_into_id ?? row.id) : null;
}
