import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { TWebinar } from './contracts.ts';
import { webinarRegistrants, webinars } from './schema.ts';

export type WebinarRow = typeof webinars.$inferSelect;
export type Counts = TWebinar['counts'];

export const publicWebinarUrl = (publicUrl: string, workspaceKey: string, slug: string) =>
  `${publicUrl}/p/w/${encodeURIComponent(workspaceKey)}/${encodeURIComponent(slug)}`;

export function toWebinar(r: WebinarRow, counts: Counts, publicUrl: string): TWebinar {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    startsAt: r.startsAt,
    durationMinutes: r.durationMinutes,
    joinUrl: r.joinUrl,
    slug: r.slug,
    publicUrl,
    listId: r.listId,
    consentText: r.consentText,
    reminderOffsets: r.reminderOffsets,
    registrationOpen: r.registrationOpen,
    tags: r.tags,
    counts,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getWebinarRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WebinarRow> {
  const q = db
    .select()
    .from(webinars)
    .where(and(eq(webinars.workspaceId, workspaceId), eq(webinars.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Webinar');
  return row;
}

/** Registration and attendance counts of many webinars in one grouped query. */
export async function webinarCounts(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      webinarId: webinarRegistrants.webinarId,
      registrations: sql<number>`count(*)::int`,
      attended: sql<number>`count(*) filter (where ${webinarRegistrants.attended})::int`,
      noShows: sql<number>`count(*) filter (where ${webinarRegistrants.attended} = false)::int`,
    })
    .from(webinarRegistrants)
    .where(
      and(
        eq(webinarRegistrants.workspaceId, workspaceId),
        sql`${webinarRegistrants.webinarId} = any(${sql.param(ids)}::uuid[])`,
      ),
    )
    .groupBy(webinarRegistrants.webinarId);
  for (const r of rows) out.set(r.webinarId, r);
  return out;
}

export async function webinarsOut(db: DbOrTx, workspaceId: string, rows: WebinarRow[], publicUrl: string) {
  if (!rows.length) return [];
  const ws = await getWorkspaceInfo(db, workspaceId);
  const counts = await webinarCounts(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toWebinar(
      r,
      counts.get(r.id) ?? { registrations: 0, attended: 0, noShows: 0 },
      publicWebinarUrl(publicUrl, ws?.publicKey ?? '', r.slug),
    ),
  );
}

export async function getWebinar(opts: { db: DbOrTx; workspaceId: string; id: string; publicUrl: string }) {
  const [w] = await webinarsOut(
    opts.db,
    opts.workspaceId,
    [await getWebinarRow(opts.db, opts.workspaceId, opts.id)],
    opts.publicUrl,
  );
  return w!;
}

/** For public pages: the webinar at this address of the workspace (the key was already resolved to the workspace). */
export async function publicWebinarBySlug(db: DbOrTx, workspaceId: string, slug: string): Promise<WebinarRow | null> {
  const [row] = await db
    .select()
    .from(webinars)
    .where(and(eq(webinars.workspaceId, workspaceId), eq(webinars.slug, slug)));
  return row ?? null;
}
