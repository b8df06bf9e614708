import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { defineJob } from '../../../platform/jobs/queue.ts';
import { signLink } from '../links.ts';
import { sendMessage } from '../sending/send-message.ts';
import { mailContactOf } from '../subscriptions/contact-lookup.ts';
import { simpleEmailMjml } from '../subscriptions/simple-email.ts';
import { submissionWithForm } from '../subscriptions/submission-row.ts';
import { getMagnetRow } from './magnet-use-cases.ts';

export const DOWNLOAD_LINK_DAYS = 7;

const DEFAULT_SUBJECT = 'Your download: {{ magnet.name }}';
const DEFAULT_MESSAGE =
  'Hello {{ contact.first_name }},\n\nThank you for your interest. Here is {{ magnet.name }}, as promised.';

export function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export function uuidFromBytes(b: Buffer): string | null {
  if (b.length !== 16) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The dedupe key of a submission's delivery email; the download finds the message (for its events) by it. */
export const deliveryKey = (submissionId: string) => `lead_magnet:${submissionId}`;

/** A signed download link: subject the magnet, extra the submission (who asked), valid for 7 days. */
export async function downloadUrl(
  db: Db,
  config: Config,
  workspaceId: string,
  magnetId: string,
  submissionId: string,
  now = new Date(),
) {
  const token = await signLink(db, {
    purpose: 'download',
    workspaceId,
    subjectId: magnetId,
    extra: uuidBytes(submissionId),
    expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_DAYS * 86_400_000),
  });
  return `${config.publicUrl}/p/d/${token}`;
}

/**
 * Emails the form's lead magnet to the person who submitted it: after their confirmation, or at once when no list
 * asked for one. They asked for this file, so it is transactional mail (no tracking); once per submission.
 */
export async function deliverLeadMagnet(db: Db, config: Config, workspaceId: string, submissionId: string) {
  const sub = await submissionWithForm(db, workspaceId, submissionId);
  const magnetId = sub?.form?.leadMagnetId;
  if (!sub || !magnetId) return { status: 'skipped' as const };
  if (sub.pendingListIds.length && !sub.confirmedAt) return { status: 'skipped' as const };
  const magnet = await getMagnetRow(db, workspaceId, magnetId).catch(() => null);
  if (!magnet) return { status: 'skipped' as const };
  const contact = await mailContactOf(db, workspaceId, sub.contactId, sub.email);
  if (!contact) return { status: 'skipped' as const };
  const url = await downloadUrl(db, config, workspaceId, magnet.id, submissionId);
  return sendMessage(db, config, {
    workspaceId,
    contact,
    sourceType: 'lead_magnet',
    sourceId: magnet.id,
    dedupeKey: deliveryKey(submissionId),
    marketing: false,
    template: {
      subject: magnet.emailSubject || DEFAULT_SUBJECT,
      mjml: simpleEmailMjml({
        message: magnet.emailMessage || DEFAULT_MESSAGE,
        buttonLabel: 'Download',
        urlVar: 'download_url',
        footer: `The link works for ${DOWNLOAD_LINK_DAYS} days: {{ download_url }}`,
      }),
    },
    vars: { download_url: url, magnet: { name: magnet.name, file_name: magnet.fileName } },
  });
}

export const deliverLeadMagnetJob = defineJob({
  name: 'audience.deliver-lead-magnet',
  payload: z.object({ workspaceId: z.string().uuid(), submissionId: z.string().uuid() }),
  handler: async ({ workspaceId, submissionId }, ctx) => {
    const r = await deliverLeadMagnet(ctx.db, ctx.config, workspaceId, submissionId);
    if (r.status === 'failed')
      ctx.logger.warn({ workspaceId, submissionId, reason: r.reason }, 'lead magnet email was not delivered');
  },
});
