import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TCalendarListQuery } from './contracts.ts';
import { itemsWithFigures } from './item-row.ts';
import { calendarItems } from './schema.ts';

const MAX_RANGE_DAYS = 400;

/**
 * Items of a date range (a month or week on screen) ordered by day, time (untimed first), id; or, with
 * `undated=true`, the ideas backlog — items without a day, newest first. Figures come with each item.
 */
export async function listCalendarItems({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: TCalendarListQuery;
}) {
  const conds: SQL[] = [eq(calendarItems.workspaceId, workspaceId)];
  if (query.channels?.length) conds.push(inArray(calendarItems.channel, query.channels));
  if (query.status) conds.push(eq(calendarItems.status, query.status));
  if (query.ownerId) conds.push(eq(calendarItems.ownerId, query.ownerId));
  const timeKey = sql`coalesce(${calendarItems.time}, '')`;

  if (query.undated === 'true') {
    conds.push(isNull(calendarItems.day));
    const after = decodeCursor(query.cursor, 1);
    if (after) conds.push(lt(calendarItems.id, String(after[0])));
    const rows = await db
      .select()
      .from(calendarItems)
      .where(and(...conds))
      .orderBy(desc(calendarItems.id))
      .limit(query.limit + 1);
    const more = rows.length > query.limit;
    const data = more ? rows.slice(0, query.limit) : rows;
    const last = data[data.length - 1];
    return {
      data: await itemsWithFigures(db, workspaceId, data),
      nextCursor: more && last ? encodeCursor([last.id]) : null,
    };
  }

  conds.push(isNotNull(calendarItems.day));
  if (query.from && query.to) {
    if (query.to < query.from) throw AppError.validation([{ field: 'query.to', message: 'must be on or after from' }]);
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days > MAX_RANGE_DAYS)
      throw AppError.validation([{ field: 'query.to', message: `the range may span at most ${MAX_RANGE_DAYS} days` }]);
  }
  if (query.from) conds.push(gte(calendarItems.day, query.from));
  if (query.to) conds.push(lte(calendarItems.day, query.to));
  const after = decodeCursor(query.cursor, 3);
  if (after) {
    const [d, t, id] = after.map(String) as [string, string, string];
    conds.push(sql`(${calendarItems.day}, ${timeKey}, ${calendarItems.id}) > (${d}::date, ${t}, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(calendarItems)
    .where(and(...conds))
    .orderBy(asc(calendarItems.day), asc(timeKey), asc(calendarItems.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: await itemsWithFigures(db, workspaceId, data),
    nextCursor: more && last ? encodeCursor([last.day, last.time ?? '', last.id]) : null,
  };
}
