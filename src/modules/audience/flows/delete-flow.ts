import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getFlowRow } from './flow-row.ts';
import { flowEnrolments, flowHistory, flows, flowVersions } from './schema.ts';

/**
 * Deletes a flow with its enrolments and history. An active flow must be paused first, so nobody deletes one that is
 * mailing people by a slip. Queued step jobs find no enrolment and end quietly. Emails already sent stay on record.
 */
export async function deleteFlow({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const flow = await getFlowRow(tx, workspaceId, id, { forUpdate: true });
    if (flow.status === 'active') throw new AppError('CONFLICT', 'Pause the flow before deleting it.');
    await tx.delete(flowHistory).where(and(eq(flowHistory.workspaceId, workspaceId), eq(flowHistory.flowId, id)));
    await tx
      .delete(flowEnrolments)
      .where(and(eq(flowEnrolments.workspaceId, workspaceId), eq(flowEnrolments.flowId, id)));
    await tx.delete(flowVersions).where(and(eq(flowVersions.workspaceId, workspaceId), eq(flowVersions.flowId, id)));
    await tx.delete(flows).where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
  });
}
