import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { audienceForms, formDailyStats } from './schema.ts';

/**
 * Deletes the form and its counters. Submissions stay: they are consent evidence for the contacts they created, and
 * must outlive the form that collected them.
 */
export async function deleteForm({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(audienceForms)
      .where(and(eq(audienceForms.workspaceId, workspaceId), eq(audienceForms.id, id)))
      .returning({ id: audienceForms.id });
    if (!gone.length) throw AppError.notFound('Form');
    await tx
      .delete(formDailyStats)
      .where(and(eq(formDailyStats.workspaceId, workspaceId), eq(formDailyStats.formId, id)));
  });
}
