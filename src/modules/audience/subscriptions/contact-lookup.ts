import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { getContact } from '../../crm/index.ts';
import type { MailContact } from '../sending/personalise.ts';

// Reads of the CRM's contacts table that the audience's public pages need and the CRM index does not offer: finding
// the live contact that holds an address. Kept here, in one named file, as the architecture asks of such SQL.

/** The active (not merged, not erased) contact holding this lower-case address, if any. */
export async function findContactIdByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string | null> {
  const rows = await db.execute<{ id: string }>(sql`
    select id from contacts
    where workspace_id = ${workspaceId} and emails @> array[${email}]::text[]
      and merged_into_id is null and erased_at is null
    order by created_at
    limit 1`);
  return rows.rows[0]?.id ?? null;
}

/**
 * Serialises everything done for one address in one workspace (two tabs submitting the same form at once would
 * otherwise both create a contact). Transaction-scoped: released at commit or rollback.
 */
export async function lockAddress(tx: DbOrTx, workspaceId: string, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audience:${workspaceId}:${email}`}, 0))`);
}

/** What a template needs of a contact, for the address the message goes to. */
export async function mailContactOf(
  db: DbOrTx,
  workspaceId: string,
  contactId: string,
  email?: string | null,
): Promise<MailContact | null> {
  const c = await getContact({ db, workspaceId, id: contactId }).catch(() => null);
  if (!c || c.erasedAt) return null;
  const to = email ?? c.emails[0];
  if (!to) return null;
  return {
    id: c.id,
    email: to,
    firstName: c.firstName,
    lastName: c.lastName,
    companyName: c.companyName,
    title: c.title,
    country: c.address.country ?? null,
    language: c.language,
    tags: c.tags,
    custom: c.custom,
  };
}
