import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { defineJob } from '../../../platform/jobs/queue.ts';
import { signLink } from '../links.ts';
import { sendMessage } from '../sending/send-message.ts';
import { mailContactOf } from './contact-lookup.ts';
import { simpleEmailMjml } from './simple-email.ts';
import { submissionWithForm } from './submission-row.ts';

export const CONFIRM_LINK_DAYS = 7;

const DEFAULT_SUBJECT = 'Please confirm your subscription to {{ workspace.name }}';
const DEFAULT_MESSAGE =
  'Hello {{ contact.first_name }},\n\nPlease confirm that you want to receive emails from {{ workspace.name }}: ' +
  'click the button below. If you did not ask for this, ignore this email and nothing will be sent to you.';

export async function confirmUrl(db: Db, config: Config, workspaceId: string, submissionId: string, now = new Date()) {
  const token = await signLink(db, {
    purpose: 'confirm',
    workspaceId,
    subjectId: submissionId,
    expiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000),
  });
  return `${config.publicUrl}/p/confirm/${token}`;
}

/**
 * The double opt-in email of one submission. Transactional (the person just asked for it): no tracking, no
 * List-Unsubscribe, sent even to an address that once unsubscribed — confirming is how they come back. At most one
 * per submission (dedupe key), so a retried job sends nothing twice.
 */
export async function sendConfirmation(db: Db, config: Config, workspaceId: string, submissionId: string) {
  const sub = await submissionWithForm(db, workspaceId, submissionId);
  if (!sub || sub.confirmedAt || !sub.pendingListIds.length) return { status: 'skipped' as const };
  const contact = await mailContactOf(db, workspaceId, sub.contactId, sub.email);
  if (!contact) return { status: 'skipped' as const };
  const url = await confirmUrl(db, config, workspaceId, submissionId);
  return sendMessage(db, config, {
    workspaceId,
    contact,
    sourceType: 'confirmation',
    sourceId: sub.formId,
    dedupeKey: `confirm:${submissionId}`,
    listIds: sub.pendingListIds,
    marketing: false,
    template: {
      subject: sub.form?.confirmSubject || DEFAULT_SUBJECT,
      mjml: simpleEmailMjml({
        message: sub.form?.confirmMessage || DEFAULT_MESSAGE,
        buttonLabel: 'Yes, subscribe me',
        urlVar: 'confirm_url',
        footer: `This link works for ${CONFIRM_LINK_DAYS} days. Or copy it into your browser: {{ confirm_url }}`,
      }),
    },
    vars: { confirm_url: url },
  });
}

export const sendConfirmationJob = defineJob({
  name: 'audience.send-confirmation',
  payload: z.object({ workspaceId: z.string().uuid(), submissionId: z.string().uuid() }),
  handler: async ({ workspaceId, submissionId }, ctx) => {
    const r = await sendConfirmation(ctx.db, ctx.config, workspaceId, submissionId);
    if (r.status === 'failed') {
      ctx.logger.warn({ workspaceId, submissionId, reason: r.reason }, 'confirmation email was not delivered');
      // A refusal for now (4xx, connection): the job runs again and sendMessage retries the same message.
      if (!r.permanent) throw new Error(`confirmation email not delivered: ${r.reason}`);
    }
  },
});
