import { and, eq } from 'drizzle-orm';
import { type CompiledTemplate, compileTemplate } from '../../../platform/mail/render.ts';
import { currentConsent } from '../../crm/index.ts';
import { contactMailPrefs, emailMessages, emailTemplates, listMembers } from '../schema.ts';
import { sendMessage } from '../sending/send-message.ts';
import type { FlowNode } from './graph.ts';
import { dedupeKeyOf, MAX_DELIVERY_ATTEMPTS, retryDelay, type StepContext, type StepResult } from './steps.ts';

type EmailNode = Extract<FlowNode, { type: 'send_email' }>;

/** Compiled templates by flow version and step (inline) or template and its last change: MJML compiles once. */
const compiled = new Map<string, CompiledTemplate>();
const CACHE_MAX = 200;

async function templateOf(node: EmailNode, ctx: StepContext): Promise<CompiledTemplate | null> {
  const c = node.config;
  if (c.templateId) {
    const [t] = await ctx.db
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, ctx.workspaceId), eq(emailTemplates.id, c.templateId)));
    if (!t) return null;
    return cached(`t:${t.id}:${t.updatedAt.getTime()}`, () =>
      compileTemplate({ subject: t.subject, mjml: t.mjml, text: t.text, preheader: t.preheader }),
    );
  }
  return cached(`f:${ctx.flowId}:${ctx.enrolment.flowVersion}:${node.id}`, () =>
    compileTemplate({ subject: c.subject ?? '', mjml: c.mjml ?? '', preheader: c.preheader ?? null }),
  );
}

/** The email's content does not compile (our renderer's AppError or a plain Error from MJML's parser). */
class InvalidTemplate extends Error {}

async function cached(key: string, make: () => Promise<CompiledTemplate>) {
  const hit = compiled.get(key);
  if (hit) return hit;
  let made: CompiledTemplate;
  try {
    made = await make();
  } catch (err) {
    throw new InvalidTemplate(err instanceof Error ? err.message : String(err));
  }
  if (compiled.size >= CACHE_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, made);
  return made;
}

/**
 * Sends the step's email under the dedupe key `flow:<enrolment>:<step>`: a job that runs twice sends once. Anybody
 * who may not get marketing mail (suppressed, unsubscribed, paused, off the flow's list) is skipped, and the skip is
 * recorded; the flow goes on either way.
 */
export async function sendEmailStep(node: EmailNode, ctx: StepContext): Promise<StepResult> {
  const { db, contact, workspaceId, enrolment } = ctx;
  const skip = (reason: string): StepResult => ({ kind: 'next', outcome: 'skipped', details: { reason } });
  const email = contact.emails[0];
  if (!email) return skip('the contact has no email address');
  const consent = (await currentConsent({ db, workspaceId, contactId: contact.id })).find((c) => c.channel === 'email');
  if (consent?.status === 'unsubscribed') return skip('unsubscribed from email');
  // Double opt-in not completed: no marketing mail until the address is confirmed.
  if (consent?.status === 'pending') return skip('has not confirmed the subscription yet');
  const [prefs] = await db
    .select({ pausedUntil: contactMailPrefs.pausedUntil })
    .from(contactMailPrefs)
    .where(and(eq(contactMailPrefs.workspaceId, workspaceId), eq(contactMailPrefs.contactId, contact.id)));
  if (prefs?.pausedUntil && prefs.pausedUntil > ctx.now) return skip('paused email until a later date');
  // A flow started by a list subscription mails people of that list: who left it gets no more.
  const listId =
    ctx.trigger.type === 'list_subscribed' && typeof enrolment.triggerData.listId === 'string'
      ? enrolment.triggerData.listId
      : null;
  if (listId) {
    const [m] = await db
      .select({ status: listMembers.status })
      .from(listMembers)
      .where(
        and(
          eq(listMembers.workspaceId, workspaceId),
          eq(listMembers.listId, listId),
          eq(listMembers.contactId, contact.id),
        ),
      );
    if (m?.status !== 'subscribed') return skip('no longer subscribed to the list');
  }

  let template: CompiledTemplate | null;
  try {
    template = await templateOf(node, ctx);
  } catch (err) {
    // Sending again will not help; a database error, on the other hand, is retried.
    if (err instanceof InvalidTemplate) return { kind: 'next', outcome: 'failed', details: { reason: err.message } };
    throw err;
  }
  if (!template) return { kind: 'next', outcome: 'failed', details: { reason: 'the template was deleted' } };

  const dedupeKey = dedupeKeyOf(enrolment.id, node.id);
  const result = await sendMessage(db, ctx.config, {
    workspaceId,
    contact: {
      id: contact.id,
      email,
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyName: contact.companyName,
      title: contact.title,
      country: contact.address.country ?? null,
      language: contact.language,
      tags: contact.tags,
      custom: contact.custom,
    },
    sourceType: 'flow',
    sourceId: ctx.flowId,
    dedupeKey,
    template,
    marketing: true,
    ...(listId ? { listIds: [listId] } : {}),
    vars: { trigger: enrolment.triggerData },
  });
  switch (result.status) {
    case 'sent':
      return { kind: 'next', outcome: 'sent', details: { messageId: result.messageId } };
    case 'failed': {
      if (result.permanent || ctx.attempts >= MAX_DELIVERY_ATTEMPTS)
        return { kind: 'next', outcome: 'failed', details: { messageId: result.messageId, reason: result.reason } };
      // The server refused it: nothing went out. sendMessage tries a failed key again on the next run.
      return {
        kind: 'retry',
        at: new Date(ctx.now.getTime() + retryDelay(ctx.attempts)),
        details: { reason: result.reason, attempt: ctx.attempts },
      };
    }
    case 'skipped': {
      if (result.reason !== 'already sent') return skip(result.reason);
      // A second run of the job: report what the first one did.
      const [m] = await db
        .select({ id: emailMessages.id, status: emailMessages.status, error: emailMessages.error })
        .from(emailMessages)
        .where(and(eq(emailMessages.workspaceId, workspaceId), eq(emailMessages.dedupeKey, dedupeKey)));
      if (m?.status === 'sent') return { kind: 'next', outcome: 'sent', details: { messageId: m.id } };
      return {
        kind: 'next',
        outcome: 'failed',
        details: {
          messageId: m?.id ?? null,
          reason:
            m?.status === 'sending'
              ? 'an earlier attempt stopped while sending; not sent again, to avoid a duplicate'
              : (m?.error ?? 'not sent'),
        },
      };
    }
  }
}
