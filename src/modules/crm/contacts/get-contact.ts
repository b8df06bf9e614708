import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { contacts } from '../schema.ts';
import { type ContactRow, contactColumns, toContact } from './serialize.ts';

export async function getContactRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ContactRow> {
  const q = db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Contact');
  return row;
}

/** A merged contact still answers (with `mergedIntoId`), so old links resolve to the survivor. */
export async function getContact({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return toContact(await getContactRow(db, workspaceId, id));
}
