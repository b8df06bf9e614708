import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TProduct, TProductListQuery } from './contracts.ts';
import type { commerceProducts } from './schema.ts';
import { toProduct, variantsOf } from './serialize.ts';

type ProductRow = typeof commerceProducts.$inferSelect;

/**
 * "bra lam" → `'bra':* & 'lam':*` over the unaccented search document. Words are stripped of tsquery syntax, so
 * typed text cannot inject operators.
 */
export function prefixQuery(q: string): string | null {
  const words = q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[\s,;:()&|!<>'"*\\/]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_-]/gu, '').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

const SORTS = {
  createdAt: { expr: sql`p.created_at`, key: (r: ProductRow) => r.createdAt.toISOString(), cast: sql`::timestamptz` },
  title: { expr: sql`lower(p.title)`, key: (r: ProductRow) => r.title.toLowerCase(), cast: sql`::text` },
} as const;

/**
 * Products with their variants, keyset-paginated on the chosen sort. `q` matches words of the product (prefixes),
 * or a variant's SKU (prefix) or barcode (exact); `categoryId` includes every category below it.
 */
export async function listProducts({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TProductListQuery;
}): Promise<{ data: TProduct[]; nextCursor: string | null }> {
  const where: SQL[] = [sql`p.workspace_id = ${workspaceId}`];
  if (query.q) {
    const prefix = prefixQuery(query.q);
    const raw = query.q.trim().toLowerCase();
    const like = `${raw.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(${prefix ? sql`p.search @@ to_tsquery('simple', ${prefix})` : sql`false`}
      or exists (select 1 from commerce_variants v where v.workspace_id = p.workspace_id and v.product_id = p.id
        and (lower(v.sku) like ${like} or v.barcode = ${query.q.trim()})))`);
  }
  if (query.status) where.push(sql`p.status = ${query.status}`);
  if (query.tag) where.push(sql`${query.tag} = any(p.tags)`);
  if (query.categoryId)
    where.push(sql`p.category_id in (
      with recursive tree as (
        select id from commerce_categories where workspace_id = ${workspaceId} and id = ${query.categoryId}
        union
        select c.id from commerce_categories c join tree on c.parent_id = tree.id where c.workspace_id = ${workspaceId}
      ) select id from tree)`);
  const field = query.sort.replace('-', '') as keyof typeof SORTS;
  const sort = SORTS[field];
  const desc = query.sort.startsWith('-');
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const [k, id] = after;
    where.push(
      desc
        ? sql`(${sort.expr}, p.id) < (${k}${sort.cast}, ${id}::uuid)`
        : sql`(${sort.expr}, p.id) > (${k}${sort.cast}, ${id}::uuid)`,
    );
  }
  const dir = desc ? sql`desc` : sql`asc`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select p.workspace_id as "workspaceId", p.id, p.title, p.handle, p.description, p.vendor,
      p.product_type as "productType", p.status, p.category_id as "categoryId", p.tags, p.images, p.options,
      p.created_at as "createdAt", p.updated_at as "updatedAt"
    from commerce_products p
    where ${sql.join(where, sql` and `)}
    order by ${sort.expr} ${dir}, p.id ${dir}
    limit ${query.limit + 1}`);
  const more = rows.rows.length > query.limit;
  const page = (more ? rows.rows.slice(0, query.limit) : rows.rows).map(
    (r) =>
      ({
        ...r,
        search: '',
        createdAt: new Date(r.createdAt as string),
        updatedAt: new Date(r.updatedAt as string),
      }) as ProductRow,
  );
  const variants = await variantsOf(
    db,
    workspaceId,
    page.map((p) => p.id),
  );
  const last = page[page.length - 1];
  return {
    data: page.map((p) => toProduct(p, variants.get(p.id) ?? [])),
    nextCursor: more && last ? encodeCursor([sort.key(last), last.id]) : null,
  };
}
