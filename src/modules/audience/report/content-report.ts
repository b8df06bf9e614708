import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { ATTRIBUTION_DAYS } from '../calendar/figures-sql.ts';
import { workspaceZone } from '../calendar/item-row.ts';
import { byChannelQuery, byTagQuery, contentPiecesCte, piecesQuery } from './content-pieces.sql.ts';
import type { TAudienceReport, TReportQuery } from './contracts.ts';

const MAX_DAYS = 731;

type Sums = {
  sent: number;
  opens: number;
  clicks: number;
  unsubscribes: number;
  signups: number;
  registrations: number;
  attended: number;
};

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const withRates = <T extends Sums>(r: T) => ({
  ...r,
  openRate: rate(r.opens, r.sent),
  clickRate: rate(r.clicks, r.sent),
  unsubscribeRate: rate(r.unsubscribes, r.sent),
});
const num = (v: unknown) => Number(v ?? 0);

function localDay(d: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
}

/**
 * Which content opens, clicks and brings sign-ups best, by channel and by topic tag, over days in the workspace's
 * zone. Three set-based statements over the same pieces (see content-pieces.sql.ts); rates are computed from sums,
 * so a group's open rate weighs each piece by its recipients.
 */
export async function contentReport({
  db,
  workspaceId,
  query,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TReportQuery;
  now?: Date;
}): Promise<TAudienceReport> {
  const timezone = await workspaceZone(db, workspaceId);
  const to = query.to ?? localDay(now, timezone);
  const from = query.from ?? localDay(new Date(Date.parse(`${to}T12:00:00Z`) - 89 * 86_400_000), timezone);
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
    throw AppError.validation([{ field: 'query.from', message: 'is not a real date' }]);
  if (to < from) throw AppError.validation([{ field: 'query.to', message: 'must be on or after from' }]);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS)
    throw AppError.validation([{ field: 'query.to', message: `the period may span at most ${MAX_DAYS} days` }]);

  const cte = contentPiecesCte(workspaceId, from, to, timezone);
  const pieces = (await db.execute<Record<string, unknown>>(piecesQuery(cte))).rows;
  const channels = (await db.execute<Record<string, unknown>>(byChannelQuery(cte))).rows;
  const tags = (await db.execute<Record<string, unknown>>(byTagQuery(cte))).rows;

  const sums = (r: Record<string, unknown>): Sums => ({
    sent: num(r.sent),
    opens: num(r.opens),
    clicks: num(r.clicks),
    unsubscribes: num(r.unsubscribes),
    signups: num(r.signups),
    registrations: num(r.registrations),
    attended: num(r.attended),
  });
  const group = (r: Record<string, unknown>) => withRates({ key: String(r.key), pieces: num(r.pieces), ...sums(r) });
  const total = pieces.map(sums).reduce<Sums>(
    (a, b) => ({
      sent: a.sent + b.sent,
      opens: a.opens + b.opens,
      clicks: a.clicks + b.clicks,
      unsubscribes: a.unsubscribes + b.unsubscribes,
      signups: a.signups + b.signups,
      registrations: a.registrations + b.registrations,
      attended: a.attended + b.attended,
    }),
    { sent: 0, opens: 0, clicks: 0, unsubscribes: 0, signups: 0, registrations: 0, attended: 0 },
  );
  return {
    from,
    to,
    timezone,
    attributionDays: ATTRIBUTION_DAYS,
    totals: withRates({ pieces: pieces.length, ...total }),
    byChannel: channels.map(group),
    byTag: tags.map(group),
    pieces: pieces.map((r) =>
      withRates({
        kind: r.kind as 'campaign' | 'item' | 'webinar',
        id: String(r.id),
        title: String(r.title),
        channel: String(r.channel),
        tags: (r.tags as string[] | null) ?? [],
        at: new Date(r.at as string),
        ...sums(r),
      }),
    ),
  };
}
