import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Config } from '../../../platform/config.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { newId } from '../../../platform/ids.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { type CompiledTemplate, compileTemplate, renderCompiled } from '../../../platform/mail/render.ts';
import type { MailTransport, OutgoingMessage, SendResult } from '../../../platform/mail/types.ts';
import { appendTimeline } from '../../crm/index.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { bulkTransportFor, type ResolvedAccount, resolveAccount } from '../sending/accounts.ts';
import {
  addTextTracking,
  addTracking,
  liquidVars,
  listUnsubscribeHeaders,
  messageLinks,
} from '../sending/personalise.ts';
import { audienceSettingsFor } from '../settings.ts';
import { sendCampaignJob } from './jobs.ts';
import { type JournalSegment, SendJournal } from './journal.ts';
import { blockedAmong, eligibleRecipientsSql, hasContactTimezone } from './recipients-sql.ts';
import type { CampaignWave } from './schema.ts';
import { takeTokens } from './throttle.ts';
import { computeWaves } from './timing.ts';

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

type CampaignRow = {
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

type Due = {
  id: string;
  contact_id: string | null;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  title: string | null;
  country: string | null;
  language: string | null;
  tags: string[] | null;
  custom: Record<string, unknown> | null;
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
        { linkSlots: true },
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
    };
    const tzColumn = await hasContactTimezone(db);
    let afterId = ZERO_ID;
    let passes = 0;
    const batchSize = account.maxPerMinute
      ? Math.max(10, Math.min(opts.batchSize, account.maxPerMinute))
      : opts.batchSize;
    // The previous batch's fold runs while the next batch is sent (at most one outstanding).
    let folding: Promise<void> | null = null;
    const settle = async () => {
      const f = folding;
      folding = null;
      if (f) await f;
    };
    try {
      for (;;) {
        const state = await db.execute<{ status: string }>(
          sql`update campaigns set heartbeat_at = now() where workspace_id = ${workspaceId} and id = ${campaignId}
            returning status`,
        );
        const status = state.rows[0]?.status;
        if (status !== 'sending') {
          await settle();
          if (status === 'cancelled') await skipCancelled(db, workspaceId, campaignId);
          return (status ?? 'cancelled') as SendOutcome;
        }

        const future = futureZones(campaign.waves, new Date());
        const batch = await dueBatch(db, workspaceId, campaignId, afterId, batchSize, future, tzColumn);
        if (batch.length === 0) {
          // Nothing new to send in this pass: every outcome must be in the database before looking back.
          await settle();
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
        const outcome = await sendBatch(ctx, batch);
        await settle();
        const f = fold(db, workspaceId, campaignId, account, outcome).then(() => outcome.segment.discard());
        f.catch(() => undefined); // awaited by settle(); this only keeps an early failure from being "unhandled"
        folding = f;
        if (outcome.stop) {
          await settle();
          await setStatus(db, workspaceId, campaignId, 'paused', outcome.stop);
          return 'paused';
        }
      }
    } finally {
      // On an error, let the fold in flight finish (its outcome is in its segment either way).
      await (folding as Promise<void> | null)?.catch(() => undefined);
    }
  } finally {
    // Sends that timed out may still get their 250: it lands in the late segment, which the next run folds.
    if (inflightLate.size === 0) journal.dropIfEmpty();
  }
}

