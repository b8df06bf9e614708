import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../../platform/db/columns.ts';

export const CALENDAR_CHANNELS = ['newsletter', 'blog', 'linkedin', 'webinar', 'video', 'other'] as const;
export type CalendarChannel = (typeof CALENDAR_CHANNELS)[number];
export const CALENDAR_STATUSES = ['idea', 'draft', 'scheduled', 'published'] as const;
export type CalendarStatus = (typeof CALENDAR_STATUSES)[number];

/**
 * One piece of planned content on one channel. The day is a local date in the workspace's time zone (a calendar shows
 * days, not instants: a post planned "Tuesday" stays on Tuesday whatever the server's zone); ideas may have no day yet.
 */
export const calendarItems = pgTable(
  'calendar_items',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    channel: text('channel').$type<CalendarChannel>().notNull(),
    status: text('status').$type<CalendarStatus>().notNull().default('idea'),
    title: text('title').notNull(),
    notes: text('notes'),
    ownerId: uuid('owner_id'),
    day: date('day', { mode: 'string' }),
    /** Local wall-clock time `HH:MM` on that day, in the workspace's zone; null = some time that day. */
    time: text('time'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    campaignId: uuid('campaign_id'),
    webinarId: uuid('webinar_id'),
    url: text('url'),
    /** The utm_campaign its links carry: contacts whose first touch names it are the sign-ups it brought. */
    utmCampaign: text('utm_campaign'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('calendar_items_day').on(t.workspaceId, t.day),
    index('calendar_items_campaign').on(t.workspaceId, t.campaignId),
    index('calendar_items_webinar').on(t.workspaceId, t.webinarId),
  ],
);
