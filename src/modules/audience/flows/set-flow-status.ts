import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkReferences } from './check-references.ts';
import { getFlow, getFlowRow } from './flow-row.ts';
import { checkGraph } from './graph.ts';
import { runFlowStepJob, stepJobKey } from './run-step.ts';
import { flows } from './schema.ts';

/**
 * Activating checks the whole flow (structure and what it names) and refuses with one error per problem, each naming
 * its step. Pausing stops new enrolments and holds contacts where they are; activating again resumes them.
 */
export async function setFlowStatus({
  db,
  workspaceId,
  id,
  status,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  status: 'active' | 'paused';
}) {
  await db.transaction(async (tx) => {
    const flow = await getFlowRow(tx, workspaceId, id, { forUpdate: true });
    if (flow.status === status) return;
    if (status === 'paused' && flow.status === 'draft')
      throw new AppError('CONFLICT', 'A draft is not running; there is nothing to pause.');
    if (status === 'active') {
      const issues = [
        ...checkGraph(flow.graph),
        ...(await checkReferences(tx, workspaceId, flow.trigger, flow.graph, { compile: true })),
      ];
      if (issues.length) throw AppError.validation(issues.map(({ field, message }) => ({ field, message })));
    }
    await tx
      .update(flows)
      .set({ status, updatedAt: new Date(), ...(status === 'active' ? { activatedAt: new Date() } : {}) })
      .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
    if (status === 'active' && flow.status === 'paused') {
      // Resume everyone held by the pause: one job per enrolment, at its wait's end or now. The job key replaces
      // a job still queued for the same enrolment, so nobody runs twice.
      await tx.execute(sql`
        select graphile_worker.add_job(
          ${runFlowStepJob.name}::text,
          json_build_object('workspaceId', e.workspace_id, 'enrolmentId', e.id, 'stepId', e.current_step_id),
          run_at => greatest(e.next_run_at, now()),
          max_attempts => ${runFlowStepJob.maxAttempts ?? 10}::int,
          job_key => ${stepJobKey('')} || e.id::text
        )
        from audience_flow_enrolments e
        where e.workspace_id = ${workspaceId} and e.flow_id = ${id} and e.status in ('active', 'waiting')
          and e.current_step_id is not null`);
    }
  });
  return getFlow({ db, workspaceId, id });
}
