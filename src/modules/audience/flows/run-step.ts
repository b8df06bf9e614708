import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { addJob, defineJob } from '../../../platform/jobs/queue.ts';
import { getContact } from '../../crm/index.ts';
import { type FlowGraph, type FlowNode, nextStep } from './graph.ts';
import {
  type EnrolmentStatus,
  EXIT_STEP,
  flowEnrolments,
  flowHistory,
  flows,
  flowVersions,
  type StepOutcome,
} from './schema.ts';
import { executeStep, type StepContext, type StepResult } from './steps.ts';

/** One queued job per enrolment at a time: its key. */
export const stepJobKey = (enrolmentId: string) => `flow-enrolment:${enrolmentId}`;

/** A step that throws this many times fails the enrolment (graphile-worker would retry up to its own maximum). */
export const MAX_STEP_RUNS = 6;

const ZStepRun = z.object({ workspaceId: z.string().uuid(), enrolmentId: z.string().uuid(), stepId: z.string() });
export type StepRun = z.infer<typeof ZStepRun>;

export const runFlowStepJob = defineJob({
  name: 'audience.flow-step',
  payload: ZStepRun,
  maxAttempts: MAX_STEP_RUNS + 2,
  handler: async (p, ctx) => {
    await runFlowStep(ctx.db, ctx.config, p);
  },
});

export type RunOptions = { now?: Date; allowPrivateWebhooks?: boolean };
type Enrolment = typeof flowEnrolments.$inferSelect;
const RUNNING: EnrolmentStatus[] = ['active', 'waiting'];

/**
 * Runs the step an enrolment is at, records it, and queues the next one. Idempotent: a job for a step the enrolment
 * has left is stale and does nothing; an email step sends under a dedupe key; database actions commit in the same
 * transaction as the move to the next step. Returns what happened (for tests and logs).
 */
export async function runFlowStep(db: Db, config: Config, p: StepRun, opts: RunOptions = {}): Promise<string> {
  const now = opts.now ?? new Date();
  const enrolment = await loadEnrolment(db, p);
  if (!enrolment || !RUNNING.includes(enrolment.status) || enrolment.currentStepId !== p.stepId) return 'stale';
  const [flow] = await db
    .select({ status: flows.status, name: flows.name, trigger: flows.trigger, webhookSecret: flows.webhookSecret })
    .from(flows)
    .where(and(eq(flows.workspaceId, p.workspaceId), eq(flows.id, enrolment.flowId)));
  if (!flow) return 'stale';
  // A paused flow holds everyone where they are; activating it again queues them anew.
  if (flow.status !== 'active') return 'held';
  const [version] = await db
    .select({ graph: flowVersions.graph, trigger: flowVersions.trigger })
    .from(flowVersions)
    .where(
      and(
        eq(flowVersions.workspaceId, p.workspaceId),
        eq(flowVersions.flowId, enrolment.flowId),
        eq(flowVersions.version, enrolment.flowVersion),
      ),
    );
  const graph = version?.graph;
  const node = graph?.nodes.find((n) => n.id === p.stepId);
  if (!graph || !node) {
    return commit(db, p, graph ?? { nodes: [], edges: [] }, null, now, {
      kind: 'end',
      status: 'failed',
      outcome: 'failed',
      reason: `step ${p.stepId} is not in version ${enrolment.flowVersion} of the flow`,
    });
  }

  const [counted] = await db
    .update(flowEnrolments)
    .set({ attempts: sql`${flowEnrolments.attempts} + 1` })
    .where(enrolmentWhere(p))
    .returning({ attempts: flowEnrolments.attempts });
  const attempts = counted?.attempts ?? 1;
  if (attempts > MAX_STEP_RUNS)
    return commit(db, p, graph, node, now, {
      kind: 'end',
      status: 'failed',
      outcome: 'failed',
      reason: `the step failed ${MAX_STEP_RUNS} times`,
    });

  let contact: StepContext['contact'];
  try {
    contact = await getContact({ db, workspaceId: p.workspaceId, id: enrolment.contactId });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    return commit(db, p, graph, node, now, {
      kind: 'end',
      status: 'exited',
      outcome: 'exited',
      reason: 'the contact was deleted',
    });
  }
  if (contact.erasedAt || contact.mergedIntoId)
    return commit(db, p, graph, node, now, {
      kind: 'end',
      status: 'exited',
      outcome: 'exited',
      reason: contact.erasedAt ? 'the contact was erased' : `the contact was merged into ${contact.mergedIntoId}`,
    });

  let result: StepResult;
  try {
    result = await executeStep(node, {
      db,
      config,
      workspaceId: p.workspaceId,
      flowId: enrolment.flowId,
      flowName: flow.name,
      webhookSecret: flow.webhookSecret,
      trigger: version.trigger,
      graph,
      enrolment,
      contact,
      attempts,
      now,
      allowPrivateWebhooks: opts.allowPrivateWebhooks ?? !config.production,
    });
  } catch (err) {
    // Unexpected (database down, a bug): note it where people look, then let the job retry.
    await upsertHistory(db, enrolment, node, now, 'retrying', {
      error: err instanceof Error ? err.message.slice(0, 500) : String(err),
      attempt: attempts,
    });
    throw err;
  }
  return commit(db, p, graph, node, now, result);
}

