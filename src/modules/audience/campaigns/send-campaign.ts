import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Config } from '../../../platform/config.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { type CompiledTemplate, compileTemplate } from '../../../platform/mail/render.ts';
import type { MailTransport } from '../../../platform/mail/types.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { bulkTransportFor, resolveAccount } from '../sending/accounts.ts';
import { audienceSettingsFor } from '../settings.ts';
import { sendCampaignJob } from './jobs.ts';
import { SendJournal } from './journal.ts';
import { hasContactTimezone } from './recipients-sql.ts';
import type { CampaignWave } from './schema.ts';
import { type BatchCtx, type BatchRun, FailureMonitor, startBatch } from './send-batch.ts';
import { finish, fold, recover, setStatus } from './send-fold.ts';
import { countQueued, type Due, dueBatch, futureZones, giveUp, materialise, skipCancelled } from './send-queue.ts';

export type SendOptions = {
  /** Messages fetched, checked and folded together (default 500; smaller with a throttle: about a minute's worth). */
  batchSize?: number;
  /** Sends in flight at once (default 50). */
  concurrency?: number;
  /** A send with no answer after this long counts as a temporary failure (default 120 s). */
  sendTimeoutMs?: number;
  /** Pause after this many temporary failures in a row (default 5)… */
  maxConsecutiveFailures?: number;
  /** …or when more than this share of the last `failureWindow` sends failed temporarily (default 0.3 of 50). */
  maxFailureRate?: number;
  failureWindow?: number;
  /** How long to wait for another runner's lock to go (a killed runner's connection takes a moment to close). */
  lockWaitMs?: number;
  /** Tests: a transport instead of the account's bulk transport. */
  transport?: MailTransport;
};

export type SendOutcome = 'sent' | 'paused' | 'cancelled' | 'waiting' | 'busy' | 'not-due' | 'failed' | 'draft';

export type CampaignRow = {
  id: string;
  status: string;
  subject: string;
  preheader: string | null;
  mjml: string;
  text: string | null;
  account_id: string | null;
  list_ids: string[];
  segment_id: string | null;
  exclude_list_ids: string[];
  exclude_segment_id: string | null;
  scheduled_at: Date | null;
  send_in_recipient_timezone: boolean;
  local_time: string | null;
  waves: CampaignWave[] | null;
  track_opens: boolean;
  track_clicks: boolean;
  materialized_at: Date | null;
};

const ZERO_ID = '00000000-0000-0000-0000-000000000000';

const DEFAULTS = {
  batchSize: 500,
  concurrency: 50,
  sendTimeoutMs: 120_000,
  maxConsecutiveFailures: 5,
  maxFailureRate: 0.3,
  failureWindow: 50,
  lockWaitMs: 0,
};

/**
 * The campaign send job's body: materialise the recipients (once), then send what is due, batch by batch, until done,
 * paused, cancelled or waiting for a later time-zone wave. Safe to run twice at once (an advisory lock lets one
 * proceed) and to run again after any crash (see journal.ts for how kill -9 is survived).
 */
export async function runCampaignSend(
  db: Db,
  config: Config,
  ref: { workspaceId: string; campaignId: string },
  options: SendOptions = {},
): Promise<SendOutcome> {
  const opts = { ...DEFAULTS, ...options };
  const lock = await db.$client.connect();
  let locked = false;
  try {
    locked = await tryLock(lock, ref.campaignId, opts.lockWaitMs);
    if (!locked) return 'busy';
    return await runLocked(db, config, ref, opts);
  } finally {
    if (locked) await lock.query('select pg_advisory_unlock(hashtextextended($1, 0))', [`campaign:${ref.campaignId}`]);
    lock.release();
  }
}

async function tryLock(client: pg.PoolClient, campaignId: string, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [
      `campaign:${campaignId}`,
    ]);
    if (r.rows[0]?.ok) return true;
    if (Date.now() >= until) return false;
    await sleep(100);
  }
}

