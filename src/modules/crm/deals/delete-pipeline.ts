import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deals, pipelineStages, pipelines } from '../schema.ts';
import { getPipeline } from './get-pipeline.ts';

/** Only an empty, non-default pipeline goes: deals are never deleted as a side effect. */
export async function deletePipeline({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return db.transaction(async (tx) => {
    const p = await getPipeline({ db: tx, workspaceId, id, forUpdate: true });
    if (p.isDefault)
      throw new AppError('CONFLICT', 'This is the default pipeline: make another pipeline the default first.');
    const [n] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.pipelineId, id)));
    if (n?.n) throw new AppError('CONFLICT', `This pipeline still holds ${n.n} deals: move or delete them first.`);
    await tx
      .delete(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, id)));
    await tx.delete(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
  });
}
