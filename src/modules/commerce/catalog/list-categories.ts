import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TCategory } from './contracts.ts';

type Row = Omit<TCategory, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/**
 * Every category with its full path ("Lighting > Lamps > Desk") and how many products sit directly in it, in tree
 * order (by path). Keyset-paginated on the path like other lists, though a catalog rarely has more than a page.
 */
export async function listCategories({
  db,
  workspaceId,
  limit,
  cursor,
  ids,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
  ids?: string[];
}): Promise<{ data: TCategory[]; nextCursor: string | null }> {
  const after = decodeCursor(cursor, 2);
  const rows = await db.execute<Row>(sql`
    with recursive tree as (
      select c.id, c.name, c.parent_id, c.position, c.created_at, c.updated_at, c.name::text as path,
        array[c.id] as seen
      from commerce_categories c where c.workspace_id = ${workspaceId} and c.parent_id is null
      union all
      select c.id, c.name, c.parent_id, c.position, c.created_at, c.updated_at, tree.path || ' > ' || c.name,
        tree.seen || c.id
      from commerce_categories c join tree on c.parent_id = tree.id
      where c.workspace_id = ${workspaceId} and not c.id = any(tree.seen)
    )
    select t.id, t.name, t.parent_id as "parentId", t.position, t.path, t.created_at as "createdAt",
      t.updated_at as "updatedAt",
      (select count(*)::int from commerce_products p where p.workspace_id = ${workspaceId} and p.category_id = t.id)
        as "productCount"
    from tree t
    where true
      ${ids ? sql`and t.id = any(${sql.param(ids)}::uuid[])` : sql``}
      ${after ? sql`and (lower(t.path), t.id) > (${after[0]}::text, ${after[1]}::uuid)` : sql``}
    order by lower(t.path), t.id
    limit ${limit + 1}`);
  const more = rows.rows.length > limit;
  const page = (more ? rows.rows.slice(0, limit) : rows.rows).map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  }));
  const last = page[page.length - 1];
  return { data: page, nextCursor: more && last ? encodeCursor([last.path.toLowerCase(), last.id]) : null };
}

export async function getCategory({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const r = await listCategories({ db, workspaceId, limit: 1, ids: [id] });
  return r.data[0];
}
