import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TContactListQuery } from './contracts.ts';
import { type ContactRow, toContact } from './serialize.ts';

/**
 * Turns what a person typed into a prefix tsquery: every word must match the start of a word in the document
 * ("ann exa" finds anna@example.com). Words are unaccented and stripped of tsquery syntax, so input cannot inject
 * operators.
 */
export function toPrefixQuery(q: string): string | null {
  const words = q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[\s@,;:()&|!<>'"*\\/]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}._+-]/gu, '').replace(/^[-.+]+|[-.]+$/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

const SELECT = sql`c.workspace_id as "workspaceId", c.id, c.first_name as "firstName", c.last_name as "lastName", c.emails, c.phones,
  c.title, c.company_id as "companyId", c.company_name as "companyName", c.address, c.country, c.language, c.website,
  c.social, c.tags, c.owner_id as "ownerId", c.lifecycle_stage as "lifecycleStage", c.custom, c.first_source as "firstSource",
  c.latest_source as "latestSource", c.source_channel as "sourceChannel", c.merged_into_id as "mergedIntoId",
  c.erased_at as "erasedAt", c.created_at as "createdAt", c.updated_at as "updatedAt"`;

function filters(workspaceId: string, q: TContactListQuery): SQL[] {
  const where: SQL[] = [sql`c.workspace_id = ${workspaceId}`, sql`c.merged_into_id is null`, sql`c.erased_at is null`];
  if (q.tags?.length) where.push(sql`c.tags @> ${textArray(q.tags)}`);
  if (q.lifecycleStage) where.push(sql`c.lifecycle_stage = ${q.lifecycleStage}`);
  if (q.ownerId) where.push(sql`c.owner_id = ${q.ownerId}`);
  if (q.sourceChannel) where.push(sql`c.source_channel = ${q.sourceChannel}`);
  if (q.sourceName) where.push(sql`c.first_source->>'name' = ${q.sourceName}`);
  if (q.companyId) where.push(sql`c.company_id = ${q.companyId}`);
  if (q.custom) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(q.custom);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw AppError.validation([
        { field: 'query.custom', message: 'must be a JSON object, e.g. {"industry":"lighting"}' },
      ]);
    where.push(sql`c.custom @> ${JSON.stringify(parsed)}::jsonb`);
  }
  return where;
}

const SORTS = {
  createdAt: { expr: sql`c.created_at`, key: (r: ContactRow) => r.createdAt.toISOString() },
  updatedAt: { expr: sql`c.updated_at`, key: (r: ContactRow) => r.updatedAt.toISOString() },
  name: {
    expr: sql`lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))`,
    key: (r: ContactRow) => `${r.firstName ?? ''} ${r.lastName ?? ''}`.toLowerCase(),
  },
} as const;

/**
 * Lists contacts. Without `q`: keyset pagination on the chosen sort. With `q`: ranked search — full text (prefix
 * words over names, emails, phones, company, title, tags), fuzzy names (pg_trgm, so typos still find "John Smith"),
 * and note bodies on the timeline; the cursor is then an offset into the ranking.
 */
export async function listContacts({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TContactListQuery;
}) {
  const where = filters(workspaceId, query);
  const limit = query.limit;
  if (query.q?.trim()) {
    const prefix = toPrefixQuery(query.q);
    const plain = query.q
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();
    const offset = Number(decodeCursor(query.cursor, 1)?.[0] ?? 0);
    const digits = plain.replace(/[^0-9]/g, '');
    const tsq = prefix ? sql`to_tsquery('simple', ${prefix})` : sql`null::tsquery`;
    // Each branch uses its own index (GIN tsvector, GIN trigram, timeline GIN); UNION de-duplicates the ids, then
    // the filters and the ranking apply to that small set only.
    // Two transposed letters ("Jonh Smiht") score ~0.29 trigram similarity, just under pg_trgm's 0.3 default;
    // 0.2 still separates names well, and the ranking puts the closest first.
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local pg_trgm.similarity_threshold = 0.2`);
      return tx.execute<ContactRow & { rank: number }>(sql`
      with hits as (
        select id from contacts
          where workspace_id = ${workspaceId} and search @@ ${tsq}
        union
        select id from contacts
          where workspace_id = ${workspaceId}
            and f_unaccent(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) % ${plain}
        union
        select contact_id from timeline_entries
          where workspace_id = ${workspaceId} and contact_id is not null and search @@ ${tsq}
        ${digits.length >= 6 ? sql`union select id from contacts where workspace_id = ${workspaceId} and phones && ${textArray([`+${digits}`])}` : sql``}
      )
      select ${SELECT},
        (ts_rank(c.search, ${tsq}) * 2
          + similarity(f_unaccent(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))), ${plain})) as rank
      from hits h join contacts c on c.workspace_id = ${workspaceId} and c.id = h.id
      where ${sql.join(where, sql` and `)}
      order by rank desc, c.id
      limit ${limit + 1} offset ${offset}`);
    });
    const more = rows.rows.length > limit;
    const data = (more ? rows.rows.slice(0, limit) : rows.rows).map((r) => toContact(fixDates(r)));
    return { data, nextCursor: more ? encodeCursor([offset + limit]) : null };
  }

  const desc = query.sort.startsWith('-');
  const sort = SORTS[query.sort.replace('-', '') as keyof typeof SORTS];
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const [k, id] = after;
    const keyVal = query.sort.replace('-', '') === 'name' ? sql`${k}` : sql`${k}::timestamptz`;
    where.push(
      desc
        ? sql`(${sort.expr}, c.id) < (${keyVal}, ${id}::uuid)`
        : sql`(${sort.expr}, c.id) > (${keyVal}, ${id}::uuid)`,
    );
  }
  const dir = desc ? sql`desc` : sql`asc`;
  const rows = await db.execute<ContactRow>(sql`
    select ${SELECT} from contacts c
    where ${sql.join(where, sql` and `)}
    order by ${sort.expr} ${dir}, c.id ${dir}
    limit ${limit + 1}`);
  const more = rows.rows.length > limit;
  const page = (more ? rows.rows.slice(0, limit) : rows.rows).map(fixDates);
  const last = page[page.length - 1];
  return { data: page.map(toContact), nextCursor: more && last ? encodeCursor([sort.key(last), last.id]) : null };
}

/** Raw `execute` leaves timestamps as the driver gives them; the contract wants Dates. */
function fixDates<T extends ContactRow>(r: T): T {
  return {
    ...r,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    erasedAt: r.erasedAt ? new Date(r.erasedAt) : null,
  };
}

/** Streams every contact of a filtered list in keyset pages (CSV export); memory stays at one page. */
export async function* iterateContacts(
  db: DbOrTx,
  workspaceId: string,
  query: Omit<TContactListQuery, 'limit' | 'cursor'>,
) {
  let cursor: string | undefined;
  do {
    const page = await listContacts({
      db,
      workspaceId,
      query: { ...query, limit: 1000, ...(cursor ? { cursor } : {}) },
    });
    for (const c of page.data) yield c;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
