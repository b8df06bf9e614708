import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { savedViews } from '../schema.ts';
import type { TSavedViewCreate } from './contracts.ts';
import { validateViewQuery } from './validate-view-query.ts';

export async function createView({
  db,
  workspaceId,
  actorId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TSavedViewCreate;
}) {
  const errors = validateViewQuery(input.entity, input.query);
  if (errors.length) throw AppError.validation(errors);
  const [row] = await db
    .insert(savedViews)
    .values({
      workspaceId,
      id: newId(),
      entity: input.entity,
      name: input.name,
      query: input.query,
      createdBy: actorId,
    })
    .returning();
  return toView(row!);
}

export function toView(r: typeof savedViews.$inferSelect) {
  return { id: r.id, entity: r.entity, name: r.name, query: r.query, createdBy: r.createdBy, createdAt: r.createdAt };
}