/** Recipients become email_messages rows in one INSERT … SELECT, in the transaction that starts the send. */
async function materialise(db: Db, workspaceId: string, c: CampaignRow): Promise<void> {
  const eligible = await eligibleRecipientsSql(db, workspaceId, {
    listIds: c.list_ids,
    segmentId: c.segment_id,
    excludeListIds: c.exclude_list_ids,
    excludeSegmentId: c.exclude_segment_id,
  });
  const total = await db.transaction(async (tx) => {
    const cur = await tx.execute<{ status: string }>(
      sql`select status from campaigns where workspace_id = ${workspaceId} and id = ${c.id} for update`,
    );
    if (cur.rows[0]?.status !== 'scheduled') return 0;
    // UUIDv7 made in SQL (ms timestamp + random), like newId(): time-ordered keys, one statement for 100k rows.
    const inserted = await tx.execute<{ n: number }>(sql`
      with ins as (
        insert into email_messages (workspace_id, id, contact_id, email, source_type, source_id, list_ids, dedupe_key,
                                    status)
        select ${workspaceId}::uuid,
          encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
            substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
            52, 1), 53, 1), 'hex')::uuid,
          e.contact_id, e.email, 'campaign', ${c.id}::uuid, e.list_ids,
          'campaign:' || ${c.id} || ':' || e.contact_id, 'queued'
        from (${eligible}) e
        on conflict (workspace_id, dedupe_key) do nothing
        returning 1)
      select count(*)::int as n from ins`);
    const total = inserted.rows[0]?.n ?? 0;
    let waves: CampaignWave[] | null = null;
    if (c.send_in_recipient_timezone && c.local_time) {
      const ws = await getWorkspaceInfo(tx, workspaceId);
      const zones = (await hasContactTimezone(tx))
        ? (
            await tx.execute<{ tz: string | null }>(sql`select distinct nullif(c.timezone, '') as tz
              from email_messages m join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id
              where m.workspace_id = ${workspaceId} and m.source_id = ${c.id} and m.source_type = 'campaign'`)
          ).rows.map((r) => r.tz)
        : [null];
      const from = c.scheduled_at ?? new Date();
      waves = computeWaves(from, c.local_time, zones, ws?.timezone ?? 'UTC').map((w) => ({
        tz: w.tz ?? '',
        at: w.at.toISOString(),
      }));
    }
    await tx.execute(sql`update campaigns set status = 'sending', materialized_at = now(), started_at = now(),
        heartbeat_at = now(), total_recipients = ${total}, waves = ${waves ? JSON.stringify(waves) : null}::jsonb,
        updated_at = now()
      where workspace_id = ${workspaceId} and id = ${c.id}`);
    return total;
  });
  // Thousands of fresh rows the planner's statistics do not know yet: without this, the batch query reads every
  // queued row of the campaign and sorts it, per batch (measured: 10k rows → 15 ms a batch, growing with N), instead
  // of walking an index for 500 rows (~1–3 ms at 100k). A sampling ANALYZE, once per large send.
  if (total >= 5_000) await db.execute(sql`analyze email_messages`);
}

/** Zones whose wave is still ahead ('' = contacts without a zone), and when the next one starts. */
function futureZones(waves: CampaignWave[] | null, now: Date): { zones: string[]; next: Date | null } {
  if (!waves) return { zones: [], next: null };
  const ahead = waves.filter((w) => new Date(w.at).getTime() > now.getTime());
  const next = ahead.reduce<Date | null>((m, w) => {
    const at = new Date(w.at);
    return !m || at < m ? at : m;
  }, null);
  return { zones: ahead.map((w) => w.tz), next };
}

/** `and …` that leaves out recipients whose time-zone wave is still ahead (m = the message, c = its contact). */
function notLaterSql(future: { zones: string[] }, tzColumn: boolean) {
  if (!future.zones.length) return sql``;
  if (!tzColumn) return sql`and false`;
  return sql`and not exists (select 1 from contacts c where c.workspace_id = m.workspace_id and c.id = m.contact_id
    and coalesce(c.timezone, '') = any(${textArray(future.zones)}))`;
}

async function countQueued(
  db: Db,
  workspaceId: string,
  campaignId: string,
  future: { zones: string[] },
  tzColumn: boolean,
): Promise<{ dueNow: number; later: number }> {
  const r = await db.execute<{ all: number; due: number }>(sql`
    select count(*)::int as all,
      (select count(*)::int from email_messages m where m.workspace_id = ${workspaceId} and m.source_id = ${campaignId}
        and m.source_type = 'campaign' and m.status = 'queued' ${notLaterSql(future, tzColumn)}) as due
    from email_messages m
    where m.workspace_id = ${workspaceId} and m.source_id = ${campaignId} and m.source_type = 'campaign'
      and m.status = 'queued'`);
  const all = r.rows[0]?.all ?? 0;
  const due = r.rows[0]?.due ?? 0;
  return { dueNow: due, later: all - due };
}

async function dueBatch(
  db: Db,
  workspaceId: string,
  campaignId: string,
  afterId: string,
  limit: number,
  future: { zones: string[] },
  tzColumn: boolean,
): Promise<Due[]> {
  const r = await db.execute<Due>(sql`
    select m.id, m.contact_id, m.email, c.first_name, c.last_name, c.company_name, c.title, c.country, c.language,
           c.tags, c.custom
    from email_messages m
    left join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id
    where m.workspace_id = ${workspaceId} and m.source_id = ${campaignId} and m.source_type = 'campaign'
      and m.status = 'queued' and m.id > ${afterId} ${notLaterSql(future, tzColumn)}
    order by m.id
    limit ${limit}`);
  return r.rows;
}

