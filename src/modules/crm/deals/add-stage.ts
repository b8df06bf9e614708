import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { pipelineStages } from '../schema.ts';
import type { TStageCreate } from './contracts.ts';
import { getPipeline } from './get-pipeline.ts';

export async function addStage({
  db,
  workspaceId,
  pipelineId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  pipelineId: string;
  input: TStageCreate;
}) {
  return db.transaction(async (tx) => {
    const p = await getPipeline({ db: tx, workspaceId, id: pipelineId, forUpdate: true });
    let position: number;
    if (input.afterId) {
      const after = p.stages.find((s) => s.id === input.afterId);
      if (!after) throw AppError.validation([{ field: 'afterId', message: 'is not a stage of this pipeline' }]);
      position = after.position + 1;
    } else {
      // New stages go after the last open one, so won/lost stay at the end of the board.
      const lastOpen = p.stages.filter((s) => s.kind === 'open').pop();
      position = lastOpen ? lastOpen.position + 1 : 0;
    }
    await tx
      .update(pipelineStages)
      .set({ position: sql`${pipelineStages.position} + 1` })
      .where(
        and(
          eq(pipelineStages.workspaceId, workspaceId),
          eq(pipelineStages.pipelineId, pipelineId),
          gt(pipelineStages.position, position - 1),
        ),
      );
    await tx.insert(pipelineStages).values({
      workspaceId,
      id: newId(),
      pipelineId,
      name: input.name,
      kind: input.kind,
      probability: input.probability ?? (input.kind === 'won' ? 100 : 0),
      position,
    });
    return getPipeline({ db: tx, workspaceId, id: pipelineId });
  });
}
