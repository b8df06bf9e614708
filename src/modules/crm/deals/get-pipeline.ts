import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { pipelineStages, pipelines } from '../schema.ts';
import type { TPipeline } from './contracts.ts';

const stageColumns = {
  id: pipelineStages.id,
  pipelineId: pipelineStages.pipelineId,
  name: pipelineStages.name,
  kind: pipelineStages.kind,
  probability: pipelineStages.probability,
  position: pipelineStages.position,
};

export async function listPipelines({ db, workspaceId }: { db: DbOrTx; workspaceId: string }): Promise<TPipeline[]> {
  const rows = await db
    .select()
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(asc(pipelines.createdAt), asc(pipelines.id));
  if (!rows.length) return [];
  const stages = await db
    .select(stageColumns)
    .from(pipelineStages)
    .where(
      and(
        eq(pipelineStages.workspaceId, workspaceId),
        inArray(
          pipelineStages.pipelineId,
          rows.map((p) => p.id),
        ),
      ),
    )
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    isDefault: p.isDefault,
    createdAt: p.createdAt,
    stages: stages.filter((s) => s.pipelineId === p.id).map(({ pipelineId: _, ...s }) => s),
  }));
}

export async function getPipeline({
  db,
  workspaceId,
  id,
  forUpdate = false,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  forUpdate?: boolean;
}): Promise<TPipeline> {
  const q = db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
  const [p] = forUpdate ? await q.for('update') : await q;
  if (!p) throw AppError.notFound('Pipeline');
  const stages = await db
    .select(stageColumns)
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, id)))
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
  return {
    id: p.id,
    name: p.name,
    isDefault: p.isDefault,
    createdAt: p.createdAt,
    stages: stages.map(({ pipelineId: _, ...s }) => s),
  };
}
