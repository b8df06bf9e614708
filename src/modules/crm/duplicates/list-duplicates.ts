import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { displayName } from '../contacts/serialize.ts';
import { type DuplicateReason, duplicateScans } from '../schema.ts';
import type { TDuplicateListQuery, TDuplicatePair, TDuplicateScan } from './contracts.ts';
import { requestDuplicateScan } from './scan-duplicates.ts';

/** Pairs older than this are refreshed in the background when someone looks at them. */
const STALE_MS = 24 * 3600_000;

type Row = {
  a: string;
  b: string;
  reasons: DuplicateReason[];
  a_first: string | null;
  a_last: string | null;
  a_emails: string[];
  a_phones: string[];
  a_company_id: string | null;
  a_company_name: string | null;
  a_created: Date;
  b_first: string | null;
  b_last: string | null;
  b_emails: string[];
  b_phones: string[];
  b_company_id: string | null;
  b_company_name: string | null;
  b_created: Date;
};

const side = (r: Row, s: 'a' | 'b') => {
  const first = r[`${s}_first`];
  const last = r[`${s}_last`];
  const emails = r[`${s}_emails`];
  const phones = r[`${s}_phones`];
  return {
    id: r[s],
    name: displayName({ firstName: first, lastName: last, emails, phones }),
    emails,
    phones,
    companyId: r[`${s}_company_id`],
    companyName: r[`${s}_company_name`],
    createdAt: new Date(r[`${s}_created`]),
  };
};

export async function scanState(db: DbOrTx, workspaceId: string): Promise<TDuplicateScan> {
  const [s] = await db.select().from(duplicateScans).where(eq(duplicateScans.workspaceId, workspaceId));
  const queued = Boolean(s?.requestedAt && (!s.finishedAt || s.requestedAt > s.finishedAt));
  return {
    status: queued ? 'queued' : s?.finishedAt ? 'done' : 'never',
    finishedAt: s?.finishedAt ?? null,
    pairs: s?.pairs ?? 0,
  };
}

/**
 * Candidate pairs from the last scan, older contact first. A pair whose contact was merged or erased since is left
 * out at once; a missing or day-old scan is queued so the next look is fresh.
 */
export async function listDuplicates({
  db,
  workspaceId,
  query,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TDuplicateListQuery;
  now?: Date;
}) {
  let scan = await scanState(db, workspaceId);
  if (scan.status === 'never' || (scan.status === 'done' && now.getTime() - scan.finishedAt!.getTime() > STALE_MS)) {
    await requestDuplicateScan({ db, workspaceId });
    scan = { ...scan, status: 'queued' };
  }
  const conds: SQL[] = [sql`p.workspace_id = ${workspaceId}`];
  // Written as a literal (the reason is one of three enum values) so the planner can use that reason's partial index.
  if (query.reason) conds.push(sql.raw(`p.reasons @> '[{"reason": "${query.reason}"}]'`));
  const after = decodeCursor(query.cursor, 2);
  if (after) conds.push(sql`(p.contact_a, p.contact_b) > (${String(after[0])}::uuid, ${String(after[1])}::uuid)`);
  const res = await db.execute<Row>(sql`
    select p.contact_a as a, p.contact_b as b, p.reasons,
      a.first_name as a_first, a.last_name as a_last, a.emails as a_emails, a.phones as a_phones,
      a.company_id as a_company_id, a.company_name as a_company_name, a.created_at as a_created,
      b.first_name as b_first, b.last_name as b_last, b.emails as b_emails, b.phones as b_phones,
      b.company_id as b_company_id, b.company_name as b_company_name, b.created_at as b_created
    from duplicate_pairs p
    join contacts a on a.workspace_id = p.workspace_id and a.id = p.contact_a
      and a.merged_into_id is null and a.erased_at is null
    join contacts b on b.workspace_id = p.workspace_id and b.id = p.contact_b
      and b.merged_into_id is null and b.erased_at is null
    where ${sql.join(conds, sql` and `)}
    order by p.contact_a, p.contact_b
    limit ${query.limit + 1}`);
  const more = res.rows.length > query.limit;
  const rows = more ? res.rows.slice(0, query.limit) : res.rows;
  const last = rows[rows.length - 1];
  const data: TDuplicatePair[] = rows.map((r) => ({
    contacts: [side(r, 'a'), side(r, 'b')],
    reasons: r.reasons.map((x) => (x.similarity !== undefined ? { ...x, similarity: Number(x.similarity) } : x)),
  }));
  return { data, nextCursor: more && last ? encodeCursor([last.a, last.b]) : null, scan };
}
