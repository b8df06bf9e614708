import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/queue.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { sendMessage } from '../sending/send-message.ts';
import { audienceSettingsFor } from '../settings.ts';
import { pendingOnList, subscribeToken } from './confirm-subscription.ts';
import { confirmationTemplate, icsToken, webinarVars } from './emails.ts';
import { registrantMailContacts } from './registrant-contacts-sql.ts';
import { getWebinarRow, publicWebinarUrl } from './webinar-row.ts';

const Payload = z.object({
  workspaceId: z.string().uuid(),
  webinarId: z.string().uuid(),
  contactId: z.string().uuid(),
  /** The registration's hour (epoch hours): at most one confirmation per person, webinar and hour. */
  bucket: z.number().int(),
});

/**
 * The "you're registered" email with the join link and a personal .ics link. A job, queued in the registration's
 * transaction: the page answers at once and a slow or failing SMTP server only delays the mail.
 */
export const webinarConfirmationJob = defineJob({
  name: 'audience.webinar-confirmation',
  payload: Payload,
  async handler(p, ctx) {
    let webinar: Awaited<ReturnType<typeof getWebinarRow>>;
    try {
      webinar = await getWebinarRow(ctx.db, p.workspaceId, p.webinarId);
    } catch {
      return;
    }
    const [contact] = await registrantMailContacts(ctx.db, p.workspaceId, p.webinarId, p.contactId);
    const ws = await getWorkspaceInfo(ctx.db, p.workspaceId);
    if (!contact || !ws) return;
    const settings = await audienceSettingsFor(ctx.db, p.workspaceId);
    const pageUrl = publicWebinarUrl(ctx.config.publicUrl, ws.publicKey, webinar.slug);
    const token = icsToken(settings.signingKey, p.workspaceId, webinar.id, contact.id);
    const subscribeUrl = (await pendingOnList(ctx.db, webinar, contact.id))
      ? `${pageUrl}/subscribe?t=${subscribeToken(settings.signingKey, webinar, contact.id)}`
      : '';
    const r = await sendMessage(ctx.db, ctx.config, {
      workspaceId: p.workspaceId,
      contact,
      sourceType: 'webinar',
      sourceId: webinar.id,
      dedupeKey: `webinar:${webinar.id}:confirmation:${contact.id}:${p.bucket}`,
      template: confirmationTemplate,
      vars: webinarVars({
        webinar,
        timezone: ws.timezone,
        language: contact.language ?? null,
        pageUrl,
        icsUrl: `${pageUrl}/calendar.ics?t=${token}`,
        subscribeUrl,
      }),
      marketing: false,
    });
    // sendMessage records the failure on the message row (the dedupe key then holds it: a retry would not resend).
    if (r.status === 'failed')
      ctx.logger.warn(
        { webinarId: webinar.id, contactId: contact.id, reason: r.reason },
        'webinar confirmation failed',
      );
  },
});
