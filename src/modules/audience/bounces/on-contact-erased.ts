import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';

/**
 * The erased contacts' bounce reports keep what the deliverability figures count (kind, status, source, date, the
 * message they were about) and lose the address and the server's diagnostic, which usually quotes it. A report is
 * theirs when it names them or one of the messages they were sent, so this must run before those messages lose their
 * contact. Their suppressions stay: an address that was refused or complained must not be mailed again when someone
 * adds it back, and the suppression list is the one place that remembers it.
 */
export async function anonymiseBounceReports(tx: DbOrTx, workspaceId: string, contactIds: string[]): Promise<void> {
  const ids = uuidArray(contactIds);
  await tx.execute(sql`update bounce_reports r set email = 'erased', diagnostic = null, contact_id = null
    where r.workspace_id = ${workspaceId}
      and (r.contact_id = any(${ids})
        or r.message_id in (select m.id from email_messages m
                             where m.workspace_id = ${workspaceId} and m.contact_id = any(${ids})))`);
}
