import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { deals, tasks } from '../schema.ts';

/** Tasks about the deal stay (they are someone's work) but lose the link; timeline entries stay as history. */
export async function deleteDeal({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, id)))
      .returning({ id: deals.id });
    if (!gone.length) throw AppError.notFound('Deal');
    await tx
      .update(tasks)
      .set({ dealId: null, updatedAt: new Date() })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.dealId, id)));
    await emitEvent(tx, { workspaceId, type: 'deal.deleted', subjectId: id, payload: { dealId: id } });
  });
}
