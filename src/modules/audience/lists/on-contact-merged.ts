import { sql } from 'drizzle-orm';
import { uuidArray } from '../../../platform/db/sql.ts';
import type { Subscriber } from '../../../platform/events/outbox.ts';
import { anonymiseBounceReports } from '../bounces/on-contact-erased.ts';

/**
 * When the CRM merges contact B into A, B's list memberships, custom events and email history (messages, opens,
 * clicks and their activity summary) become A's, so A stays on B's lists and segments keep counting B's past. Where
 * both were on the same list the stricter status wins — unsubscribed over subscribed over pending — so an
 * unsubscription is never lost to a merge. Idempotent: a second delivery finds nothing left on B.
 */
export const moveAudienceDataOnMerge: Subscriber = {
  name: 'audience.lists.merge',
  handle: async (event, ctx) => {
    const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
    if (!survivorId || !mergedId) return;
    const ws = event.workspaceId;
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`
        update list_members s set
          status = case
            when 'unsubscribed' in (s.status, m.status) then 'unsubscribed'
            when 'subscribed' in (s.status, m.status) then 'subscribed'
            else s.status end,
          unsubscribed_at = coalesce(s.unsubscribed_at, m.unsubscribed_at),
          subscribed_at = coalesce(s.subscribed_at, m.subscribed_at),
          confirmed_at = coalesce(s.confirmed_at, m.confirmed_at),
          updated_at = now()
        from list_members m
        where s.workspace_id = ${ws} and s.contact_id = ${survivorId}
          and m.workspace_id = ${ws} and m.contact_id = ${mergedId} and m.list_id = s.list_id`);
      await tx.execute(sql`
        delete from list_members m using list_members s
        where m.workspace_id = ${ws} and m.contact_id = ${mergedId}
          and s.workspace_id = ${ws} and s.contact_id = ${survivorId} and s.list_id = m.list_id`);
      await tx.execute(sql`
        update list_members set contact_id = ${survivorId}, updated_at = now()
        where workspace_id = ${ws} and contact_id = ${mergedId}`);
      await tx.execute(sql`
        update contact_events set contact_id = ${survivorId}
        where workspace_id = ${ws} and contact_id = ${mergedId}`);
      // The email history goes with the person: messages, their events, and the activity summary that segments read.
      // The summary's trigger fires on inserts only, so the two rows are added up here; the merged one then goes, which
      // makes a second delivery of the event add nothing.
      await tx.execute(sql`
        update email_messages set contact_id = ${survivorId}
        where workspace_id = ${ws} and contact_id = ${mergedId}`);
      await tx.execute(sql`
        update email_events set contact_id = ${survivorId}
        where workspace_id = ${ws} and contact_id = ${mergedId}`);
      await tx.execute(sql`
        insert into contact_email_activity as a
          (workspace_id, contact_id, sent_count, last_sent_at, open_count, last_open_at, click_count, last_click_at)
        select workspace_id, ${survivorId}, sent_count, last_sent_at, open_count, last_open_at, click_count, last_click_at
          from contact_email_activity where workspace_id = ${ws} and contact_id = ${mergedId}
        on conflict (workspace_id, contact_id) do update set
          sent_count = a.sent_count + excluded.sent_count,
          last_sent_at = greatest(a.last_sent_at, excluded.last_sent_at),
          open_count = a.open_count + excluded.open_count,
          last_open_at = greatest(a.last_open_at, excluded.last_open_at),
          click_count = a.click_count + excluded.click_count,
          last_click_at = greatest(a.last_click_at, excluded.last_click_at)`);
      await tx.execute(sql`
        delete from contact_email_activity where workspace_id = ${ws} and contact_id = ${mergedId}`);
    });
  },
};

/**
 * An erased person leaves no audience data behind: their memberships and custom events (whose properties may hold
 * personal data) are deleted, and so is their email activity summary. The emails they were sent stay as anonymous
 * rows, so a campaign's counts do not change: no contact, address, subject (it may have held their name) or server
 * answer (it may have quoted the address); their events lose the contact too, and keep only a clicked URL. A late open
 * or click on such a message is then recorded for nobody. Their suppression entry, if any, stays: it is what keeps
 * the address from being mailed.
 */
export const deleteAudienceDataOnErase: Subscriber = {
  name: 'audience.lists.erase',
  handle: async (event, ctx) => {
    const p = event.payload as { contactId?: string; mergedContactIds?: string[] };
    const ids = [p.contactId, ...(p.mergedContactIds ?? [])].filter((x): x is string => typeof x === 'string');
    if (!ids.length) return;
    const ws = event.workspaceId;
    await ctx.db.transaction(async (tx) => {
      await tx.execute(
        sql`delete from list_members where workspace_id = ${ws} and contact_id = any(${uuidArray(ids)})`,
      );
      await tx.execute(
        sql`delete from contact_events where workspace_id = ${ws} and contact_id = any(${uuidArray(ids)})`,
      );
      await anonymiseBounceReports(tx, ws, ids);
      await tx.execute(sql`update email_messages set contact_id = null, email = 'erased', subject = null, error = null
        where workspace_id = ${ws} and contact_id = any(${uuidArray(ids)})`);
      await tx.execute(sql`update email_events
        set contact_id = null,
            data = case when type = 'click' and data ? 'url' then jsonb_build_object('url', data->'url') else '{}' end
        where workspace_id = ${ws} and contact_id = any(${uuidArray(ids)})`);
      await tx.execute(
        sql`delete from contact_email_activity where workspace_id = ${ws} and contact_id = any(${uuidArray(ids)})`,
      );
    });
  },
};
