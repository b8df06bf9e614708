import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';
import { sealedText } from '../../../platform/secrets.ts';
import type { FlowGraph, FlowTrigger, ReentryRule } from './graph.ts';

// Automations: a flow is a trigger plus a tree of steps; an enrolment is one contact's walk through one version of it;
// history is what happened at each step of that walk.

export type FlowStatus = 'draft' | 'active' | 'paused';

/** A flow's webhook signing secret: 32 random bytes, hex. */
export const newFlowWebhookSecret = (): string => randomBytes(32).toString('hex');

export const flows = pgTable(
  'audience_flows',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status').$type<FlowStatus>().notNull().default('draft'),
    trigger: jsonb('trigger').$type<FlowTrigger>().notNull(),
    /** The event type the trigger listens to, copied out of `trigger` so event delivery finds its flows by index. */
    triggerEvent: text('trigger_event'),
    graph: jsonb('graph').$type<FlowGraph>().notNull(),
    reentry: text('reentry').$type<ReentryRule>().notNull().default('once'),
    /** For `reentry = 'after'`: days since the previous enrolment started. */
    reentryDays: integer('reentry_days'),
    /** Bumped on every change of trigger or steps; enrolments keep walking the version they started on. */
    version: integer('version').notNull().default(1),
    /** Signs webhook calls (HMAC-SHA256); the receiving side verifies with it. */
    webhookSecret: sealedText('audience_flows', 'webhook_secret', { renew: newFlowWebhookSecret }).notNull(),
    /** The ready-made flow it was started from, if any. */
    templateKey: text('template_key'),
    createdBy: uuid('created_by'),
    activatedAt: tstz('activated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('audience_flows_trigger').on(t.workspaceId, t.triggerEvent, t.status),
    // The anniversary cron looks across workspaces for active date-triggered flows.
    index('audience_flows_active_trigger').on(t.triggerEvent, t.status),
  ],
);

/** An immutable copy of a flow's trigger and steps as they were at a version. */
export const flowVersions = pgTable(
  'audience_flow_versions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    version: integer('version').notNull(),
    trigger: jsonb('trigger').$type<FlowTrigger>().notNull(),
    graph: jsonb('graph').$type<FlowGraph>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.flowId, t.version] })],
);

export type EnrolmentStatus = 'active' | 'waiting' | 'completed' | 'exited' | 'failed';

export const flowEnrolments = pgTable(
  'audience_flow_enrolments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    flowId: uuid('flow_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    status: text('status').$type<EnrolmentStatus>().notNull().default('active'),
    currentStepId: text('current_step_id'),
    /** When the current step runs next (end of a wait, retry of a webhook). */
    nextRunAt: tstz('next_run_at'),
    /** Runs of the current step so far; reset on each advance (a step that keeps failing fails the enrolment). */
    attempts: integer('attempts').notNull().default(0),
    /**
     * What enrolled the contact: `event:<event id>`, `anniversary:<yyyy-mm-dd>`; null for a manual enrolment. Unique
     * per flow, so an event delivered twice enrols once.
     */
    triggerKey: text('trigger_key'),
    /** The trigger's event payload (list, form, custom event properties…), for personalisation and history. */
    triggerData: jsonb('trigger_data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    startedAt: tstz('started_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    exitReason: text('exit_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('audience_flow_enrolments_trigger').on(t.workspaceId, t.flowId, t.triggerKey),
    // One walk at a time: a contact is never twice in the same flow at once, whatever the re-entry rule.
    uniqueIndex('audience_flow_enrolments_running')
      .on(t.workspaceId, t.flowId, t.contactId)
      .where(sql`status in ('active', 'waiting')`),
    index('audience_flow_enrolments_flow').on(t.workspaceId, t.flowId, t.status, t.id),
    index('audience_flow_enrolments_contact').on(t.workspaceId, t.contactId, t.flowId, t.startedAt),
  ],
);

export type StepOutcome =
  | 'enrolled'
  | 'waiting'
  | 'done'
  | 'sent'
  | 'skipped'
  | 'yes'
  | 'no'
  | 'failed'
  | 'exited'
  | 'retrying';

/** History rows that are not steps (step ids cannot contain `$`): the enrolment itself and a manual exit. */
export const TRIGGER_STEP = '$trigger';
export const EXIT_STEP = '$exit';

/** One row per step an enrolment reached (steps form a tree, so each is reached at most once per enrolment). */
export const flowHistory = pgTable(
  'audience_flow_history',
  {
    workspaceId: uuid('workspace_id').notNull(),
    enrolmentId: uuid('enrolment_id').notNull(),
    /** Order of the rows of one enrolment (two steps may start in the same millisecond). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** A step id of the flow, or TRIGGER_STEP / EXIT_STEP. */
    stepId: text('step_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    stepType: text('step_type').notNull(),
    enteredAt: tstz('entered_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    outcome: text('outcome').$type<StepOutcome>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.enrolmentId, t.stepId] }),
    index('audience_flow_history_step').on(t.workspaceId, t.flowId, t.stepId, t.outcome),
  ],
);
