// The campaign's queue of messages: recipients materialised once, then read back in batches of what is due now
// (time-zone waves hold the rest back), and the bookkeeping of a queue that ends (cancelled, given up).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { eligibleRecipientsSql, hasContactTimezone } from './recipients-sql.ts';
import type { CampaignWave } from './schema.ts';
import type { CampaignRow } from './send-campaign.ts';
import { computeWaves } from './timing.ts';

export type Due = {
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

/** Recipients become email_messages rows in one INSERT … SELECT, in the transaction that starts the send. */
export async function materialise(db: Db, workspaceId: string, c: CampaignRow): Promise<void> {
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
export function futureZones(waves: CampaignWave[] | null, now: Date): { zones: string[]; next: Date | null } {
  if (!waves) return { zones: [], next: null };
  const ahead = waves.filter((w) => new Date(w.at).getTime() > now.getTime());
  const next = ahead.reduce<Date | null>((m, w) => {
    const at = new Date(w.at);
    return !m || at < m ? at : m;
  }, null);
  return { zones: ahead.map((w) => w.tz), next };
}

/** `and …` that leaves out recipients whose time-zone wave is still ahead (m = the message, c = its contact). */
export function notLaterSql(future: { zones: string[] }, tzColumn: boolean) {
  if (!future.zones.length) return sql``;
  if (!tzColumn) return sql`and false`;
  return sql`and not exists (select 1 from contacts c where c.workspace_id = m.workspace_id and c.id = m.contact_id
    and coalesce(c.timezone, '') = any(${textArray(future.zones)}))`;
}

export async function countQueued(
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

export async function dueBatch(
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

/** A cancelled campaign: whoever is still queued (put back by a last batch) is skipped, like the cancel did. */
export async function skipCancelled(db: Db, workspaceId: string, campaignId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.execute(sql`update email_messages set status = 'skipped', error = 'campaign cancelled'
      where workspace_id = ${workspaceId} and source_id = ${campaignId} and source_type = 'campaign'
        and status = 'queued'`);
    if (r.rowCount)
      await tx.execute(sql`update campaigns set skipped_count = skipped_count + ${r.rowCount}
        where workspace_id = ${workspaceId} and id = ${campaignId}`);
  });
}

export async function giveUp(
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
