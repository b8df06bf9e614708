import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';

/**
 * Bounce and complaint rates over the last `days` days (UTC days), with the daily series for the chart. Rates are
 * against messages sent in the same window; mailbox providers start filtering a sender above ~0.1% complaints and
 * ~2% bounces, which is what the page compares with.
 */
export async function deliverabilitySummary(db: DbOrTx, workspaceId: string, days: number, now = new Date()) {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000);
  const start = new Date(end.getTime() - days * 86_400_000);
  const sent = await db.execute<{ day: string; type: string; n: string }>(sql`
    select to_char(date_trunc('day', at at time zone 'UTC'), 'YYYY-MM-DD') as day, type, count(*) as n
      from email_events
     where workspace_id = ${workspaceId} and type in ('sent', 'delivered')
       and at >= ${start.toISOString()}::timestamptz and at < ${end.toISOString()}::timestamptz
     group by 1, 2`);
  const reports = await db.execute<{ day: string; kind: string; n: string }>(sql`
    select to_char(date_trunc('day', at at time zone 'UTC'), 'YYYY-MM-DD') as day, kind, count(*) as n
      from bounce_reports
     where workspace_id = ${workspaceId}
       and at >= ${start.toISOString()}::timestamptz and at < ${end.toISOString()}::timestamptz
     group by 1, 2`);
  const suppressed = await db.execute<{ reason: string; n: string }>(sql`
    select reason, count(*) as n from suppressions where workspace_id = ${workspaceId} group by 1`);

  const byDay = new Map<
    string,
    { day: string; sent: number; delivered: number; hardBounces: number; softBounces: number; complaints: number }
  >();
  for (let t = start.getTime(); t < end.getTime(); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    byDay.set(day, { day, sent: 0, delivered: 0, hardBounces: 0, softBounces: 0, complaints: 0 });
  }
  for (const r of sent.rows) {
    const d = byDay.get(r.day);
    if (!d) continue;
    if (r.type === 'sent') d.sent += Number(r.n);
    else d.delivered += Number(r.n);
  }
  for (const r of reports.rows) {
    const d = byDay.get(r.day);
    if (!d) continue;
    if (r.kind === 'hard') d.hardBounces += Number(r.n);
    else if (r.kind === 'soft') d.softBounces += Number(r.n);
    else d.complaints += Number(r.n);
  }
  const series = [...byDay.values()];
  const total = (k: 'sent' | 'delivered' | 'hardBounces' | 'softBounces' | 'complaints') =>
    series.reduce((s, d) => s + d[k], 0);
  const sentTotal = total('sent');
  const rate = (n: number) => (sentTotal > 0 ? Number((n / sentTotal).toFixed(5)) : 0);
  return {
    days,
    sent: sentTotal,
    delivered: total('delivered'),
    hardBounces: total('hardBounces'),
    softBounces: total('softBounces'),
    complaints: total('complaints'),
    bounceRate: rate(total('hardBounces') + total('softBounces')),
    hardBounceRate: rate(total('hardBounces')),
    complaintRate: rate(total('complaints')),
    suppressed: Object.fromEntries(suppressed.rows.map((r) => [r.reason, Number(r.n)])),
    byDay: series,
  };
}
