import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { TCalendarFigures, TCalendarItem } from './contracts.ts';
import { calendarFigures } from './figures-sql.ts';
import { calendarItems } from './schema.ts';

export type CalendarItemRow = typeof calendarItems.$inferSelect;

const NO_FIGURES: TCalendarFigures = { campaign: null, webinar: null, signups: null, signupWindow: null };

export function toItem(r: CalendarItemRow, figures: TCalendarFigures = NO_FIGURES): TCalendarItem {
  return {
    id: r.id,
    channel: r.channel,
    status: r.status,
    title: r.title,
    notes: r.notes,
    ownerId: r.ownerId,
    date: r.day,
    time: r.time,
    tags: r.tags,
    campaignId: r.campaignId,
    webinarId: r.webinarId,
    url: r.url,
    utmCampaign: r.utmCampaign,
    figures,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The workspace's IANA zone, or UTC when the stored value is not one Intl knows (a bad row must not break lists). */
export async function workspaceZone(db: DbOrTx, workspaceId: string): Promise<string> {
  const tz = (await getWorkspaceInfo(db, workspaceId))?.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** Rows → API items with their figures, computed for all of them in one query. */
export async function itemsWithFigures(db: DbOrTx, workspaceId: string, rows: CalendarItemRow[]) {
  if (!rows.length) return [];
  const figures = await calendarFigures(
    db,
    workspaceId,
    rows.map((r) => r.id),
    await workspaceZone(db, workspaceId),
  );
  return rows.map((r) => toItem(r, figures.get(r.id)));
}

export async function getItemRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CalendarItemRow> {
  const q = db
    .select()
    .from(calendarItems)
    .where(and(eq(calendarItems.workspaceId, workspaceId), eq(calendarItems.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Calendar item');
  return row;
}

export async function getCalendarItem({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [item] = await itemsWithFigures(db, workspaceId, [await getItemRow(db, workspaceId, id)]);
  return item!;
}