type BatchCtx = {
  db: Db;
  workspaceId: string;
  campaign: CampaignRow;
  account: ResolvedAccount;
  transport: MailTransport;
  journal: SendJournal;
  compiled: CompiledTemplate;
  kit: { publicUrl: string; workspaceId: string; signingKey: string };
  workspaceVars: { name: string; postalAddress: string | null };
  monitor: FailureMonitor;
  opts: typeof DEFAULTS;
  inflightLate: Set<Promise<unknown>>;
};

type BatchOutcome = {
  accepted: { id: string; at: Date; subject: string | null }[];
  failed: { id: string; error: string }[];
  skipped: { id: string; reason: string }[];
  /** The segment holding this batch's 250s; deleted once the fold has committed. */
  segment: JournalSegment;
  /** A pause reason when the server looks broken. */
  stop: string | null;
};

/**
 * One batch: re-check who may still be mailed, send the rest with bounded concurrency under the account's throttle,
 * journal every 250 the moment it is read. The caller folds the outcome into the database (while the next batch is
 * sent). Messages not accepted, not refused for good and not blocked simply stay `queued`.
 */
async function sendBatch(ctx: BatchCtx, batch: Due[]): Promise<BatchOutcome> {
  const { db, workspaceId, campaign } = ctx;
  const blocked = await blockedAmong(
    db,
    workspaceId,
    batch.map((m) => m.id),
  );
  const toSend = batch.filter((m) => !blocked.has(m.id));
  const segment = ctx.journal.segment();
  const accepted: BatchOutcome['accepted'] = [];
  const failed: BatchOutcome['failed'] = [];
  let stop: string | null = null;
  let next = 0;
  let tokens = 0;

  const sendOne = async (m: Due) => {
    const links = messageLinks(ctx.kit, m.id, m.contact_id);
    const rendered = await renderCompiled(
      ctx.compiled,
      liquidVars({
        contact: {
          id: m.contact_id ?? '',
          email: m.email,
          firstName: m.first_name,
          lastName: m.last_name,
          companyName: m.company_name,
          title: m.title,
          country: m.country,
          language: m.language,
          tags: m.tags ?? [],
          custom: m.custom ?? {},
        },
        workspace: ctx.workspaceVars,
        links,
      }),
    );
    const message: OutgoingMessage = {
      workspaceId,
      messageId: `${m.id}@${ctx.account.domain}`,
      from: { email: ctx.account.fromEmail, name: ctx.account.fromName },
      replyTo: ctx.account.replyTo,
      to: m.email,
      subject: rendered.subject,
      html: addTracking(rendered.html, links, {
        clicks: campaign.track_clicks,
        opens: campaign.track_opens,
        publicUrl: ctx.kit.publicUrl,
      }),
      text: campaign.track_clicks ? addTextTracking(rendered.text, links, ctx.kit.publicUrl) : rendered.text,
      headers: listUnsubscribeHeaders(links.unsubscribeUrl),
    };
    // Where this message's 250 is recorded: its batch's segment, or — once we stopped waiting — the late segment.
    let journal: JournalSegment = segment;
    const sending = ctx.transport.send(message).then(
      (r) => {
        // The 250 is read: record it before anything else can happen to this process.
        if (r.ok) journal.accepted(m.id, Date.now());
        return r;
      },
      (e: unknown): SendResult => ({ ok: false, permanent: false, response: (e as Error).message }),
    );
    const result = await withTimeout(sending, ctx.opts.sendTimeoutMs, () => {
      journal = ctx.journal.late();
    });
    if (result === 'timeout') {
      // It may still be accepted later: it stays `queued`, and its late 250 is folded before anything is retried.
      ctx.inflightLate.add(sending);
      void sending.finally(() => ctx.inflightLate.delete(sending));
      stop ??= ctx.monitor.transient(`no answer within ${Math.round(ctx.opts.sendTimeoutMs / 1000)} s`);
      return;
    }
    if (result.ok) {
      ctx.monitor.ok();
      accepted.push({ id: m.id, at: new Date(), subject: rendered.subject });
    } else if (result.permanent) {
      failed.push({ id: m.id, error: result.response.slice(0, 1000) });
    } else {
      stop ??= ctx.monitor.transient(result.response);
    }
  };

  const worker = async () => {
    for (;;) {
      if (stop) return;
      if (ctx.account.maxPerMinute && ctx.account.id) {
        while (tokens === 0 && !stop) {
          const want = Math.min(toSend.length - next, Math.ceil(ctx.account.maxPerMinute / 12));
          if (want <= 0) return;
          const t = await takeTokens(db, workspaceId, ctx.account.id, ctx.account.maxPerMinute, want);
          tokens += t.granted;
          if (t.granted === 0) await sleep(Math.min(t.waitMs, 5_000));
        }
        if (stop) return;
        tokens -= 1;
      }
      const m = toSend[next++];
      if (!m) return;
      try {
        await sendOne(m);
      } catch (e) {
        // A rendering error for one recipient (bad Liquid data) fails that message, not the send.
        failed.push({ id: m.id, error: `could not render: ${(e as Error).message}`.slice(0, 1000) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.opts.concurrency, toSend.length) }, worker));
  return {
    accepted,
    failed,
    skipped: [...blocked].map(([id, reason]) => ({ id, reason })),
    segment,
    stop,
  };
}

/**
 * Writes a batch's outcome in one transaction: `queued` → `sent` (plus one 'sent' event and one timeline entry per
 * message), → `failed`, → `skipped`; counters move by exactly the rows that changed, so folding twice is harmless.
 */
async function fold(
  db: Db,
  workspaceId: string,
  campaignId: string,
  account: ResolvedAccount,
  o: Pick<BatchOutcome, 'accepted' | 'failed' | 'skipped'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    let sent = 0;
    const { accepted, failed, skipped } = o;
    let unSkipped = 0;
    let unFailed = 0;
    if (accepted.length) {
      // The server's 250 wins over anything recorded meanwhile (a cancel that skipped the queue while this batch was
      // in flight, a give-up): the person has the email.
      const r = await tx.execute<{
        id: string;
        contact_id: string | null;
        subject: string | null;
        sent_at: Date;
        was: string;
      }>(sql`
        with v as (select unnest(${uuidArray(accepted.map((a) => a.id))}) as id,
                          unnest(${sql.param(accepted.map((a) => a.at.toISOString()))}::timestamptz[]) as at,
                          unnest(${sql.param(accepted.map((a) => a.subject))}::text[]) as subject),
        prev as (select m.id, m.status from email_messages m join v on v.id = m.id
                 where m.workspace_id = ${workspaceId} and m.status <> 'sent' for update of m)
        update email_messages m set status = 'sent', sent_at = v.at, subject = coalesce(v.subject, m.subject),
          message_id = m.id || '@' || ${account.domain}, error = null
        from v join prev on prev.id = v.id
        where m.workspace_id = ${workspaceId} and m.id = v.id
        returning m.id, m.contact_id, m.subject, m.sent_at, prev.status as was`);
      unSkipped = r.rows.filter((x) => x.was === 'skipped').length;
      unFailed = r.rows.filter((x) => x.was === 'failed').length;
      sent = r.rows.length;
      if (sent) {
        await tx.execute(sql`insert into email_events (workspace_id, id, message_id, contact_id, source_type,
            source_id, type, at)
          select ${workspaceId}::uuid, v.eid, v.mid, v.cid, 'campaign', ${campaignId}::uuid, 'sent', v.at
          from (select unnest(${uuidArray(r.rows.map(() => newId()))}) as eid,
                       unnest(${uuidArray(r.rows.map((x) => x.id))}) as mid,
                       unnest(${sql.param(r.rows.map((x) => x.contact_id))}::uuid[]) as cid,
                       unnest(${sql.param(r.rows.map((x) => new Date(x.sent_at).toISOString()))}::timestamptz[]) as at) v`);
        await appendTimeline(
          tx,
          r.rows
            .filter((x) => x.contact_id)
            .map((x) => ({
              workspaceId,
              contactId: x.contact_id,
              kind: 'email_sent',
              module: 'audience',
              actorId: null,
              at: new Date(x.sent_at),
              data: { subject: x.subject, source: 'campaign', sourceId: campaignId, messageId: x.id },
            })),
        );
      }
    }
    let failedN = 0;
    if (failed.length) {
      const r = await tx.execute(sql`update email_messages m set status = 'failed', error = v.error
        from (select unnest(${uuidArray(failed.map((f) => f.id))}) as id,
                     unnest(${textArray(failed.map((f) => f.error))}) as error) v
        where m.workspace_id = ${workspaceId} and m.id = v.id and m.status in ('queued', 'sending')`);
      failedN = r.rowCount ?? 0;
    }
    let skippedN = 0;
    if (skipped.length) {
      const r = await tx.execute(sql`update email_messages m set status = 'skipped', error = v.reason
        from (select unnest(${uuidArray(skipped.map((x) => x.id))}) as id,
                     unnest(${textArray(skipped.map((x) => x.reason))}) as reason) v
        where m.workspace_id = ${workspaceId} and m.id = v.id and m.status in ('queued', 'sending')`);
      skippedN = r.rowCount ?? 0;
    }
    await tx.execute(sql`update campaigns set sent_count = sent_count + ${sent},
        failed_count = failed_count + ${failedN - unFailed}, skipped_count = skipped_count + ${skippedN - unSkipped},
        heartbeat_at = now()
      where workspace_id = ${workspaceId} and id = ${campaignId}`);
  });
}

