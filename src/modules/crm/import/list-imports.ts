import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { imports } from '../schema.ts';
import { toImportView } from './get-import.ts';

/** Newest first. Ids are UUIDv7, so the id alone orders by creation and is the cursor. */
export async function listImports({
  db,
  workspaceId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
}) {
  const conds = [eq(imports.workspaceId, workspaceId)];
  const after = decodeCursor(cursor, 1);
  if (after) conds.push(lt(imports.id, String(after[0])));
  const rows = await db
    .select()
    .from(imports)
    .where(and(...conds))
    .orderBy(desc(imports.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = (more ? rows.slice(0, limit) : rows).map(toImportView);
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.id]) : null };
}
