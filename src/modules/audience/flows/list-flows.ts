import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { enrolmentCounts, toFlow } from './flow-row.ts';
import { flows } from './schema.ts';

/** Newest first (ids are time-ordered), with enrolment counts per status. */
export async function listFlows({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: { status?: 'draft' | 'active' | 'paused' | undefined; limit: number; cursor?: string | undefined };
}) {
  const conds: SQL[] = [eq(flows.workspaceId, workspaceId)];
  if (query.status) conds.push(eq(flows.status, query.status));
  const after = decodeCursor(query.cursor, 1);
  if (after) conds.push(lt(flows.id, String(after[0])));
  const rows = await db
    .select()
    .from(flows)
    .where(and(...conds))
    .orderBy(desc(flows.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const counts = await enrolmentCounts(
    db,
    workspaceId,
    page.map((r) => r.id),
  );
  return {
    data: page.map((r) => toFlow(r, counts.get(r.id))),
    nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}