/**
 * Start of every run (and after waiting for timed-out sends): fold every 250 the journal holds that the database does
 * not, then delete those segments. Whatever is still `queued` was never acknowledged and will be sent.
 */
async function recover(
  db: Db,
  workspaceId: string,
  campaignId: string,
  account: ResolvedAccount,
  journal: SendJournal,
): Promise<void> {
  const { accepted, done } = journal.foldable();
  if (accepted.size) {
    await fold(db, workspaceId, campaignId, account, {
      accepted: [...accepted].map(([id, at]) => ({ id, at, subject: null })),
      failed: [],
      skipped: [],
    });
  }
  // Rows a runner of an earlier version left mid-send are simply due again.
  await db.execute(sql`update email_messages set status = 'queued'
    where workspace_id = ${workspaceId} and source_id = ${campaignId} and source_type = 'campaign'
      and status = 'sending'`);
  done();
}

/** A cancelled campaign: whoever is still queued (put back by a last batch) is skipped, like the cancel did. */
async function skipCancelled(db: Db, workspaceId: string, campaignId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.execute(sql`update email_messages set status = 'skipped', error = 'campaign cancelled'
      where workspace_id = ${workspaceId} and source_id = ${campaignId} and source_type = 'campaign'
        and status = 'queued'`);
    if (r.rowCount)
      await tx.execute(sql`update campaigns set skipped_count = skipped_count + ${r.rowCount}
        where workspace_id = ${workspaceId} and id = ${campaignId}`);
  });
}

