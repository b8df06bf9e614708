import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { deals, pipelineStages } from '../schema.ts';
import type { TDealListQuery } from './contracts.ts';
import { toDeal } from './deal-row.ts';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Board order (stage, then position) when listing one pipeline or stage — what the kanban renders column by column —
 * else newest first.
 */
export async function listDeals({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TDealListQuery;
}) {
  const conds: SQL[] = [eq(deals.workspaceId, workspaceId)];
  if (query.pipelineId) conds.push(eq(deals.pipelineId, query.pipelineId));
  if (query.stageId) conds.push(eq(deals.stageId, query.stageId));
  if (query.ownerId) conds.push(eq(deals.ownerId, query.ownerId));
  if (query.contactId) conds.push(eq(deals.contactId, query.contactId));
  if (query.companyId) conds.push(eq(deals.companyId, query.companyId));
  if (query.status) conds.push(eq(pipelineStages.kind, query.status));
  if (query.q)
    conds.push(sql`f_unaccent(lower(${deals.title})) like '%' || f_unaccent(lower(${likeEscape(query.q)})) || '%'`);
  const board = (query.sort ?? (query.pipelineId || query.stageId ? 'board' : 'recent')) === 'board';
  const after = decodeCursor(query.cursor, 3);
  if (after) {
    const [a, b, c] = after;
    conds.push(
      board
        ? sql`(${pipelineStages.position}, ${deals.position} collate "C", ${deals.id}) > (${Number(a)}::int, ${String(b)}::text collate "C", ${String(c)}::uuid)`
        : sql`${deals.id} < ${String(c)}::uuid`,
    );
  }
  const rows = await db
    .select({ deal: deals, kind: pipelineStages.kind, stagePosition: pipelineStages.position })
    .from(deals)
    .innerJoin(
      pipelineStages,
      and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)),
    )
    .where(and(...conds))
    .orderBy(
      ...(board
        ? [pipelineStages.position, sql`${deals.position} collate "C"`, deals.id]
        : // Ids are UUIDv7, so id order is creation order, with no timestamp precision to lose in the cursor.
          [desc(deals.id)]),
    )
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  const cursor = last ? (board ? [last.stagePosition, last.deal.position, last.deal.id] : [0, '', last.deal.id]) : null;
  return { data: data.map((r) => toDeal(r.deal, r.kind)), nextCursor: more && cursor ? encodeCursor(cursor) : null };
}
