import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { getContact } from '../../crm/index.ts';
import { contacts } from '../../crm/schema.ts';
import type { MailContact } from '../sending/personalise.ts';

// Who a preview or a test send is personalised for: a contact of the caller's workspace (getContact filters on the
// workspace, so another workspace's id is a 404), or a sample person.

export const SAMPLE_CONTACT: MailContact = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'alex.sample@example.com',
  firstName: 'Alex',
  lastName: 'Sample',
  companyName: 'Example Trading Ltd',
  title: 'Purchasing manager',
  country: 'GB',
  language: 'en',
  tags: ['sample'],
  custom: {},
};

export async function mailContactOf(db: DbOrTx, workspaceId: string, contactId: string): Promise<MailContact> {
  const c = await getContact({ db, workspaceId, id: contactId });
  return {
    id: c.id,
    email: c.emails[0] ?? '',
    firstName: c.firstName,
    lastName: c.lastName,
    companyName: c.companyName,
    title: c.title,
    country: c.address?.country ?? null,
    language: c.language,
    tags: c.tags,
    custom: c.custom as Record<string, unknown>,
  };
}

/** The live contact of the workspace that has this address, if any (a test send's real recipient). */
export async function contactIdByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        sql`${email.toLowerCase()} = any(${contacts.emails})`,
        isNull(contacts.mergedIntoId),
        isNull(contacts.erasedAt),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}
