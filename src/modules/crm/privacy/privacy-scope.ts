import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { getContactRow } from '../contacts/get-contact.ts';
import type { ContactRow } from '../contacts/serialize.ts';
import { contacts, importRejects } from '../schema.ts';

/**
 * A privacy request is about a person, and after merges a person may be several rows: the contact plus every
 * tombstone merged into it (at any depth). A tombstone itself is refused, pointing at the contact that holds the data.
 */
export async function personRecords(db: DbOrTx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const main = await getContactRow(db, workspaceId, id, opts);
  if (main.mergedIntoId)
    throw new AppError('CONFLICT', `This contact was merged into ${main.mergedIntoId}: make the request on that one.`);
  const merged: ContactRow[] = [];
  let frontier = [id];
  while (frontier.length) {
    const q = db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.mergedIntoId} = any(${uuidArray(frontier)})`));
    const rows = opts.forUpdate ? await q.for('update') : await q;
    const fresh = rows.filter((r) => r.id !== id && !merged.some((m) => m.id === r.id));
    merged.push(...fresh.map(({ search: _, ...r }) => r));
    frontier = fresh.map((r) => r.id);
  }
  return { main, merged, ids: [main.id, ...merged.map((m) => m.id)] };
}

/** Emails and phones of all the person's records: what rejected import rows are searched for. */
export function identifiers(rows: ContactRow[]): string[] {
  return [...new Set(rows.flatMap((r) => [...r.emails, ...r.phones]))];
}

/** Rejected import rows whose raw text names one of the identifiers (they never became contacts, so no link exists). */
export const mentionsAny = (ids: string[]) =>
  ids.length
    ? sql`exists (select 1 from unnest(${textArray(ids)}) as k(v)
        where position(lower(k.v) in lower(${importRejects.raw}::text)) > 0)`
    : sql`false`;
