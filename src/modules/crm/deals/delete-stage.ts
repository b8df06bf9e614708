import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deals, pipelineStages } from '../schema.ts';
import { boardPosition } from './board-position.ts';
import { getStageRow } from './deal-row.ts';
import { generateKeyBetween } from './fractional-index.ts';
import { getPipeline } from './get-pipeline.ts';
import { recordStageChange } from './move-deal.ts';

/**
 * Deletes a stage. One that holds deals needs `moveDealsTo` (a stage of the same pipeline); each moved deal gets its
 * stage-change entry and event like a drag on the board would.
 */
export async function deleteStage({
  db,
  workspaceId,
  actorId,
  pipelineId,
  stageId,
  moveDealsTo,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  pipelineId: string;
  stageId: string;
  moveDealsTo?: string | undefined;
}) {
  return db.transaction(async (tx) => {
    const p = await getPipeline({ db: tx, workspaceId, id: pipelineId, forUpdate: true });
    const stage = p.stages.find((s) => s.id === stageId);
    if (!stage) throw AppError.notFound('Stage');
    if (stage.kind === 'open' && p.stages.filter((s) => s.kind === 'open').length === 1)
      throw new AppError('CONFLICT', 'A pipeline needs at least one open stage.');
    const inStage = await tx
      .select()
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId)))
      .orderBy(asc(sql`${deals.position} collate "C"`), asc(deals.id))
      .for('update');
    if (inStage.length) {
      if (!moveDealsTo)
        throw new AppError(
          'CONFLICT',
          `The stage "${stage.name}" holds ${inStage.length} deals: say where they go (moveDealsTo) or move them first.`,
          [{ field: 'moveDealsTo', message: `is required: the stage holds ${inStage.length} deals` }],
        );
      const to = await getStageRow(tx, workspaceId, moveDealsTo, { forUpdate: true });
      if (!to || to.pipelineId !== pipelineId || to.id === stageId)
        throw AppError.validation([{ field: 'moveDealsTo', message: 'must be another stage of this pipeline' }]);
      if (to.kind !== 'open' && to.kind !== stage.kind)
        throw new AppError('CONFLICT', `Deals marked ${to.kind} need a reason each: move them on the board instead.`, [
          { field: 'moveDealsTo', message: `cannot close ${inStage.length} deals at once` },
        ]);
      const from = (await getStageRow(tx, workspaceId, stageId))!;
      let key = await boardPosition(tx, workspaceId, to.id, {});
      const now = new Date();
      for (const d of inStage) {
        const reopen = to.kind === 'open';
        const [moved] = await tx
          .update(deals)
          .set({
            stageId: to.id,
            position: key,
            updatedAt: now,
            ...(reopen ? { closedAt: null, closeReason: null } : {}),
          })
          .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, d.id)))
          .returning();
        await recordStageChange(tx, { workspaceId, actorId, deal: moved!, from, to, reason: moved!.closeReason });
        key = generateKeyBetween(key, null);
      }
    }
    await tx
      .delete(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, stageId)));
    const rest = p.stages.filter((s) => s.id !== stageId);
    for (const [i, s] of rest.entries())
      if (s.position !== i)
        await tx
          .update(pipelineStages)
          .set({ position: i })
          .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, s.id)));
    return getPipeline({ db: tx, workspaceId, id: pipelineId });
  });
}
