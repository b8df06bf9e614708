import type { Config } from '../../../platform/config.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { changeContactTags, createTask, type getContact, updateContact } from '../../crm/index.ts';
import { getWorkspaceInfo, listMembers } from '../../identity/index.ts';
import { sendMessage } from '../sending/send-message.ts';
import type { FlowGraph, FlowNode, FlowTrigger } from './graph.ts';
import type { flowEnrolments, StepOutcome } from './schema.ts';
import { evaluateBranch } from './step-branch.ts';
import { sendEmailStep } from './step-email.ts';
import { safeZone, waitUntil } from './time.ts';
import { callWebhook } from './webhook.ts';

export type StepContext = {
  db: Db;
  config: Config;
  workspaceId: string;
  flowId: string;
  flowName: string;
  webhookSecret: string;
  trigger: FlowTrigger;
  graph: FlowGraph;
  enrolment: typeof flowEnrolments.$inferSelect;
  contact: Awaited<ReturnType<typeof getContact>>;
  /** Runs of this step so far, this one included. */
  attempts: number;
  now: Date;
  allowPrivateWebhooks: boolean;
};

export type StepResult =
  | {
      kind: 'next';
      outcome: StepOutcome;
      details?: Record<string, unknown>;
      branch?: 'yes' | 'no';
      /** Database work committed together with the move to the next step (exactly once). */
      apply?: (tx: DbOrTx) => Promise<Record<string, unknown> | undefined>;
    }
  | { kind: 'wait'; until: Date; details?: Record<string, unknown> }
  | { kind: 'retry'; at: Date; details?: Record<string, unknown> }
  | {
      kind: 'end';
      status: 'completed' | 'exited' | 'failed';
      outcome: StepOutcome;
      reason: string;
      details?: Record<string, unknown>;
    };

/** Steps that call out (webhooks, a failing SMTP server) try this many times before recording a failure. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** 30 s, 1 min, 2 min, 4 min… capped at an hour. */
export const retryDelay = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

type ContactUpdate = Parameters<typeof updateContact>[0]['input'];

export const dedupeKeyOf = (enrolmentId: string, stepId: string) => `flow:${enrolmentId}:${stepId}`;

export async function executeStep(node: FlowNode, ctx: StepContext): Promise<StepResult> {
  const { workspaceId, contact } = ctx;
  switch (node.type) {
    case 'send_email':
      return sendEmailStep(node, ctx);
    case 'wait':
      return waitStep(node, ctx);
    case 'branch': {
      const yes = await evaluateBranch(node.config.condition, ctx);
      return { kind: 'next', outcome: yes ? 'yes' : 'no', branch: yes ? 'yes' : 'no', details: {} };
    }
    case 'add_tag':
    case 'remove_tag': {
      const tag = node.config.tag;
      return {
        kind: 'next',
        outcome: 'done',
        details: { tag },
        apply: async (tx) => {
          await changeContactTags({
            db: tx,
            workspaceId,
            actorId: null,
            contactId: contact.id,
            ...(node.type === 'add_tag' ? { add: [tag] } : { remove: [tag] }),
          });
          return undefined;
        },
      };
    }
    case 'set_field': {
      const { field, value } = node.config;
      const custom = field.startsWith('custom.');
      if (!custom && value !== null && typeof value !== 'string')
        return { kind: 'next', outcome: 'failed', details: { field, error: `${field} takes text` } };
      const input: ContactUpdate = custom
        ? { custom: { [field.slice('custom.'.length)]: value } }
        : { [field]: typeof value === 'string' && value.trim() ? value.trim() : null };
      return {
        kind: 'next',
        outcome: 'done',
        details: { field, value },
        apply: async (tx) => {
          // Same validation as the API: a value the field refuses is recorded as a failed step.
          await updateContact({ db: tx, workspaceId, actorId: null, id: contact.id, input });
          return undefined;
        },
      };
    }
    case 'create_task': {
      const c = node.config;
      const assigneeId = c.assignee === 'owner' ? contact.ownerId : c.assignee === 'unassigned' ? null : c.assignee;
      const dueAt = new Date(ctx.now.getTime() + c.dueInDays * 86_400_000).toISOString();
      return {
        kind: 'next',
        outcome: 'done',
        apply: async (tx) => {
          const task = await createTask({
            db: tx,
            workspaceId,
            actorId: null,
            input: { title: c.title, notes: c.notes ?? null, dueAt, assigneeId, contactId: contact.id },
            now: ctx.now,
          });
          return { taskId: task.id, assigneeId };
        },
      };
    }
    case 'notify':
      return notifyStep(node, ctx);
    case 'webhook':
      return webhookStep(node, ctx);
    case 'exit':
      return { kind: 'end', status: 'exited', outcome: 'exited', reason: 'reached an exit step' };
  }
}

