import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { getFormRow } from './form-row.ts';
import { formSubmissions } from './schema.ts';

/** A form's submissions, newest first. The IP hash and user agent stay out: they are evidence, not a report. */
export async function listSubmissions({
  db,
  workspaceId,
  formId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  formId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  await getFormRow(db, workspaceId, formId);
  const after = decodeCursor(cursor, 2) as [string, string] | undefined;
  const conds = [eq(formSubmissions.workspaceId, workspaceId), eq(formSubmissions.formId, formId)];
  if (after) {
    const at = new Date(after[0]);
    conds.push(
      or(lt(formSubmissions.createdAt, at), and(eq(formSubmissions.createdAt, at), lt(formSubmissions.id, after[1])))!,
    );
  }
  const rows = await db
    .select()
    .from(formSubmissions)
    .where(and(...conds))
    .orderBy(desc(formSubmissions.createdAt), desc(formSubmissions.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data: data.map((r) => ({
      id: r.id,
      formId: r.formId,
      contactId: r.contactId,
      email: r.email,
      values: r.values,
      listIds: r.listIds,
      pendingListIds: r.pendingListIds,
      status: r.pendingListIds.length
        ? r.confirmedAt
          ? ('confirmed' as const)
          : ('pending' as const)
        : ('subscribed' as const),
      pageUrl: r.pageUrl,
      referrer: r.referrer,
      utm: r.utm,
      confirmedAt: r.confirmedAt,
      createdAt: r.createdAt,
    })),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
