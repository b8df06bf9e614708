import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { contacts, lifecycleStages } from '../schema.ts';

export const DEFAULT_LIFECYCLE_STAGES = [
  { key: 'subscriber', label: 'Subscriber' },
  { key: 'lead', label: 'Lead' },
  { key: 'prospect', label: 'Prospect' },
  { key: 'customer', label: 'Customer' },
  { key: 'repeat_customer', label: 'Repeat customer' },
  { key: 'advocate', label: 'Advocate' },
] as const;

export async function seedLifecycleStages(tx: Tx, workspaceId: string): Promise<void> {
  await tx
    .insert(lifecycleStages)
    .values(DEFAULT_LIFECYCLE_STAGES.map((s, i) => ({ workspaceId, key: s.key, label: s.label, position: i })))
    .onConflictDoNothing();
}

export async function listLifecycleStages({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  return db
    .select({ key: lifecycleStages.key, label: lifecycleStages.label, position: lifecycleStages.position })
    .from(lifecycleStages)
    .where(eq(lifecycleStages.workspaceId, workspaceId))
    .orderBy(asc(lifecycleStages.position));
}

/**
 * Replaces the workspace's stages (order = position). A stage still used by contacts cannot be dropped: the caller
 * must say where those contacts go (`reassign`), so no contact is left on a stage that no longer exists.
 */
export async function replaceLifecycleStages({
  db,
  workspaceId,
  stages,
  reassign,
}: {
  db: DbOrTx;
  workspaceId: string;
  stages: { key: string; label: string }[];
  reassign?: Record<string, string> | undefined;
}) {
  const keys = stages.map((s) => s.key);
  if (new Set(keys).size !== keys.length)
    throw AppError.validation([{ field: 'stages', message: 'keys must be unique' }]);
  if (!keys.length) throw AppError.validation([{ field: 'stages', message: 'at least one stage is needed' }]);
  return db.transaction(async (tx) => {
    const used = await tx
      .select({ stage: contacts.lifecycleStage, n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId))
      .groupBy(contacts.lifecycleStage);
    for (const u of used) {
      if (keys.includes(u.stage)) continue;
      const to = reassign?.[u.stage];
      if (!to || !keys.includes(to))
        throw AppError.validation([
          {
            field: `reassign.${u.stage}`,
            message: `${u.n} contacts are on "${u.stage}": say which stage they move to`,
          },
        ]);
      await tx
        .update(contacts)
        .set({ lifecycleStage: to })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.lifecycleStage, u.stage)));
    }
    await tx.delete(lifecycleStages).where(eq(lifecycleStages.workspaceId, workspaceId));
    await tx
      .insert(lifecycleStages)
      .values(stages.map((s, i) => ({ workspaceId, key: s.key, label: s.label, position: i })));
    return listLifecycleStages({ db: tx, workspaceId });
  });
}

export async function assertLifecycleStage(db: DbOrTx, workspaceId: string, key: string, field = 'lifecycleStage') {
  const [row] = await db
    .select({ key: lifecycleStages.key })
    .from(lifecycleStages)
    .where(and(eq(lifecycleStages.workspaceId, workspaceId), eq(lifecycleStages.key, key)));
  if (!row) throw AppError.validation([{ field, message: `"${key}" is not a lifecycle stage of this workspace` }]);
}
