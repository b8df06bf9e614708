import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { getContact } from '../../crm/index.ts';
import type { FlowRow } from './flow-row.ts';
import { startStep } from './graph.ts';
import { runFlowStepJob, stepJobKey } from './run-step.ts';
import { flowEnrolments, flowHistory, TRIGGER_STEP } from './schema.ts';

export type EnrolResult = { enrolled: true; enrolmentId: string } | { enrolled: false; reason: string };

const DAY = 86_400_000;

/**
 * Puts a contact into an active flow if the re-entry rule allows, and queues its first step, all in one transaction.
 * Never twice at once (a partial unique index); never twice for one event (`triggerKey` is unique per flow), so an
 * event delivered again enrols nobody new.
 */
export async function enrolContact(
  db: Db,
  opts: {
    workspaceId: string;
    flow: FlowRow;
    contactId: string;
    triggerKey: string | null;
    triggerData?: Record<string, unknown>;
    now?: Date;
  },
): Promise<EnrolResult> {
  const { workspaceId, flow, contactId } = opts;
  const now = opts.now ?? new Date();
  if (flow.status !== 'active') return { enrolled: false, reason: 'the flow is not active' };
  let contact: Awaited<ReturnType<typeof getContact>>;
  try {
    contact = await getContact({ db, workspaceId, id: contactId });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return { enrolled: false, reason: 'no such contact' };
    throw err;
  }
  if (contact.mergedIntoId) return { enrolled: false, reason: `the contact was merged into ${contact.mergedIntoId}` };
  if (contact.erasedAt) return { enrolled: false, reason: 'the contact was erased' };
  const start = startStep(flow.graph);
  if (!start) return { enrolled: false, reason: 'the flow has no first step' };

  return db.transaction(async (tx): Promise<EnrolResult> => {
    // Serialises enrolments of one contact in one flow, so the re-entry rule reads a settled past.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`flow:${flow.id}:${contactId}`}, 0))`);
    const [last] = await tx
      .select({ status: flowEnrolments.status, startedAt: flowEnrolments.startedAt })
      .from(flowEnrolments)
      .where(
        and(
          eq(flowEnrolments.workspaceId, workspaceId),
          eq(flowEnrolments.flowId, flow.id),
          eq(flowEnrolments.contactId, contactId),
        ),
      )
      .orderBy(desc(flowEnrolments.startedAt))
      .limit(1);
    if (last) {
      if (last.status === 'active' || last.status === 'waiting')
        return { enrolled: false, reason: 'already in this flow' };
      if (flow.reentry === 'once') return { enrolled: false, reason: 'was in this flow before (enters once)' };
      if (flow.reentry === 'after' && now.getTime() - last.startedAt.getTime() < (flow.reentryDays ?? 0) * DAY)
        return { enrolled: false, reason: `entered less than ${flow.reentryDays} days ago` };
    }
    const id = newId();
    const inserted = await tx
      .insert(flowEnrolments)
      .values({
        workspaceId,
        id,
        flowId: flow.id,
        contactId,
        flowVersion: flow.version,
        status: 'active',
        currentStepId: start,
        triggerKey: opts.triggerKey,
        triggerData: opts.triggerData ?? {},
        startedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: flowEnrolments.id });
    if (!inserted.length) return { enrolled: false, reason: 'already enrolled by this event' };
    await tx.insert(flowHistory).values({
      workspaceId,
      enrolmentId: id,
      stepId: TRIGGER_STEP,
      flowId: flow.id,
      contactId,
      stepType: flow.trigger.type,
      enteredAt: now,
      finishedAt: now,
      outcome: 'enrolled',
      details: { trigger: opts.triggerData ?? {}, ...(opts.triggerKey ? {} : { manual: true }) },
    });
    await addJob(tx, runFlowStepJob, { workspaceId, enrolmentId: id, stepId: start }, { jobKey: stepJobKey(id) });
    return { enrolled: true, enrolmentId: id };
  });
}
