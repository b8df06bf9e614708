import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { textArray } from '../../platform/db/sql.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { newId } from '../../platform/ids.ts';
import { timelineEntries } from './schema.ts';

export type TimelineSubject = { contactId?: string | null; companyId?: string | null; dealId?: string | null };

export type TimelineEntryInput = TimelineSubject & {
  workspaceId: string;
  /** note | call | meeting | email | task | field_change | import | merge | consent | … (modules add their own) */
  kind: string;
  module?: string;
  at?: Date;
  actorId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * The shared timeline's append API. Any module calls it (through the CRM index) inside its own transaction, so the
 * entry exists exactly when the change does.
 */
export async function appendTimeline(db: DbOrTx, entries: TimelineEntryInput | TimelineEntryInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  // One statement per slice: the rows travel as one JSON parameter (json_to_recordset), so the statement's size is
  // not bound by PostgreSQL's 65,535-parameter limit, and a slice costs one parse instead of 10 placeholders a row
  // (the builder's multi-row VALUES took 100–250 ms per 500 entries in order batches). Slices keep each statement's
  // JSON and memory bounded for large callers (tracking flushes, bulk sends).
  for (let i = 0; i < list.length; i += TIMELINE_ROWS_PER_INSERT) {
    await insertTimeline(db, list.slice(i, i + TIMELINE_ROWS_PER_INSERT));
  }
}

const TIMELINE_ROWS_PER_INSERT = 2000;

/**
 * The append API for bulk writers whose entries come out of their own SQL (a campaign batch, a tracking flush): an
 * INSERT … SELECT over `rows`, to run as one step (a data-modifying CTE) of the writer's statement, so the entries
 * never travel to the app and back. `rows` must yield `workspace_id, id, contact_id, kind, module, at, data`: contact
 * entries, with ids the caller made in the app (`newId`). Returns the ids inserted.
 */
export function contactTimelineInsert(rows: SQL): SQL {
  return sql`insert into timeline_entries (workspace_id, id, contact_id, kind, module, at, data)
    select r.workspace_id, r.id, r.contact_id, r.kind, r.module, r.at, r.data from (${rows}) as r
    returning id`;
}

async function insertTimeline(db: DbOrTx, list: TimelineEntryInput[]): Promise<void> {
  if (!list.length) return;
  const now = new Date();
  const rows = list.map((e) => ({
    workspace_id: e.workspaceId,
    id: newId(),
    contact_id: e.contactId ?? null,
    company_id: e.companyId ?? null,
    deal_id: e.dealId ?? null,
    kind: e.kind,
    module: e.module ?? 'crm',
    at: (e.at ?? now).toISOString(),
    actor_id: e.actorId ?? null,
    data: e.data ?? {},
  }));
  // `search` is a generated column: PostgreSQL computes it from `data` as for any other insert.
  await db.execute(sql`
    insert into timeline_entries (workspace_id, id, contact_id, company_id, deal_id, kind, module, at, actor_id, data)
    select r.workspace_id, r.id, r.contact_id, r.company_id, r.deal_id, r.kind, r.module, r.at, r.actor_id, r.data
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(workspace_id uuid, id uuid, contact_id uuid,
      company_id uuid, deal_id uuid, kind text, module text, at timestamptz, actor_id uuid, data jsonb)`);
}

export async function listTimeline({
  db,
  workspaceId,
  subject,
  limit,
  cursor,
  kinds,
}: {
  db: DbOrTx;
  workspaceId: string;
  subject: TimelineSubject;
  limit: number;
  cursor?: string | undefined;
  kinds?: string[] | undefined;
}) {
  const conds = [eq(timelineEntries.workspaceId, workspaceId)];
  if (subject.contactId) conds.push(eq(timelineEntries.contactId, subject.contactId));
  if (subject.companyId) conds.push(eq(timelineEntries.companyId, subject.companyId));
  if (subject.dealId) conds.push(eq(timelineEntries.dealId, subject.dealId));
  if (kinds?.length) conds.push(sql`${timelineEntries.kind} = any(${textArray(kinds)})`);
  const after = decodeCursor(cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    conds.push(
      or(lt(timelineEntries.at, at), and(eq(timelineEntries.at, at), lt(timelineEntries.id, String(after[1]))))!,
    );
  }
  const rows = await db
    .select({
      id: timelineEntries.id,
      contactId: timelineEntries.contactId,
      companyId: timelineEntries.companyId,
      dealId: timelineEntries.dealId,
      kind: timelineEntries.kind,
      module: timelineEntries.module,
      at: timelineEntries.at,
      actorId: timelineEntries.actorId,
      data: timelineEntries.data,
    })
    .from(timelineEntries)
    .where(and(...conds))
    .orderBy(desc(timelineEntries.at), desc(timelineEntries.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.at.toISOString(), last.id]) : null };
}
