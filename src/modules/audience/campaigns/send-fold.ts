// What a batch's outcome becomes in the database (the fold), what a dead runner's journal still owes it (recover),
// and the campaign's final states.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { newId } from '../../../platform/ids.ts';
import { contactTimelineInsert } from '../../crm/index.ts';
import type { ResolvedAccount } from '../sending/accounts.ts';
import type { SendJournal } from './journal.ts';
import type { BatchOutcome } from './send-batch.ts';

/**
 * Writes a batch's outcome in one transaction: `queued` → `sent` (plus one 'sent' event and one timeline entry per
 * message), → `failed`, → `skipped`; counters move by exactly the rows that changed, so folding twice is harmless.
 */
export async function fold(
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
      // Nearly always every row is still `queued` as the batch read it: one plain update. A row a cancel or a give-up
      // changed meanwhile is left for the second statement, which locks it to read what it was (its counter moves
      // back). A cancel still running when the first statement reaches a row makes it wait, then skip the row.
      const plain = await tx.execute<{ sent: number; missed: string[] }>(sql`
        with v as (${values(accepted)}),
        upd as (
          update email_messages m set ${sentSet(account)}
          from v
          where m.workspace_id = ${workspaceId} and m.id = v.id and m.status in ('queued', 'sending')
          returning m.id, m.contact_id, m.subject, m.sent_at, v.eid
        ),
        ${sentRecords(workspaceId, campaignId)}
        select (select count(*) from upd)::int as sent,
               array(select v.id from v where not exists (select 1 from upd where upd.id = v.id)) as missed`);
      sent = plain.rows[0]?.sent ?? 0;
      const missed = new Set(plain.rows[0]?.missed ?? []);
      if (missed.size) {
        // The server's 250 wins over anything recorded meanwhile (a cancel that skipped the queue while this batch
        // was in flight, a give-up): the person has the email.
        const r = await tx.execute<{ sent: number; un_skipped: number; un_failed: number }>(sql`
          with v as (${values(accepted.filter((a) => missed.has(a.id)))}),
          prev as (select m.id, m.status from email_messages m join v on v.id = m.id
                   where m.workspace_id = ${workspaceId} and m.status <> 'sent' for update of m),
          upd as (
            update email_messages m set ${sentSet(account)}
            from v join prev on prev.id = v.id
            where m.workspace_id = ${workspaceId} and m.id = v.id
            returning m.id, m.contact_id, m.subject, m.sent_at, v.eid, prev.status as was
          ),
          ${sentRecords(workspaceId, campaignId)}
          select count(*)::int as sent, (count(*) filter (where was = 'skipped'))::int as un_skipped,
                 (count(*) filter (where was = 'failed'))::int as un_failed
            from upd`);
        sent += r.rows[0]?.sent ?? 0;
        unSkipped = r.rows[0]?.un_skipped ?? 0;
        unFailed = r.rows[0]?.un_failed ?? 0;
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

/** The accepted messages as rows, each with the id its 'sent' event (and that event's timeline entry) will have. */
const values = (list: BatchOutcome['accepted']) => sql`select unnest(${uuidArray(list.map((a) => a.id))}) as id,
    unnest(${sql.param(list.map((a) => a.at.toISOString()))}::timestamptz[]) as at,
    unnest(${sql.param(list.map((a) => a.subject))}::text[]) as subject,
    unnest(${uuidArray(list.map(() => newId()))}) as eid`;

const sentSet = (account: ResolvedAccount) => sql`status = 'sent', sent_at = v.at,
    subject = coalesce(v.subject, m.subject), message_id = m.id || '@' || ${account.domain}, error = null`;

/**
 * The rest of a statement whose `upd` step returns the messages just marked sent: their 'sent' events, and a timeline
 * entry for each that has a contact (the entry's id is its event's). Both stay in the database: nothing of them
 * travels back to the app.
 */
const sentRecords = (workspaceId: string, campaignId: string) => sql`
  ev as (
    insert into email_events (workspace_id, id, message_id, contact_id, source_type, source_id, type, at)
    select ${workspaceId}::uuid, eid, id, contact_id, 'campaign', ${campaignId}::uuid, 'sent', sent_at from upd
  ),
  tl as (
    ${contactTimelineInsert(sql`select ${workspaceId}::uuid as workspace_id, eid as id, contact_id,
        'email_sent' as kind, 'audience' as module, sent_at as at,
        jsonb_build_object('subject', subject, 'source', 'campaign', 'sourceId', ${campaignId}::uuid, 'messageId', id)
          as data
      from upd where contact_id is not null`)}
  )`;

/**
 * Start of every run (and after waiting for timed-out sends): fold every 250 the journal holds that the database does
 * not, then delete those segments. Whatever is still `queued` was never acknowledged and will be sent.
 */
export async function recover(
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

export async function finish(db: Db, workspaceId: string, campaignId: string): Promise<void> {
  await db.execute(sql`update campaigns set status = 'sent', finished_at = now(), next_run_at = null,
      pause_reason = null, updated_at = now()
    where workspace_id = ${workspaceId} and id = ${campaignId} and status = 'sending'`);
}

export async function setStatus(db: Db, workspaceId: string, campaignId: string, status: string, reason: string) {
  await db.execute(sql`update campaigns set status = ${status}, pause_reason = ${reason}, updated_at = now()
    where workspace_id = ${workspaceId} and id = ${campaignId} and status = 'sending'`);
}
