import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import type { TCalendarFigures } from './contracts.ts';

/** Days a sign-up is credited to an item after its day: long enough for a newsletter's tail, short enough to mean it. */
export const ATTRIBUTION_DAYS = 30;

type FiguresRow = {
  id: string;
  campaign_id: string | null;
  webinar_id: string | null;
  utm_campaign: string | null;
  window_from: Date | null;
  window_to: Date | null;
  sent: number | null;
  opens: number | null;
  clicks: number | null;
  registrations: number | null;
  attended: number | null;
  no_shows: number | null;
  signups: number | null;
};

/**
 * The figures of many calendar items in one statement (never one query per item):
 * - a linked campaign: messages sent, unique opens and unique clicks, counted per message from email_events by
 *   source_id (one message = one recipient, so distinct messages = distinct people);
 * - a linked webinar: registrations, attended, no-shows;
 * - sign-ups: contacts whose FIRST touch carried the item's utm_campaign (case-insensitive), created from the item's
 *   day at local midnight for ATTRIBUTION_DAYS days. Merged-away duplicates are not counted twice.
 */
export async function calendarFigures(
  db: DbOrTx,
  workspaceId: string,
  ids: string[],
  timezone: string,
): Promise<Map<string, TCalendarFigures>> {
  const out = new Map<string, TCalendarFigures>();
  if (!ids.length) return out;
  const res = await db.execute<FiguresRow>(sql`
    with items as (
      select i.id, i.campaign_id, i.webinar_id, i.utm_campaign,
             (i.day::timestamp at time zone ${timezone}) as window_from,
             ((i.day + ${ATTRIBUTION_DAYS}::int)::timestamp at time zone ${timezone}) as window_to
      from calendar_items i
      where i.workspace_id = ${workspaceId} and i.id = any(${uuidArray(ids)})
    )
    select items.*, c.sent, c.opens, c.clicks, w.registrations, w.attended, w.no_shows, s.signups
    from items
    left join lateral (
      select count(distinct e.message_id) filter (where e.type = 'sent')::int as sent,
             count(distinct e.message_id) filter (where e.type = 'open')::int as opens,
             count(distinct e.message_id) filter (where e.type = 'click')::int as clicks
      from email_events e
      where e.workspace_id = ${workspaceId} and e.source_id = items.campaign_id
    ) c on items.campaign_id is not null
    left join lateral (
      select count(*)::int as registrations,
             count(*) filter (where r.attended)::int as attended,
             count(*) filter (where r.attended = false)::int as no_shows
      from webinar_registrants r
      where r.workspace_id = ${workspaceId} and r.webinar_id = items.webinar_id
    ) w on items.webinar_id is not null
    left join lateral (
      select count(*)::int as signups
      from contacts ct
      where ct.workspace_id = ${workspaceId}
        and ct.merged_into_id is null
        and lower(ct.first_source->>'campaign') = lower(items.utm_campaign)
        and ct.created_at >= items.window_from and ct.created_at < items.window_to
    ) s on items.utm_campaign is not null and items.window_from is not null`);
  for (const r of res.rows) {
    out.set(r.id, {
      campaign: r.campaign_id ? { sent: r.sent ?? 0, opens: r.opens ?? 0, clicks: r.clicks ?? 0 } : null,
      webinar: r.webinar_id
        ? { registrations: r.registrations ?? 0, attended: r.attended ?? 0, noShows: r.no_shows ?? 0 }
        : null,
      signups: r.utm_campaign && r.window_from ? (r.signups ?? 0) : null,
      signupWindow:
        r.utm_campaign && r.window_from && r.window_to
          ? { from: new Date(r.window_from), to: new Date(r.window_to) }
          : null,
    });
  }
  return out;
}
