import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import type { TOutboxQuery } from './contracts.ts';

const summary = {
  id: mailOutbox.id,
  messageId: mailOutbox.messageId,
  from: mailOutbox.fromEmail,
  to: mailOutbox.toEmail,
  subject: mailOutbox.subject,
  createdAt: mailOutbox.createdAt,
};

/** What would have been sent (no SMTP server configured), newest first. */
export async function listOutbox({ db, workspaceId, query }: { db: DbOrTx; workspaceId: string; query: TOutboxQuery }) {
  const conds: SQL[] = [eq(mailOutbox.workspaceId, workspaceId)];
  if (query.to) conds.push(eq(mailOutbox.toEmail, query.to.toLowerCase()));
  if (query.q) conds.push(ilike(mailOutbox.subject, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`));
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    const id = String(after[1]);
    conds.push(or(lt(mailOutbox.createdAt, at), and(eq(mailOutbox.createdAt, at), lt(mailOutbox.id, id)))!);
  }
  const rows = await db
    .select(summary)
    .from(mailOutbox)
    .where(and(...conds))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

export async function getOutboxMessage({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [row] = await db
    .select({ ...summary, html: mailOutbox.html, text: mailOutbox.text, headers: mailOutbox.headers })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.workspaceId, workspaceId), eq(mailOutbox.id, id)));
  if (!row) throw AppError.notFound('Message');
  return row;
}
