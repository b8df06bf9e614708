import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { FieldError } from '../../platform/errors.ts';
import { listMembers, workspaces } from '../identity/index.ts';
import { companies, contacts, deals } from './schema.ts';

/** Ids a record may point at; `undefined` = not given, `null` = cleared (nothing to check). */
export type LinkInput = {
  contactId?: string | null | undefined;
  companyId?: string | null | undefined;
  dealId?: string | null | undefined;
  /** Field name → user id that must be a member of the workspace (`assigneeId`, `ownerId`). */
  members?: Record<string, string | null | undefined>;
};

/**
 * Checks that every id named in the input exists in this workspace and collects one error per bad field. An id from
 * another workspace reads exactly like a missing one, so nothing about other tenants leaks.
 */
export async function checkLinks(db: DbOrTx, workspaceId: string, input: LinkInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.contactId) {
    const [c] = await db
      .select({ mergedIntoId: contacts.mergedIntoId, erasedAt: contacts.erasedAt })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, input.contactId)));
    if (!c) errors.push({ field: 'contactId', message: 'no such contact in this workspace' });
    else if (c.mergedIntoId)
      errors.push({ field: 'contactId', message: `was merged into ${c.mergedIntoId}; use that` });
    else if (c.erasedAt) errors.push({ field: 'contactId', message: 'this contact was erased' });
  }
  if (input.companyId) {
    const [c] = await db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, input.companyId)));
    if (!c) errors.push({ field: 'companyId', message: 'no such company in this workspace' });
  }
  if (input.dealId) {
    const [d] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, input.dealId)));
    if (!d) errors.push({ field: 'dealId', message: 'no such deal in this workspace' });
  }
  const wanted = Object.entries(input.members ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (wanted.length) {
    const members = new Set((await listMembers({ db, workspaceId })).map((m) => m.userId));
    for (const [field, userId] of wanted)
      if (!members.has(userId)) errors.push({ field, message: 'is not a member of this workspace' });
  }
  return errors;
}

/** The workspace's IANA time zone; "today" and recurrences are computed in it. */
export async function workspaceTimezone(db: DbOrTx, workspaceId: string): Promise<string> {
  const [w] = await db.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.tz ?? 'UTC';
}