function enrolmentWhere(p: StepRun) {
  return and(eq(flowEnrolments.workspaceId, p.workspaceId), eq(flowEnrolments.id, p.enrolmentId));
}

async function loadEnrolment(db: DbOrTx, p: StepRun, forUpdate = false): Promise<Enrolment | undefined> {
  const q = db.select().from(flowEnrolments).where(enrolmentWhere(p));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

async function upsertHistory(
  db: DbOrTx,
  enrolment: Enrolment,
  node: FlowNode | null,
  now: Date,
  outcome: StepOutcome,
  details: Record<string, unknown>,
  finished = false,
) {
  await db
    .insert(flowHistory)
    .values({
      workspaceId: enrolment.workspaceId,
      enrolmentId: enrolment.id,
      stepId: node?.id ?? enrolment.currentStepId ?? 'unknown',
      flowId: enrolment.flowId,
      contactId: enrolment.contactId,
      stepType: node?.type ?? 'unknown',
      enteredAt: now,
      finishedAt: finished ? now : null,
      outcome,
      details,
    })
    .onConflictDoUpdate({
      target: [flowHistory.workspaceId, flowHistory.enrolmentId, flowHistory.stepId],
      set: {
        outcome,
        finishedAt: finished ? now : null,
        details: sql`${flowHistory.details} || excluded.details`,
      },
    });
}

/**
 * Records the step's outcome and moves the enrolment on, in one transaction with the step's own database work. The
 * enrolment row is locked and re-read: of two runs of the same job, the second finds the step already left.
 */
async function commit(
  db: Db,
  p: StepRun,
  graph: FlowGraph,
  node: FlowNode | null,
  now: Date,
  result: StepResult,
): Promise<string> {
  return db.transaction(async (tx) => {
    const current = await loadEnrolment(tx, p, true);
    if (!current || !RUNNING.includes(current.status) || current.currentStepId !== p.stepId) return 'stale';
    let outcome: StepOutcome = result.kind === 'next' || result.kind === 'end' ? result.outcome : 'waiting';
    let details: Record<string, unknown> = { ...(result.details ?? {}) };
    if (result.kind === 'next' && result.apply) {
      try {
        // A savepoint: a refused change (say a field value that fails validation) is recorded, not fatal.
        const extra = await tx.transaction(async (sp) => result.apply!(sp));
        details = { ...details, ...(extra ?? {}) };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcome = 'failed';
        details = { ...details, error: err.message };
      }
    }
    const set = (values: Partial<Enrolment>) => tx.update(flowEnrolments).set(values).where(enrolmentWhere(p));
    switch (result.kind) {
      case 'next': {
        await upsertHistory(tx, current, node, now, outcome, details, true);
        const next = nextStep(graph, p.stepId, result.branch);
        if (next) {
          await set({ currentStepId: next, status: 'active', attempts: 0, nextRunAt: null });
          await addJob(tx, runFlowStepJob, { ...p, stepId: next }, { jobKey: stepJobKey(p.enrolmentId) });
          return `${outcome} → ${next}`;
        }
        await set({ status: 'completed', finishedAt: now, nextRunAt: null, attempts: 0 });
        return `${outcome} → completed`;
      }
      case 'wait':
      case 'retry': {
        const at = result.kind === 'wait' ? result.until : result.at;
        await upsertHistory(tx, current, node, now, result.kind === 'wait' ? 'waiting' : 'retrying', {
          ...details,
          until: at.toISOString(),
        });
        await set({
          status: result.kind === 'wait' ? 'waiting' : current.status,
          nextRunAt: at,
          ...(result.kind === 'wait' ? { attempts: 0 } : {}),
        });
        await addJob(tx, runFlowStepJob, p, { jobKey: stepJobKey(p.enrolmentId), runAt: at });
        return `${result.kind} until ${at.toISOString()}`;
      }
      case 'end': {
        await upsertHistory(tx, current, node, now, outcome, { ...details, reason: result.reason }, true);
        await set({ status: result.status, finishedAt: now, nextRunAt: null, exitReason: result.reason });
        return `${result.status}: ${result.reason}`;
      }
    }
  });
}

/** Takes a contact out of a flow (by hand or because the contact left): records why, and queued jobs go stale. */
export async function exitEnrolment(
  db: Db,
  p: { workspaceId: string; enrolmentId: string },
  reason: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const current = await loadEnrolment(tx, { ...p, stepId: '' }, true);
    if (!current || !RUNNING.includes(current.status)) return false;
    await tx
      .update(flowEnrolments)
      .set({ status: 'exited', finishedAt: now, nextRunAt: null, exitReason: reason })
      .where(and(eq(flowEnrolments.workspaceId, p.workspaceId), eq(flowEnrolments.id, p.enrolmentId)));
    await tx
      .insert(flowHistory)
      .values({
        workspaceId: p.workspaceId,
        enrolmentId: p.enrolmentId,
        stepId: EXIT_STEP,
        flowId: current.flowId,
        contactId: current.contactId,
        stepType: 'exit',
        enteredAt: now,
        finishedAt: now,
        outcome: 'exited',
        details: { reason, atStep: current.currentStepId },
      })
      .onConflictDoNothing();
    return true;
  });
}
