import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../../platform/http/pagination.ts';
import { commerceProductImports } from '../schema.ts';
import type { TProductImport } from './contracts.ts';

type Row = typeof commerceProductImports.$inferSelect;

export function toProductImport(r: Row): TProductImport {
  const { workspaceId: _w, content: _c, createdBy: _b, ...rest } = r;
  return { ...rest, layout: r.layout === 'shopify' ? 'shopify' : 'freehold' };
}

export async function getProductImport({
  db,
  workspaceId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
}): Promise<TProductImport> {
  const [row] = await db
    .select()
    .from(commerceProductImports)
    .where(and(eq(commerceProductImports.workspaceId, workspaceId), eq(commerceProductImports.id, id)));
  if (!row) throw AppError.notFound('Product import');
  return toProductImport(row);
}

/** Imports, newest first (ids are time-ordered). */
export async function listProductImports({
  db,
  workspaceId,
  limit,
  cursor,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ data: TProductImport[]; nextCursor: string | null }> {
  const after = decodeCursor(cursor, 1);
  const rows = await db
    .select()
    .from(commerceProductImports)
    .where(
      and(
        eq(commerceProductImports.workspaceId, workspaceId),
        after ? lt(commerceProductImports.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(commerceProductImports.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { data: page.map(toProductImport), nextCursor: more && last ? encodeCursor([last.id]) : null };
}
