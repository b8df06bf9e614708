import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deals, pipelineStages } from '../schema.ts';
import type { StageKind } from './contracts.ts';
import { getPipeline } from './get-pipeline.ts';

/**
 * Rename a stage or change its probability. Its kind changes only while it is empty: otherwise its deals would be
 * won or lost without a reason or a close date.
 */
export async function updateStage({
  db,
  workspaceId,
  pipelineId,
  stageId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  pipelineId: string;
  stageId: string;
  input: { name?: string | undefined; kind?: StageKind | undefined; probability?: number | undefined };
}) {
  return db.transaction(async (tx) => {
    const p = await getPipeline({ db: tx, workspaceId, id: pipelineId, forUpdate: true });
    const stage = p.stages.find((s) => s.id === stageId);
    if (!stage) throw AppError.notFound('Stage');
    if (input.kind !== undefined && input.kind !== stage.kind) {
      const [n] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(deals)
        .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId)));
      if (n?.n)
        throw new AppError('CONFLICT', `The stage holds ${n.n} deals: move them out before changing its kind.`, [
          { field: 'kind', message: 'cannot change while the stage holds deals' },
        ]);
      if (stage.kind === 'open' && p.stages.filter((s) => s.kind === 'open').length === 1)
        throw AppError.validation([{ field: 'kind', message: 'a pipeline needs at least one open stage' }]);
    }
    await tx
      .update(pipelineStages)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.probability !== undefined ? { probability: input.probability } : {}),
      })
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, stageId)));
    return getPipeline({ db: tx, workspaceId, id: pipelineId });
  });
}