async function waitStep(node: Extract<FlowNode, { type: 'wait' }>, ctx: StepContext): Promise<StepResult> {
  const { enrolment, now, contact } = ctx;
  // Second run: the wait that was set has ended (or a resume ran it early: wait on).
  if (enrolment.status === 'waiting' && enrolment.nextRunAt) {
    if (enrolment.nextRunAt.getTime() <= now.getTime())
      return { kind: 'next', outcome: 'done', details: { waitedUntil: enrolment.nextRunAt.toISOString() } };
    return { kind: 'wait', until: enrolment.nextRunAt };
  }
  const workspace = await getWorkspaceInfo(ctx.db, ctx.workspaceId);
  const tz = safeZone(contact.timezone ?? workspace?.timezone);
  const cfg = node.config;
  let dateValue: string | Date | null | undefined;
  if (cfg.mode === 'date_field') {
    if (cfg.field === 'created_at') dateValue = contact.createdAt;
    else {
      const v = contact.custom[cfg.field.slice('custom.'.length)];
      dateValue = typeof v === 'string' ? v : null;
    }
  }
  const until = waitUntil(cfg, now, tz, dateValue);
  if (!until)
    return {
      kind: 'next',
      outcome: 'skipped',
      details: { reason: `the contact has no ${cfg.mode === 'date_field' ? cfg.field : 'date'}` },
    };
  if (until.getTime() <= now.getTime())
    return { kind: 'next', outcome: 'done', details: { until: until.toISOString(), reason: 'already past' } };
  return { kind: 'wait', until, details: { timeZone: tz } };
}

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

async function notifyStep(node: Extract<FlowNode, { type: 'notify' }>, ctx: StepContext): Promise<StepResult> {
  const { contact } = ctx;
  const userId = node.config.userId === 'owner' ? contact.ownerId : node.config.userId;
  if (!userId) return { kind: 'next', outcome: 'skipped', details: { reason: 'the contact has no owner' } };
  const user = (await listMembers({ db: ctx.db, workspaceId: ctx.workspaceId })).find((m) => m.userId === userId);
  if (!user) return { kind: 'next', outcome: 'skipped', details: { reason: 'the user is not a member any more' } };
  const contactUrl = `${ctx.config.publicUrl}/contacts/${contact.id}`;
  const body = escapeHtml(node.config.message).replaceAll('\n', '<br />');
  const result = await sendMessage(ctx.db, ctx.config, {
    workspaceId: ctx.workspaceId,
    contact: { id: user.userId, email: user.email, firstName: user.name, lastName: null, companyName: null },
    sourceType: 'notification',
    sourceId: ctx.flowId,
    dedupeKey: dedupeKeyOf(ctx.enrolment.id, node.id),
    marketing: false,
    template: {
      subject: node.config.subject,
      mjml: `<mjml><mj-body><mj-section><mj-column>
<mj-text font-size="15px" line-height="1.6">${body}</mj-text>
<mj-text font-size="15px">About: <a href="{{ about.url }}">{{ about.name }}</a> {{ about.email }}</mj-text>
<mj-text font-size="12px" color="#868e96">Sent by the flow “{{ about.flow }}”.</mj-text>
</mj-column></mj-section></mj-body></mjml>`,
    },
    vars: {
      about: {
        name: contact.name,
        email: contact.emails[0] ?? '',
        url: contactUrl,
        flow: ctx.flowName,
      },
    },
  });
  if (result.status === 'sent')
    return { kind: 'next', outcome: 'sent', details: { userId, messageId: result.messageId } };
  return {
    kind: 'next',
    outcome: result.status === 'failed' ? 'failed' : 'skipped',
    details: { userId, reason: result.reason },
  };
}

async function webhookStep(node: Extract<FlowNode, { type: 'webhook' }>, ctx: StepContext): Promise<StepResult> {
  const { contact, enrolment } = ctx;
  const deliveryId = `${enrolment.id}:${node.id}`;
  const res = await callWebhook({
    url: node.config.url,
    secret: ctx.webhookSecret,
    deliveryId,
    allowPrivate: ctx.allowPrivateWebhooks,
    now: ctx.now,
    body: {
      id: deliveryId,
      type: 'flow.webhook',
      occurredAt: ctx.now.toISOString(),
      flow: { id: ctx.flowId, name: ctx.flowName, stepId: node.id },
      enrolment: { id: enrolment.id, startedAt: enrolment.startedAt.toISOString(), trigger: enrolment.triggerData },
      contact: {
        id: contact.id,
        firstName: contact.firstName,
        lastName: contact.lastName,
        emails: contact.emails,
        phones: contact.phones,
        companyName: contact.companyName,
        tags: contact.tags,
        lifecycleStage: contact.lifecycleStage,
        custom: contact.custom,
      },
    },
  });
  const details = { url: node.config.url, attempt: ctx.attempts, ...res.details };
  if (res.ok) return { kind: 'next', outcome: 'done', details };
  if (!res.permanent && ctx.attempts < MAX_DELIVERY_ATTEMPTS)
    return { kind: 'retry', at: new Date(ctx.now.getTime() + retryDelay(ctx.attempts)), details };
  return { kind: 'next', outcome: 'failed', details };
}
