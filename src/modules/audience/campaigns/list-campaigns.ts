import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { toCampaign } from './campaign-row.ts';
import type { ZCampaignListQuery } from './contracts.ts';
import { campaigns } from './schema.ts';

/** Newest first. */
export async function listCampaigns({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: z.infer<typeof ZCampaignListQuery>;
}) {
  const conds: SQL[] = [eq(campaigns.workspaceId, workspaceId)];
  if (query.status) conds.push(eq(campaigns.status, query.status));
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const at = new Date(String(after[0]));
    const id = String(after[1]);
    conds.push(or(lt(campaigns.createdAt, at), and(eq(campaigns.createdAt, at), lt(campaigns.id, id)))!);
  }
  const rows = await db
    .select()
    .from(campaigns)
    .where(and(...conds))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  const started = data.filter((c) => c.materializedAt).map((c) => c.id);
  const stats = new Map<string, { opened: number; clicked: number }>();
  if (started.length) {
    const r = await db.execute<{ id: string; opened: number; clicked: number }>(sql`
      select source_id as id, count(distinct message_id) filter (where type = 'open')::int as opened,
             count(distinct message_id) filter (where type = 'click')::int as clicked
      from email_events
      where workspace_id = ${workspaceId} and source_id = any(${uuidArray(started)}) and source_type = 'campaign'
        and type in ('open', 'click')
      group by source_id`);
    for (const row of r.rows) stats.set(row.id, { opened: row.opened, clicked: row.clicked });
  }
  return {
    data: data.map((c) => ({ ...toCampaign(c), stats: stats.get(c.id) ?? { opened: 0, clicked: 0 } })),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
