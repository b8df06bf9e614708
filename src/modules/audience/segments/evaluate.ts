import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, pgCode } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { compileRules, liveContacts } from './compile-rules.ts';
import type { TSegmentContact } from './contracts.ts';
import type { RuleGroup } from './rules.ts';

/** A count or a page the editor asks for must not hold a connection for minutes. */
const STATEMENT_TIMEOUT = '30s';
/**
 * Segment queries hash a workspace's contacts against activity ("no open in 90 days" = 1M contact ids): with the
 * default 4 MB the hash spills to disk in batches and tag bitmaps go lossy. 32 MB per node (times PostgreSQL's
 * hash_mem_multiplier, per parallel worker) keeps both in memory for about a million contacts; it is set for this
 * transaction only.
 */
const WORK_MEM = '32MB';

async function bounded<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true),
        set_config('work_mem', ${WORK_MEM}, true)`);
      return fn(tx);
    });
  } catch (err) {
    if (pgCode(err) === '57014')
      throw new AppError(
        'BAD_REQUEST',
        `Counting this segment took longer than ${STATEMENT_TIMEOUT}; simplify its rules.`,
      );
    throw err;
  }
}

export async function countSegment(db: DbOrTx, workspaceId: string, rules: RuleGroup) {
  const t0 = performance.now();
  const count = await bounded(db, async (tx) => {
    const r = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from contacts c where ${liveContacts(workspaceId)} and ${compileRules(workspaceId, rules)}`,
    );
    return Number(r.rows[0]?.n ?? 0);
  });
  return { count, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
}

type Row = {
  id: string;
  first_name: string | null;
  last_name: string | null;
  emails: string[];
  phones: string[];
  company_name: string | null;
  lifecycle_stage: string;
  tags: string[];
  created_at: Date;
};

const toContact = (r: Row): TSegmentContact => ({
  id: r.id,
  name: [r.first_name, r.last_name].filter(Boolean).join(' ').trim() || r.emails[0] || r.phones[0] || '(no name)',
  email: r.emails[0] ?? null,
  companyName: r.company_name,
  lifecycleStage: r.lifecycle_stage,
  tags: r.tags,
  createdAt: new Date(r.created_at),
});

/** Matching contacts, newest first (ids are time-ordered), in keyset pages. */
export async function segmentContacts(
  db: DbOrTx,
  workspaceId: string,
  rules: RuleGroup,
  page: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(page.cursor, 1);
  const rows = await bounded(db, async (tx) => {
    const r = await tx.execute<Row>(sql`
      select c.id, c.first_name, c.last_name, c.emails, c.phones, c.company_name, c.lifecycle_stage, c.tags, c.created_at
      from contacts c
      where ${liveContacts(workspaceId)} and ${compileRules(workspaceId, rules)}
        ${after ? sql`and c.id < ${String(after[0])}::uuid` : sql``}
      order by c.id desc
      limit ${page.limit + 1}`);
    return r.rows;
  });
  const more = rows.length > page.limit;
  const data = (more ? rows.slice(0, page.limit) : rows).map(toContact);
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/** Whether one contact matches (flow branches, "is this person in the segment?"): index probes only. */
export async function contactMatches(
  db: DbOrTx,
  workspaceId: string,
  rules: RuleGroup,
  contactId: string,
): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`select exists (
    select 1 from contacts c
    where ${liveContacts(workspaceId)} and c.id = ${contactId}::uuid and ${compileRules(workspaceId, rules)}) as ok`);
  return Boolean(r.rows[0]?.ok);
}
