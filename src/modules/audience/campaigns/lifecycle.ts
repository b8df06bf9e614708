import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { compileTemplate } from '../../../platform/mail/render.ts';
import { type CampaignRecord, campaignRecord, checkReferences, toCampaign } from './campaign-row.ts';
import type { TSchedule } from './contracts.ts';
import { sendCampaignJob } from './jobs.ts';
import { type CampaignStatus, campaigns } from './schema.ts';

// The state machine: draft → scheduled → sending ⇄ paused → sent; scheduled → draft (unschedule); any unfinished
// state → cancelled. The send job moves sending → sent / paused (server trouble) / failed (content will not render).

type Ref = { db: Db; workspaceId: string; id: string };

async function transition(
  { db, workspaceId, id }: Ref,
  allowed: CampaignStatus[],
  verb: string,
  change: (tx: Tx, c: CampaignRecord) => Promise<Partial<typeof campaigns.$inferInsert>>,
) {
  return db.transaction(async (tx) => {
    const c = await campaignRecord(tx, workspaceId, id, true);
    if (!allowed.includes(c.status)) throw new AppError('CONFLICT', `A ${c.status} campaign cannot be ${verb}.`);
    const patch = await change(tx, c);
    const [row] = await tx
      .update(campaigns)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
      .returning();
    return toCampaign(row!);
  });
}

const jobKey = (id: string) => `campaign-send:${id}`;

/** Checks the campaign can go (subject, audience, content that renders), then queues the send at its time. */
export async function scheduleCampaign(ref: Ref & { input: TSchedule; now?: Date }) {
  const now = ref.now ?? new Date();
  const at = ref.input.at ? new Date(ref.input.at) : now;
  return transition(ref, ['draft'], 'scheduled', async (tx, c) => {
    const errors = [];
    if (!c.subject.trim()) errors.push({ field: 'subject', message: 'is empty' });
    if (!c.listIds.length && !c.segmentId)
      errors.push({ field: 'listIds', message: 'choose at least one list or a segment' });
    if (errors.length) throw AppError.validation(errors);
    await checkReferences(tx, ref.workspaceId, c);
    await compileTemplate({ subject: c.subject, mjml: c.mjml, text: c.text, preheader: c.preheader });
    const start = at.getTime() < now.getTime() ? now : at;
    await addJob(
      tx,
      sendCampaignJob,
      { workspaceId: ref.workspaceId, campaignId: c.id },
      { jobKey: jobKey(c.id), runAt: start },
    );
    return {
      status: 'scheduled',
      scheduledAt: start,
      sendInRecipientTimezone: Boolean(ref.input.recipientTimezone),
      localTime: ref.input.recipientTimezone?.localTime ?? null,
      pauseReason: null,
    };
  });
}

/** Back to draft before it started, to edit it. */
export async function unscheduleCampaign(ref: Ref) {
  return transition(ref, ['scheduled'], 'unscheduled', async (tx) => {
    await removeJob(tx, ref.id);
    return { status: 'draft', scheduledAt: null };
  });
}

export async function pauseCampaign(ref: Ref) {
  return transition(ref, ['sending'], 'paused', async () => ({ status: 'paused', pauseReason: 'Paused by a user.' }));
}

/** Continues where it stopped: the recipients were fixed when it started; nobody already mailed is mailed again. */
export async function resumeCampaign(ref: Ref) {
  return transition(ref, ['paused', 'failed'], 'resumed', async (tx, c) => {
    if (c.status === 'failed' && !c.materializedAt) {
      throw new AppError('CONFLICT', 'This campaign never started; duplicate it and fix the content instead.');
    }
    await addJob(tx, sendCampaignJob, { workspaceId: ref.workspaceId, campaignId: c.id }, { jobKey: jobKey(c.id) });
    return { status: 'sending', pauseReason: null, heartbeatAt: null };
  });
}

/** Stops for good: whoever is still queued is marked skipped ('cancelled'); what went out stays sent. */
export async function cancelCampaign(ref: Ref) {
  return transition(ref, ['scheduled', 'sending', 'paused', 'failed'], 'cancelled', async (tx, c) => {
    await removeJob(tx, c.id);
    const r = await tx.execute(sql`update email_messages set status = 'skipped', error = 'campaign cancelled'
      where workspace_id = ${ref.workspaceId} and source_id = ${c.id} and source_type = 'campaign' and status = 'queued'`);
    return {
      status: 'cancelled',
      finishedAt: new Date(),
      nextRunAt: null,
      skippedCount: c.skippedCount + (r.rowCount ?? 0),
    };
  });
}

async function removeJob(tx: Tx, id: string) {
  await tx.execute(sql`select graphile_worker.remove_job(${jobKey(id)})`);
}
