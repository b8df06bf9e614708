import { and, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { appendTimeline } from '../../crm/index.ts';
import { suppressions } from '../schema.ts';
import { suppress } from '../sending/suppression.ts';
import type { TSuppressionListQuery } from './contracts.ts';

type Row = typeof suppressions.$inferSelect;
const toSuppression = (r: Row) => ({ email: r.email, reason: r.reason, detail: r.detail, createdAt: r.createdAt });

function filters(workspaceId: string, query: Pick<TSuppressionListQuery, 'q' | 'reason'>): SQL[] {
  const conds: SQL[] = [eq(suppressions.workspaceId, workspaceId)];
  if (query.q) conds.push(ilike(suppressions.email, `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.reason) conds.push(eq(suppressions.reason, query.reason));
  return conds;
}

/** Newest first; cursor = (created_at, email) of the last row. */
export async function listSuppressions(db: DbOrTx, workspaceId: string, query: TSuppressionListQuery) {
  const conds = filters(workspaceId, query);
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    conds.push(
      or(
        lt(suppressions.createdAt, at),
        and(eq(suppressions.createdAt, at), lt(suppressions.email, String(after[1]))),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(suppressions)
    .where(and(...conds))
    .orderBy(desc(suppressions.createdAt), desc(suppressions.email))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map(toSuppression),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.email]) : null,
  };
}

async function contactIdsByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
    select id from contacts
     where workspace_id = ${workspaceId} and emails @> array[${email}]::text[] and merged_into_id is null`);
  return r.rows.map((x) => x.id);
}

/** A person asks not to be mailed, by phone, say: suppressed by hand, with the reason shown in the list. */
export async function addSuppression(
  db: Db,
  workspaceId: string,
  actorId: string | null,
  input: { email: string; detail?: string | null | undefined },
) {
  const email = input.email.toLowerCase();
  return db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, email)));
    if (existing[0])
      throw new AppError('CONFLICT', `${email} is already suppressed (${existing[0].reason})`, [
        { field: 'body.email', message: 'is already suppressed' },
      ]);
    await suppress(tx, workspaceId, email, 'manual', input.detail ?? null);
    for (const contactId of await contactIdsByEmail(tx, workspaceId, email)) {
      await appendTimeline(tx, {
        workspaceId,
        contactId,
        kind: 'email_suppressed',
        module: 'audience',
        actorId,
        data: { email, reason: 'manual', detail: input.detail ?? null },
      });
    }
    const [row] = await tx
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, email)));
    if (!row) throw new Error('suppression not saved');
    return toSuppression(row);
  });
}

/**
 * Lifts a suppression (the address was fixed, the complaint was a mistake). Consent is not restored: whoever lifts it
 * must still have a lawful basis to mail the person, which is the consent record's business, not this list's.
 */
export async function liftSuppression(db: Db, workspaceId: string, actorId: string | null, rawEmail: string) {
  const email = rawEmail.toLowerCase();
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(suppressions)
      .where(and(eq(suppressions.workspaceId, workspaceId), eq(suppressions.email, email)))
      .returning();
    const row = removed[0];
    if (!row) throw AppError.notFound('Suppression');
    for (const contactId of await contactIdsByEmail(tx, workspaceId, email)) {
      await appendTimeline(tx, {
        workspaceId,
        contactId,
        kind: 'email_suppression_lifted',
        module: 'audience',
        actorId,
        data: { email, reason: row.reason },
      });
    }
  });
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // No cell a spreadsheet would run as a formula (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole list (filtered like the table), 5,000 rows per query. */
export async function* exportSuppressionsCsv(
  db: DbOrTx,
  workspaceId: string,
  query: Pick<TSuppressionListQuery, 'q' | 'reason'>,
): AsyncGenerator<string> {
  yield 'email,reason,detail,created_at\r\n';
  let cursor: string | undefined;
  do {
    const page = await listSuppressions(db, workspaceId, { ...query, limit: 5000, cursor });
    yield page.data.map((r) => `${[r.email, r.reason, r.detail, r.createdAt].map(csvCell).join(',')}\r\n`).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
