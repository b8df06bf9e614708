import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { getFormRow } from './form-row.ts';
import { formDailyStats, formSubmissions } from './schema.ts';

export type StatKind = 'views' | 'submissions' | 'confirmations';

/** One upsert on today's row; views come from public hits, so this must stay a single cheap statement. */
export async function bumpFormStat(db: DbOrTx, workspaceId: string, formId: string, kind: StatKind): Promise<void> {
  const col = formDailyStats[kind];
  await db
    .insert(formDailyStats)
    .values({ workspaceId, formId, day: sql`(now() at time zone 'utc')::date`, [kind]: 1 })
    .onConflictDoUpdate({
      target: [formDailyStats.workspaceId, formDailyStats.formId, formDailyStats.day],
      set: { [kind]: sql`${col} + 1` },
    });
}

const rate = (n: number, d: number) => (d > 0 ? Math.min(1, n / d) : null);

/** Totals per form for the list page, in one query. */
export async function formTotals(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      formId: formDailyStats.formId,
      views: sql<number>`coalesce(sum(${formDailyStats.views}), 0)::int`,
      submissions: sql<number>`coalesce(sum(${formDailyStats.submissions}), 0)::int`,
      confirmations: sql<number>`coalesce(sum(${formDailyStats.confirmations}), 0)::int`,
    })
    .from(formDailyStats)
    .where(eq(formDailyStats.workspaceId, workspaceId))
    .groupBy(formDailyStats.formId);
  return new Map(rows.map((r) => [r.formId, { ...r, conversionRate: rate(r.submissions, r.views) }] as const));
}

export async function getFormStats({
  db,
  workspaceId,
  id,
  days,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  days: number;
}) {
  await getFormRow(db, workspaceId, id);
  const totals = (await formTotals(db, workspaceId)).get(id) ?? { views: 0, submissions: 0, confirmations: 0 };
  const [needing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(formSubmissions)
    .where(
      and(
        eq(formSubmissions.workspaceId, workspaceId),
        eq(formSubmissions.formId, id),
        sql`cardinality(${formSubmissions.pendingListIds}) > 0`,
      ),
    );
  const series = await db.execute<{ day: string; views: number; submissions: number; confirmations: number }>(sql`
    select to_char(d.day, 'YYYY-MM-DD') as day,
           coalesce(s.views, 0)::int as views,
           coalesce(s.submissions, 0)::int as submissions,
           coalesce(s.confirmations, 0)::int as confirmations
    from generate_series((now() at time zone 'utc')::date - ${days - 1}::int, (now() at time zone 'utc')::date, '1 day') as d(day)
    left join form_daily_stats s
      on s.workspace_id = ${workspaceId} and s.form_id = ${id} and s.day = d.day::date
    order by d.day`);
  return {
    views: totals.views,
    submissions: totals.submissions,
    confirmations: totals.confirmations,
    conversionRate: rate(totals.submissions, totals.views),
    confirmationRate: rate(totals.confirmations, needing?.n ?? 0),
    daily: series.rows,
  };
}
