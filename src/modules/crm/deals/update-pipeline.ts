import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { pipelines } from '../schema.ts';
import { getPipeline } from './get-pipeline.ts';

/** Rename, or make the default pipeline (the flag moves: there is exactly one default). */
export async function updatePipeline({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: { name?: string | undefined; isDefault?: true | undefined };
}) {
  return db.transaction(async (tx) => {
    await getPipeline({ db: tx, workspaceId, id, forUpdate: true });
    if (input.name !== undefined)
      await tx
        .update(pipelines)
        .set({ name: input.name })
        .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
    if (input.isDefault) {
      await tx
        .update(pipelines)
        .set({ isDefault: false })
        .where(and(eq(pipelines.workspaceId, workspaceId), ne(pipelines.id, id)));
      await tx
        .update(pipelines)
        .set({ isDefault: true })
        .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
    }
    return getPipeline({ db: tx, workspaceId, id });
  });
}
