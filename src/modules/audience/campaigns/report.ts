import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { campaignRecord } from './campaign-row.ts';
import type { TCampaignReport } from './contracts.ts';

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

/**
 * The per-campaign report, from email_messages (what was sent) and email_events (what happened after). Unique
 * counts are per message, which is per person (a campaign mails each person once). Test sends are not counted.
 */
export async function campaignReport({
  db,
  workspaceId,
  id,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  now?: Date;
}): Promise<TCampaignReport> {
  const c = await campaignRecord(db, workspaceId, id);
  const m = await db.execute<{ sent: number; failed: number; skipped: number; queued: number }>(sql`
    select count(*) filter (where status = 'sent')::int as sent,
           count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where status = 'skipped')::int as skipped,
           count(*) filter (where status in ('queued', 'sending'))::int as queued
    from email_messages
    where workspace_id = ${workspaceId} and source_id = ${id} and source_type = 'campaign'`);
  const e = await db.execute<{ type: string; uniq: number }>(sql`
    select type, count(distinct message_id)::int as uniq
    from email_events
    where workspace_id = ${workspaceId} and source_id = ${id} and source_type = 'campaign'
      and type in ('delivered', 'bounce', 'open', 'click', 'unsubscribe', 'complaint')
    group by type`);
  const u = (t: string) => e.rows.find((r) => r.type === t)?.uniq ?? 0;
  const counts = m.rows[0] ?? { sent: 0, failed: 0, skipped: 0, queued: 0 };
  const bounced = u('bounce');
  const delivered = u('delivered') > 0 ? u('delivered') : Math.max(0, counts.sent - bounced);
  const opened = u('open');
  const clicked = u('click');
  const links = await db.execute<{ url: string; clicks: number; uniq: number }>(sql`
    select coalesce(data->>'url', '') as url, count(*)::int as clicks, count(distinct message_id)::int as uniq
    from email_events
    where workspace_id = ${workspaceId} and source_id = ${id} and source_type = 'campaign' and type = 'click'
    group by 1 order by 2 desc, 1 limit 10`);
  const since = c.startedAt ?? c.scheduledAt ?? c.createdAt;
  const bucket: 'hour' | 'day' = now.getTime() - since.getTime() <= 3 * 86_400_000 ? 'hour' : 'day';
  // Every bucket from the first event to the last, empty ones included, so the chart's line does not jump gaps.
  const series = await db.execute<{ at: Date; opens: number; clicks: number }>(sql`
    with ev as (
      select date_trunc(${bucket}, at) as b, type from email_events
      where workspace_id = ${workspaceId} and source_id = ${id} and source_type = 'campaign'
        and type in ('open', 'click')),
    span as (select min(b) as lo, max(b) as hi from ev)
    select g.b as at,
           count(ev.type) filter (where ev.type = 'open')::int as opens,
           count(ev.type) filter (where ev.type = 'click')::int as clicks
    from span, generate_series(span.lo, least(span.hi, span.lo + ${bucket === 'hour' ? sql`interval '400 hours'` : sql`interval '400 days'`}),
                               ${bucket === 'hour' ? sql`interval '1 hour'` : sql`interval '1 day'`}) as g(b)
    left join ev on ev.b = g.b
    group by g.b order by g.b`);
  return {
    status: c.status,
    recipients: c.totalRecipients,
    sent: counts.sent,
    failed: counts.failed,
    skipped: counts.skipped,
    queued: counts.queued,
    delivered,
    bounced,
    opened,
    clicked,
    unsubscribed: u('unsubscribe'),
    complaints: u('complaint'),
    rates: {
      delivery: rate(delivered, counts.sent),
      open: rate(opened, delivered),
      click: rate(clicked, delivered),
      clickToOpen: rate(clicked, opened),
      bounce: rate(bounced, counts.sent),
      unsubscribe: rate(u('unsubscribe'), delivered),
      complaint: rate(u('complaint'), delivered),
    },
    topLinks: links.rows.map((r) => ({ url: r.url, clicks: r.clicks, uniqueClicks: r.uniq })),
    timeline: series.rows.map((r) => ({ at: new Date(r.at), opens: r.opens, clicks: r.clicks })),
    bucket,
  };
}
