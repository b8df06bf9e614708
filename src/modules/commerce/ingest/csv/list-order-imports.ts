import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../../platform/http/pagination.ts';
import { commerceOrderImportErrors, commerceOrderImports } from '../schema.ts';
import { findOrderImport, toOrderImportView } from './order-import-view.ts';

type Page = { db: DbOrTx; workspaceId: string; limit: number; cursor?: string | undefined };

/** Newest first; ids are UUIDv7, so the id orders them and is the cursor. */
export async function listOrderImports({ db, workspaceId, limit, cursor }: Page) {
  const t = commerceOrderImports;
  const conds = [eq(t.workspaceId, workspaceId)];
  const after = decodeCursor(cursor, 1);
  if (after) conds.push(lt(t.id, String(after[0])));
  const rows = await db
    .select()
    .from(t)
    .where(and(...conds))
    .orderBy(desc(t.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = (more ? rows.slice(0, limit) : rows).map(toOrderImportView);
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/** The orders an import could not take, in file order, each with its rows and what is wrong. */
export async function listOrderImportErrors({ db, workspaceId, id, limit, cursor }: Page & { id: string }) {
  await findOrderImport(db, workspaceId, id);
  const e = commerceOrderImportErrors;
  const conds = [eq(e.workspaceId, workspaceId), eq(e.importId, id)];
  const after = decodeCursor(cursor, 1);
  if (after) conds.push(gt(e.firstRow, Number(after[0])));
  const rows = await db
    .select()
    .from(e)
    .where(and(...conds))
    .orderBy(asc(e.firstRow))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({ kind: r.kind, orderRef: r.orderRef, rows: r.rows, message: r.message, fields: r.fields })),
    nextCursor: more && last ? encodeCursor([last.firstRow]) : null,
  };
}
