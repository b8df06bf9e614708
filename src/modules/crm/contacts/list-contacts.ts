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
 * operators. `folded`: the text already went through the database's f_unaccent (which folds more than NFKD, and
 * differently), so only tsquery syntax is removed.
 */
export function toPrefixQuery(q: string, opts: { folded?: boolean } = {}): string | null {
  const normalized = opts.folded ? q : q.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = normalized
    .toLowerCase()
    .split(/[\s@,;:()&|!<>'"*\\/]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}._+-]/gu, '').replace(/^[-.+]+|[-.]+$/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

const SELECT = sql`c.workspace_id as "workspaceId", c.id, c.first_name as "firstName", c.last_name as "lastName", c.emails, c.phones,
  c.title, c.company_id as "companyId", c.company_name as "companyName", c.address, c.country, c.language, c.timezone, c.website,
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

/** True when the list is narrowed by more than the workspace and the merged/erased exclusions. */
function hasExtraFilters(q: TContactListQuery): boolean {
  return Boolean(
    q.tags?.length || q.lifecycleStage || q.ownerId || q.sourceChannel || q.sourceName || q.companyId || q.custom,
  );
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
 * A search page ranks at most this many contacts from each source (words in names, emails, phones, company, title and
 * tags; note bodies; the phone number): a broad word ("lamp" in 20,000 notes) then costs what a narrow one does, at a
 * million contacts too. The cap takes matches in table order (roughly the oldest first, as rank ties are ordered) and
 * is the same for every page of a search, so pages stay consistent. Exports (`iterateContacts`) rank every match.
 */
export const SEARCH_CANDIDATES_PER_SOURCE = 500;

/**
 * Lists contacts. Without `q`: keyset pagination on the chosen sort. With `q`: ranked search — full text (prefix
 * words over names, emails, phones, company, title, tags) and note bodies on the timeline; when those find nothing,
 * fuzzy names (pg_trgm, so typos still find "John Smith"). The cursor is then an offset into the ranking.
 */
export async function listContacts({
  db,
  workspaceId,
  query,
  candidatesPerSource = SEARCH_CANDIDATES_PER_SOURCE,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TContactListQuery;
  /** See SEARCH_CANDIDATES_PER_SOURCE; `Infinity` ranks every match. */
  candidatesPerSource?: number;
}) {
  const where = filters(workspaceId, query);
  const limit = query.limit;
  if (query.q?.trim()) {
    const offset = Number(decodeCursor(query.cursor, 1)?.[0] ?? 0);
    const cap = Number.isFinite(candidatesPerSource) ? sql`limit ${candidatesPerSource}` : sql``;
    const filtered = sql.join(where, sql` and `);
    const name = sql`f_unaccent(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')))`;
    const rows = await db.transaction(async (tx) => {
      // Accents are folded by the database's f_unaccent, as the documents were: NFKD in JS would turn "й" into "и"
      // (unaccent keeps it) and leave "ł", "ø", "ß" alone (unaccent folds them), so "Paweł" would never meet "pawel".
      // A capped branch below must return the same first rows on every page: no parallel workers (they interleave
      // their rows differently each time, and for a few hundred rows only add start-up time) and no synchronised
      // sequential scans (for a broad word the planner rightly scans the table until the cap, and would start where
      // another scan is). Two transposed letters ("Jonh Smiht") score ~0.29 trigram similarity, just under
      // pg_trgm's 0.3 default; 0.2 still separates names well, and the ranking puts the closest first.
      const setup = await tx.execute<{ folded: string | null }>(sql`select
        set_config('pg_trgm.similarity_threshold', '0.2', true),
        set_config('max_parallel_workers_per_gather', '0', true),
        set_config('synchronize_seqscans', 'off', true),
        f_unaccent(${(query.q ?? '').normalize('NFC').toLowerCase().trim()}) as folded`);
      const plain = setup.rows[0]?.folded ?? '';
      const prefix = toPrefixQuery(plain, { folded: true });
      const digits = plain.replace(/[^0-9]/g, '');
      const tsq = prefix ? sql`to_tsquery('simple', ${prefix})` : sql`null::tsquery`;
      const rank = sql`(ts_rank(c.search, ${tsq}) * 2 + similarity(${name}, ${plain}))`;
      // Notes are joined to their contact before the cap only when the list is filtered (tags, stage, …), so the
      // cap never hides a matching contact behind non-matching ones; unfiltered, the final lookup does it.
      const noteHits = hasExtraFilters(query)
        ? sql`select c.id from timeline_entries t join contacts c on c.workspace_id = t.workspace_id and c.id = t.contact_id
            where t.workspace_id = ${workspaceId} and t.search @@ ${tsq} and ${filtered}`
        : sql`select t.contact_id as id from timeline_entries t
            where t.workspace_id = ${workspaceId} and t.contact_id is not null and t.search @@ ${tsq}`;
      // Each source uses its own index (GIN tsvector, timeline GIN, GIN phones) and stops at the cap; UNION
      // de-duplicates the ids, then only that small set is ranked. The fuzzy branch (GIN trigram) must read every
      // similar name, which at a million contacts takes far longer than the others, so it runs only when they found
      // nothing (the EXISTS is evaluated once, before the scan, and skips it); it keeps its best by the same rank.
      // The ids are then looked up as an array: joined instead, the planner sizes the fuzzy branch it will not run
      // and scans the whole table for a few hundred rows.
      return tx.execute<ContactRow & { rank: number }>(sql`
      with exact as materialized (
        (select c.id from contacts c where ${filtered} and c.search @@ ${tsq} ${cap})
        union
        (${noteHits} ${cap})
        ${digits.length >= 6 ? sql`union (select c.id from contacts c where ${filtered} and c.phones && ${textArray([`+${digits}`])} ${cap})` : sql``}
      ),
      hits as (
        select id from exact
        union
        (select c.id from contacts c
          where ${filtered} and ${name} % ${plain} and not exists (select 1 from exact)
          order by ${rank} desc, c.id ${cap})
      )
      select ${SELECT}, ${rank} as rank
      from contacts c
      where ${filtered} and c.id = any(array(select id from hits))
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
      candidatesPerSource: Number.POSITIVE_INFINITY,
    });
    for (const c of page.data) yield c;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