async function giveUp(
  db: Db,
  workspaceId: string,
  campaignId: string,
  future: { zones: string[] },
  tzColumn: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.execute(sql`update email_messages m set status = 'failed',
        error = coalesce(error, 'temporary failures; gave up after 3 attempts')
      where m.workspace_id = ${workspaceId} and m.source_id = ${campaignId} and m.source_type = 'campaign'
        and m.status = 'queued' ${notLaterSql(future, tzColumn)}`);
    await tx.execute(sql`update campaigns set failed_count = failed_count + ${r.rowCount ?? 0}
      where workspace_id = ${workspaceId} and id = ${campaignId}`);
  });
}

async function finish(db: Db, workspaceId: string, campaignId: string): Promise<void> {
  await db.execute(sql`update campaigns set status = 'sent', finished_at = now(), next_run_at = null,
      pause_reason = null, updated_at = now()
    where workspace_id = ${workspaceId} and id = ${campaignId} and status = 'sending'`);
}

async function setStatus(db: Db, workspaceId: string, campaignId: string, status: string, reason: string) {
  await db.execute(sql`update campaigns set status = ${status}, pause_reason = ${reason}, updated_at = now()
    where workspace_id = ${workspaceId} and id = ${campaignId} and status = 'sending'`);
}

/**
 * Decides when the server, not a recipient, is the problem: N temporary failures in a row, or too large a share of
 * temporary failures among the last sends. A permanent 5xx for one recipient is that recipient's and counts nothing.
 */
export class FailureMonitor {
  private consecutive = 0;
  private window: boolean[] = [];
  constructor(
    private readonly limits: { maxConsecutiveFailures: number; maxFailureRate: number; failureWindow: number },
  ) {}

  ok(): void {
    this.consecutive = 0;
    this.push(false);
  }

  /** Records a temporary failure; returns the pause reason when a limit is crossed. */
  transient(response: string): string | null {
    this.consecutive += 1;
    this.push(true);
    const last = response.replace(/\s+/g, ' ').trim().slice(0, 300);
    if (this.consecutive >= this.limits.maxConsecutiveFailures) {
      return `Paused: the mail server refused or did not answer ${this.consecutive} messages in a row (last answer: "${last}"). Check the sending account, then resume.`;
    }
    const fails = this.window.filter(Boolean).length;
    if (this.window.length >= this.limits.failureWindow && fails / this.window.length > this.limits.maxFailureRate) {
      return `Paused: the mail server refused or did not answer ${fails} of the last ${this.window.length} messages (last answer: "${last}"). Check the sending account, then resume.`;
    }
    return null;
  }

  private push(failed: boolean) {
    this.window.push(failed);
    if (this.window.length > this.limits.failureWindow) this.window.shift();
  }
}

/** `onTimeout` runs inside the timer, before any other callback can see the outcome. */
function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve('timeout');
    }, ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
