import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { addJob, defineJob, type JobContext } from '../../../platform/jobs/queue.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { sendMessage } from '../sending/send-message.ts';
import { audienceSettingsFor } from '../settings.ts';
import { icsToken, reminderTemplate, webinarVars } from './emails.ts';
import { registrantMailContacts } from './registrant-contacts-sql.ts';
import { getWebinarRow, publicWebinarUrl, type WebinarRow } from './webinar-row.ts';

export type ReminderSlot = { offsetMinutes: number; runAt: Date };

/** When each reminder goes out: `offset` minutes before the start; slots already past are dropped (no late "in 24 h"). */
export function reminderSchedule(startsAt: Date, offsets: readonly number[], now: Date): ReminderSlot[] {
  return [...new Set(offsets)]
    .sort((a, b) => b - a)
    .map((offsetMinutes) => ({ offsetMinutes, runAt: new Date(startsAt.getTime() - offsetMinutes * 60_000) }))
    .filter((s) => s.runAt.getTime() > now.getTime());
}

/** One job per webinar and offset: re-adding with the same key moves it (graphile-worker replaces run_at). */
export const reminderJobKey = (webinarId: string, offsetMinutes: number) =>
  `audience.webinar-reminder:${webinarId}:${offsetMinutes}`;

const ReminderPayload = z.object({
  workspaceId: z.string().uuid(),
  webinarId: z.string().uuid(),
  offsetMinutes: z.number().int(),
});

/**
 * (Re)schedules a webinar's reminders in the caller's transaction: every current offset still ahead gets its job at
 * the right instant; offsets dropped, or already past after a reschedule, lose theirs.
 */
export async function scheduleReminders(
  tx: DbOrTx,
  webinar: Pick<WebinarRow, 'workspaceId' | 'id' | 'startsAt' | 'reminderOffsets'>,
  opts: { previousOffsets?: readonly number[]; now?: Date } = {},
): Promise<ReminderSlot[]> {
  const slots = reminderSchedule(webinar.startsAt, webinar.reminderOffsets, opts.now ?? new Date());
  const keep = new Set(slots.map((s) => s.offsetMinutes));
  for (const offset of new Set([...(opts.previousOffsets ?? []), ...webinar.reminderOffsets]))
    if (!keep.has(offset)) await removeReminder(tx, webinar.id, offset);
  for (const slot of slots)
    await addJob(
      tx,
      webinarReminderJob,
      { workspaceId: webinar.workspaceId, webinarId: webinar.id, offsetMinutes: slot.offsetMinutes },
      { jobKey: reminderJobKey(webinar.id, slot.offsetMinutes), runAt: slot.runAt },
    );
  return slots;
}

export async function removeReminder(tx: DbOrTx, webinarId: string, offsetMinutes: number) {
  await tx.execute(sql`select graphile_worker.remove_job(${reminderJobKey(webinarId, offsetMinutes)})`);
}

/** Sends one reminder to every registrant; a re-run (crash, retry) mails nobody twice: the dedupe key is per person. */
export async function sendReminders(
  db: Db,
  ctx: Pick<JobContext, 'config' | 'logger'>,
  payload: z.infer<typeof ReminderPayload>,
  now = new Date(),
): Promise<{ sent: number; skipped: number; failed: number; retriable: number }> {
  const tally = { sent: 0, skipped: 0, failed: 0, retriable: 0 };
  let webinar: WebinarRow;
  try {
    webinar = await getWebinarRow(db, payload.workspaceId, payload.webinarId);
  } catch {
    return tally; // deleted since: nothing to remind of
  }
  if (!webinar.reminderOffsets.includes(payload.offsetMinutes)) return tally;
  const due = webinar.startsAt.getTime() - payload.offsetMinutes * 60_000;
  // Ran early (a stale job): put it back at its instant. Ran after the start (worker down): a reminder is useless.
  if (now.getTime() < due - 60_000) {
    await scheduleReminders(db, webinar, { now });
    return tally;
  }
  if (now.getTime() >= webinar.startsAt.getTime()) return tally;
  const ws = await getWorkspaceInfo(db, webinar.workspaceId);
  if (!ws) return tally;
  const settings = await audienceSettingsFor(db, webinar.workspaceId);
  const pageUrl = publicWebinarUrl(ctx.config.publicUrl, ws.publicKey, webinar.slug);
  for (const contact of await registrantMailContacts(db, webinar.workspaceId, webinar.id)) {
    const token = icsToken(settings.signingKey, webinar.workspaceId, webinar.id, contact.id);
    const r = await sendMessage(db, ctx.config, {
      workspaceId: webinar.workspaceId,
      contact,
      sourceType: 'webinar',
      sourceId: webinar.id,
      dedupeKey: `webinar:${webinar.id}:${payload.offsetMinutes}:${contact.id}`,
      template: reminderTemplate,
      vars: webinarVars({
        webinar,
        timezone: ws.timezone,
        language: contact.language ?? null,
        pageUrl,
        icsUrl: `${pageUrl}/calendar.ics?t=${token}`,
        offsetMinutes: payload.offsetMinutes,
      }),
      // The registrant asked for this event: its reminders are service mail, not marketing.
      marketing: false,
    });
    if (r.status === 'sent') tally.sent++;
    else if (r.status === 'skipped') tally.skipped++;
    else {
      tally.failed++;
      if (!r.permanent) tally.retriable++;
      ctx.logger.warn({ webinarId: webinar.id, contactId: contact.id, reason: r.reason }, 'webinar reminder failed');
    }
  }
  return tally;
}

export const webinarReminderJob = defineJob({
  name: 'audience.webinar-reminder',
  payload: ReminderPayload,
  async handler(payload, ctx) {
    const tally = await sendReminders(ctx.db, ctx, payload);
    // Run again for those the server refused for now: the sent ones are skipped by their dedupe keys, and
    // sendMessage tries the failed ones again.
    if (tally.retriable > 0) throw new Error(`${tally.retriable} webinar reminders not delivered yet`);
  },
});
