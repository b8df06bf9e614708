import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { pipelineStages } from '../schema.ts';
import { getPipeline } from './get-pipeline.ts';

/** The new order must name every stage exactly once, so a stale client cannot drop a stage by omission. */
export async function reorderStages({
  db,
  workspaceId,
  pipelineId,
  stageIds,
}: {
  db: DbOrTx;
  workspaceId: string;
  pipelineId: string;
  stageIds: string[];
}) {
  return db.transaction(async (tx) => {
    const p = await getPipeline({ db: tx, workspaceId, id: pipelineId, forUpdate: true });
    const known = new Set(p.stages.map((s) => s.id));
    const given = new Set(stageIds);
    if (given.size !== stageIds.length || given.size !== known.size || stageIds.some((id) => !known.has(id)))
      throw AppError.validation([
        { field: 'stageIds', message: `must list each of the pipeline's ${known.size} stages exactly once` },
      ]);
    for (const [i, id] of stageIds.entries())
      await tx
        .update(pipelineStages)
        .set({ position: i })
        .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, id)));
    return getPipeline({ db: tx, workspaceId, id: pipelineId });
  });
}
