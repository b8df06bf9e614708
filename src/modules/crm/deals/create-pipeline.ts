import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { pipelineStages, pipelines } from '../schema.ts';
import type { StageKind, TPipelineCreate } from './contracts.ts';
import { getPipeline } from './get-pipeline.ts';

/** The exporter's sales funnel every new workspace starts with. */
export const DEFAULT_STAGES: { name: string; kind: StageKind; probability: number }[] = [
  { name: 'Inquiry', kind: 'open', probability: 10 },
  { name: 'Quote', kind: 'open', probability: 25 },
  { name: 'Sample', kind: 'open', probability: 40 },
  { name: 'Negotiation', kind: 'open', probability: 60 },
  { name: 'Won', kind: 'won', probability: 100 },
  { name: 'Lost', kind: 'lost', probability: 0 },
];

const defaultProbability = (kind: StageKind) => (kind === 'won' ? 100 : 0);

export async function createPipeline({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TPipelineCreate;
}) {
  const stages = input.stages ?? DEFAULT_STAGES;
  if (!stages.some((s) => s.kind === 'open'))
    throw AppError.validation([{ field: 'stages', message: 'a pipeline needs at least one open stage' }]);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.isDefault, true)))
      .limit(1);
    // The first pipeline is the default one; asking for default moves the flag.
    const isDefault = !existing || input.isDefault === true;
    if (existing && isDefault)
      await tx.update(pipelines).set({ isDefault: false }).where(eq(pipelines.workspaceId, workspaceId));
    const id = newId();
    await tx.insert(pipelines).values({ workspaceId, id, name: input.name, isDefault });
    await tx.insert(pipelineStages).values(
      stages.map((s, i) => ({
        workspaceId,
        id: newId(),
        pipelineId: id,
        name: s.name,
        kind: s.kind,
        probability: s.probability ?? defaultProbability(s.kind),
        position: i,
      })),
    );
    return getPipeline({ db: tx, workspaceId, id });
  });
}

/** Runs inside the workspace-creation transaction (onWorkspaceCreated), so every workspace has a board at once. */
export async function seedDefaultPipeline(tx: Tx, workspaceId: string): Promise<void> {
  const [any] = await tx.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.workspaceId, workspaceId));
  if (any) return;
  await createPipeline({ db: tx, workspaceId, input: { name: 'Sales', isDefault: true, stages: DEFAULT_STAGES } });
}
