import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { emailTemplates } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { toTemplate } from './template-row.ts';

/** Most recently changed first. */
export async function listTemplates({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: { q?: string | undefined; limit: number; cursor?: string | undefined };
}) {
  const conds: SQL[] = [eq(emailTemplates.workspaceId, workspaceId)];
  if (query.q) conds.push(ilike(emailTemplates.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    const id = String(after[1]);
    conds.push(or(lt(emailTemplates.updatedAt, at), and(eq(emailTemplates.updatedAt, at), lt(emailTemplates.id, id)))!);
  }
  const rows = await db
    .select()
    .from(emailTemplates)
    .where(and(...conds))
    .orderBy(desc(emailTemplates.updatedAt), desc(emailTemplates.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  const settings = await audienceSettingsFor(db, workspaceId);
  return {
    data: data.map((r) => toTemplate(r, settings)),
    nextCursor: more && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
  };
}
