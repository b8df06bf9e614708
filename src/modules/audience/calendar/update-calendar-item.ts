import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkItemLinks } from './check-links.ts';
import type { TCalendarItemUpdate } from './contracts.ts';
import { cleanTags, dateRules } from './create-calendar-item.ts';
import { getCalendarItem, getItemRow } from './item-row.ts';
import { calendarItems } from './schema.ts';
import { allowedNext, canMove } from './status.ts';

/**
 * Changes an item: fields, its day (a drag on the calendar sends only `date`), its status — one step along
 * idea → draft → scheduled → published at a time, so nothing is "published" that was never scheduled.
 */
export async function updateCalendarItem({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TCalendarItemUpdate;
}) {
  await db.transaction(async (tx) => {
    const before = await getItemRow(tx, workspaceId, id, { forUpdate: true });
    const errors = await checkItemLinks(tx, workspaceId, {
      ownerId: input.ownerId,
      webinarId: input.webinarId,
      campaignId: input.campaignId,
    });
    const status = input.status ?? before.status;
    if (!canMove(before.status, status)) {
      const next = allowedNext(before.status);
      errors.push({
        field: 'status',
        message: next.length
          ? `cannot go from ${before.status} to ${status}; next may be ${next.join(' or ')}`
          : `a ${before.status} item cannot change status`,
      });
    }
    const date = input.date === undefined ? before.day : input.date;
    // Moving an item off its day drops its time unless a new one is given: 09:00 was chosen for that day.
    const time = input.time === undefined ? (date ? before.time : null) : input.time;
    errors.push(...dateRules({ status, date, time }));
    if (errors.length) throw AppError.validation(errors);
    const set: Partial<typeof calendarItems.$inferInsert> = { status, day: date, time, updatedAt: new Date() };
    if (input.channel !== undefined) set.channel = input.channel;
    if (input.title !== undefined) set.title = input.title;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.ownerId !== undefined) set.ownerId = input.ownerId;
    if (input.tags !== undefined) set.tags = cleanTags(input.tags);
    if (input.campaignId !== undefined) set.campaignId = input.campaignId;
    if (input.webinarId !== undefined) set.webinarId = input.webinarId;
    if (input.url !== undefined) set.url = input.url;
    if (input.utmCampaign !== undefined) set.utmCampaign = input.utmCampaign;
    await tx
      .update(calendarItems)
      .set(set)
      .where(and(eq(calendarItems.workspaceId, workspaceId), eq(calendarItems.id, id)));
  });
  return getCalendarItem({ db, workspaceId, id });
}
