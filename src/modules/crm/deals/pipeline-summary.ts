import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { StageKind } from './contracts.ts';
import { getPipeline } from './get-pipeline.ts';

/** Per stage: how many deals and how much money, per currency (amounts in different currencies are never added). */
export async function pipelineSummary({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const p = await getPipeline({ db, workspaceId, id });
  const rows = await db.execute<{ stage_id: string; currency: string; n: number; total: number; weighted: number }>(sql`
    select d.stage_id, d.currency, count(*)::int as n, sum(d.amount_minor)::bigint as total,
           round(sum(d.amount_minor * s.probability / 100.0))::bigint as weighted
    from deals d
    join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
    where d.workspace_id = ${workspaceId} and d.pipeline_id = ${id}
    group by d.stage_id, d.currency
    order by d.currency`);
  return {
    pipelineId: p.id,
    stages: p.stages.map((s) => {
      const mine = rows.rows.filter((r) => r.stage_id === s.id);
      return {
        stageId: s.id,
        name: s.name,
        kind: s.kind as StageKind,
        probability: s.probability,
        count: mine.reduce((n, r) => n + Number(r.n), 0),
        amounts: mine.map((r) => ({
          currency: r.currency,
          amountMinor: Number(r.total),
          weightedMinor: Number(r.weighted),
        })),
      };
    }),
  };
}
