import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { checkItemLinks } from './check-links.ts';
import type { TCalendarItemCreate } from './contracts.ts';
import { getCalendarItem } from './item-row.ts';
import { calendarItems } from './schema.ts';
import { needsDate } from './status.ts';

export const cleanTags = (tags: string[] | undefined): string[] =>
  [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();

export function dateRules(s: { status: string; date: string | null; time: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (needsDate(s.status as never) && !s.date)
    errors.push({ field: 'date', message: `a ${s.status} item needs a date` });
  if (s.time && !s.date) errors.push({ field: 'time', message: 'needs a date' });
  return errors;
}

export async function createCalendarItem({
  db,
  workspaceId,
  actorId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TCalendarItemCreate;
}) {
  const ownerId = input.ownerId === undefined ? actorId : input.ownerId;
  const errors = [
    ...(await checkItemLinks(db, workspaceId, { ownerId, webinarId: input.webinarId, campaignId: input.campaignId })),
    ...dateRules({ status: input.status, date: input.date ?? null, time: input.time ?? null }),
  ];
  if (errors.length) throw AppError.validation(errors);
  const id = newId();
  await db.insert(calendarItems).values({
    workspaceId,
    id,
    channel: input.channel,
    status: input.status,
    title: input.title,
    notes: input.notes ?? null,
    ownerId: ownerId ?? null,
    day: input.date ?? null,
    time: input.time ?? null,
    tags: cleanTags(input.tags),
    campaignId: input.campaignId ?? null,
    webinarId: input.webinarId ?? null,
    url: input.url ?? null,
    utmCampaign: input.utmCampaign ?? null,
    createdBy: actorId,
  });
  return getCalendarItem({ db, workspaceId, id });
}