async function loadCampaign(db: DbOrTx, workspaceId: string, id: string): Promise<CampaignRow | null> {
  const r = await db.execute<CampaignRow>(sql`select id, status, subject, preheader, mjml, text, account_id, list_ids,
      segment_id, exclude_list_ids, exclude_segment_id, scheduled_at, send_in_recipient_timezone, local_time, waves,
      track_opens, track_clicks, materialized_at
    from campaigns where workspace_id = ${workspaceId} and id = ${id}`);
  const row = r.rows[0];
  if (!row) return null;
  // Raw queries return timestamps as text.
  return {
    ...row,
    scheduled_at: row.scheduled_at ? new Date(row.scheduled_at) : null,
    materialized_at: row.materialized_at ? new Date(row.materialized_at) : null,
  };
}

async function runLocked(
  db: Db,
  config: Config,
  ref: { workspaceId: string; campaignId: string },
  opts: typeof DEFAULTS & { transport?: MailTransport },
): Promise<SendOutcome> {
  const { workspaceId, campaignId } = ref;
  let campaign = await loadCampaign(db, workspaceId, campaignId);
  if (!campaign) return 'cancelled';
  if (campaign.status === 'scheduled') {
    if (campaign.scheduled_at && campaign.scheduled_at.getTime() > Date.now()) return 'not-due';
    await materialise(db, workspaceId, campaign);
    campaign = await loadCampaign(db, workspaceId, campaignId);
    if (!campaign) return 'cancelled';
  }
  if (campaign.status !== 'sending') return campaign.status as SendOutcome;

  const workspace = await getWorkspaceInfo(db, workspaceId);
  if (!workspace) return 'cancelled';
  const settings = await audienceSettingsFor(db, workspaceId);
  const account = await resolveAccount(db, config, workspace, campaign.account_id);
  const transport = opts.transport ?? bulkTransportFor(db, account);
  const journal = SendJournal.open(config.dataDir, workspaceId, campaignId);
  const inflightLate = new Set<Promise<unknown>>();
  try {
    // Before anything is sent again: what a dead predecessor was told 250 for is sent; the rest of its batch was not.
    await recover(db, workspaceId, campaignId, account, journal);

    let compiled: CompiledTemplate;
    try {
      compiled = await compileTemplate(
        { subject: campaign.subject, mjml: campaign.mjml, text: campaign.text, preheader: campaign.preheader },
        { linkSlots: true, wire: true },
      );
    } catch (e) {
      await setStatus(
        db,
        workspaceId,
        campaignId,
        'failed',
        `The content could not be rendered: ${(e as Error).message}`,
      );
      return 'failed';
    }
    const kit = { publicUrl: config.publicUrl, workspaceId, signingKey: settings.signingKey };
    const ctx: BatchCtx = {
      db,
      workspaceId,
      campaign,
      account,
      transport,
      journal,
      compiled,
      kit,
      workspaceVars: { name: workspace.name, postalAddress: settings.postalAddress },
      monitor: new FailureMonitor(opts),
      opts,
      inflightLate,
      halt: { reason: null },
    };
    const tzColumn = await hasContactTimezone(db);
    let afterId = ZERO_ID;
    let passes = 0;
    const batchSize = account.maxPerMinute
      ? Math.max(10, Math.min(opts.batchSize, account.maxPerMinute))
      : opts.batchSize;
    // Up to two batches are on the wire at once: the next one starts as soon as the previous one has handed out its
    // last message, so its checks run while that batch's tail is answered. A batch is folded once it is done, while
    // the later one is sent (at most one fold outstanding).
    let previous: BatchRun | null = null;
    let folding: Promise<void> | null = null;
    // The next batch's rows are read while this one is sent: the connections would otherwise sit idle for that query
    // between batches. Read early, they are only fresher than needed: who may still be mailed is checked again by
    // the batch right before sending, and a time-zone wave that opens meanwhile is picked up by the next pass.
    let prefetched: { afterId: string; rows: Promise<Due[]> } | null = null;
    const settle = async () => {
      const f = folding;
      folding = null;
      if (f) await f;
    };
    const absorb = async (run: BatchRun) => {
      const outcome = await run.done;
      await settle();
      const f = fold(db, workspaceId, campaignId, account, outcome).then(() => outcome.segment.discard());
      f.catch(() => undefined); // awaited by settle(); this only keeps an early failure from being "unhandled"
      folding = f;
    };
    // Every outcome in the database, nothing on the wire.
    const drain = async () => {
      const p = previous;
      previous = null;
      if (p) await absorb(p);
      await settle();
    };
    try {
      for (;;) {
        const state = await db.execute<{ status: string }>(
          sql`update campaigns set heartbeat_at = now() where workspace_id = ${workspaceId} and id = ${campaignId}
            returning status`,
        );
        const status = state.rows[0]?.status;
        if (status !== 'sending') {
          await drain();
          if (status === 'cancelled') await skipCancelled(db, workspaceId, campaignId);
          return (status ?? 'cancelled') as SendOutcome;
        }

        const future = futureZones(campaign.waves, new Date());
        const batch = await (prefetched?.afterId === afterId
          ? prefetched.rows
          : dueBatch(db, workspaceId, campaignId, afterId, batchSize, future, tzColumn));
        prefetched = null;
        if (batch.length === 0) {
          // Nothing new to send in this pass: every outcome must be in the database before looking back.
          await drain();
          if (ctx.halt.reason) break;
          if (inflightLate.size > 0) {
            // Sends that timed out: wait for their final word and fold it before anything is retried.
            await Promise.allSettled([...inflightLate]);
            await recover(db, workspaceId, campaignId, account, journal);
          }
          const left = await countQueued(db, workspaceId, campaignId, future, tzColumn);
          if (left.dueNow > 0) {
            // Messages put back after a temporary failure: another pass, twice, then they are given up as failed.
            passes += 1;
            if (passes >= 3) await giveUp(db, workspaceId, campaignId, future, tzColumn);
            afterId = ZERO_ID;
            continue;
          }
          if (left.later > 0 && future.next) {
            // The rest is due in later time-zone waves: come back then.
            await db.execute(sql`update campaigns set next_run_at = ${future.next}
              where workspace_id = ${workspaceId} and id = ${campaignId}`);
            await addJob(
              db,
              sendCampaignJob,
              { workspaceId, campaignId },
              { jobKey: `campaign-send:${campaignId}`, runAt: future.next },
            );
            return 'waiting';
          }
          await finish(db, workspaceId, campaignId);
          return 'sent';
        }
        afterId = batch[batch.length - 1]?.id ?? afterId;
        if (batch.length === batchSize) {
          const rows = dueBatch(db, workspaceId, campaignId, afterId, batchSize, future, tzColumn);
          rows.catch(() => undefined); // awaited next round; an error surfaces there
          prefetched = { afterId, rows };
        }
        const run = startBatch(ctx, batch);
        await run.dispatched;
        const before = previous;
        previous = run;
        if (before) await absorb(before);
        if (ctx.halt.reason) break;
      }
      await drain();
      await setStatus(db, workspaceId, campaignId, 'paused', ctx.halt.reason);
      return 'paused';
    } finally {
      // On an error, nothing may still be sending when the lock goes (another runner would send those messages
      // again): wait for the batches on the wire, and for the fold in flight (its outcome is in its segment either
      // way).
      await (previous as BatchRun | null)?.done.catch(() => undefined);
      await (folding as Promise<void> | null)?.catch(() => undefined);
    }
  } finally {
    // Sends that timed out may still get their 250: it lands in the late segment, which the next run folds.
    if (inflightLate.size === 0) journal.dropIfEmpty();
  }
}
