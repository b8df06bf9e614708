// What a batch's outcome becomes in the database (the fold), what a dead runner's journal still owes it (recover),
// and the campaign's final states.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline } from '../../crm/index.ts';
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
      const values = (list: typeof accepted) => sql`select unnest(${uuidArray(list.map((a) => a.id))}) as id,
          unnest(${sql.param(list.map((a) => a.at.toISOString()))}::timestamptz[]) as at,
          unnest(${sql.param(list.map((a) => a.subject))}::text[]) as subject`;
      const set = sql`status = 'sent', sent_at = v.at, subject = coalesce(v.subject, m.subject),
          message_id = m.id || '@' || ${account.domain}, error = null`;
      // Nearly always every row is still `queued` as the batch read it: one plain update. A row a cancel or a give-up
      // changed meanwhile is left for the second statement, which locks it to read what it was (its counter moves
      // back). A cancel still running when the first statement reaches a row makes it wait, then skip the row.
      const plainRows = await tx.execute<{
        id: string;
        contact_id: string | null;
        subject: string | null;
        sent_at: Date;
      }>(sql`
        update email_messages m set ${set}
        from (${values(accepted)}) v
        where m.workspace_id = ${workspaceId} and m.id = v.id and m.status in ('queued', 'sending')
        returning m.id, m.contact_id, m.subject, m.sent_at`);
      const rows: { id: string; contact_id: string | null; subject: string | null; sent_at: Date; was: string }[] =
        plainRows.rows.map((x) => ({ ...x, was: 'queued' }));
      if (plainRows.rows.length < accepted.length) {
        const done = new Set(plainRows.rows.map((x) => x.id));
        const rest = accepted.filter((a) => !done.has(a.id));
        // The server's 250 wins over anything recorded meanwhile (a cancel that skipped the queue while this batch
        // was in flight, a give-up): the person has the email.
        const r = await tx.execute<{
          id: string;
          contact_id: string | null;
          subject: string | null;
          sent_at: Date;
          was: string;
        }>(sql`
          with v as (${values(rest)}),
          prev as (select m.id, m.status from email_messages m join v on v.id = m.id
                   where m.workspace_id = ${workspaceId} and m.status <> 'sent' for update of m)
          update email_messages m set ${set}
          from v join prev on prev.id = v.id
          where m.workspace_id = ${workspaceId} and m.id = v.id
          returning m.id, m.contact_id, m.subject, m.sent_at, prev.status as was`);
        rows.push(...r.rows);
      }
      unSkipped = rows.filter((x) => x.was === 'skipped').length;
      unFailed = rows.filter((x) => x.was === 'failed').length;
      sent = rows.length;
      if (sent) {
        await tx.execute(sql`insert into email_events (workspace_id, id, message_id, contact_id, source_type,
            source_id, type, at)
          select ${workspaceId}::uuid, v.eid, v.mid, v.cid, 'campaign', ${campaignId}::uuid, 'sent', v.at
          from (select unnest(${uuidArray(rows.map(() => newId()))}) as eid,
                       unnest(${uuidArray(rows.map((x) => x.id))}) as mid,
                       unnest(${sql.param(rows.map((x) => x.contact_id))}::uuid[]) as cid,
                       unnest(${sql.param(rows.map((x) => new Date(x.sent_at).toISOString()))}::timestamptz[]) as at) v`);
        await appendTimeline(
          tx,
          rows
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
