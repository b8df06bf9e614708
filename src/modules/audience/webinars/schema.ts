import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';

/** A webinar or live event people register for on a public page. */
export const webinars = pgTable(
  'webinars',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: tstz('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    /** Zoom/Teams/Meet link: mailed to registrants, never shown on the public page. */
    joinUrl: text('join_url'),
    /** The public page is /p/w/<workspace public key>/<slug>. */
    slug: text('slug').notNull(),
    /** Registrants who tick the consent box are subscribed to this list. */
    listId: uuid('list_id'),
    /** The consent sentence shown next to the box; stored with each consent as evidence. */
    consentText: text('consent_text'),
    /** Minutes before the start at which a reminder goes out (1440 = 24 h, 60 = 1 h). */
    reminderOffsets: integer('reminder_offsets').array().notNull().default(sql`'{1440,60}'::int[]`),
    registrationOpen: boolean('registration_open').notNull().default(true),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('webinars_slug').on(t.workspaceId, t.slug),
    index('webinars_starts').on(t.workspaceId, t.startsAt),
  ],
);

export const webinarRegistrants = pgTable(
  'webinar_registrants',
  {
    workspaceId: uuid('workspace_id').notNull(),
    webinarId: uuid('webinar_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    registeredAt: tstz('registered_at').notNull().defaultNow(),
    /** null until an attendance file is imported; then true (attended) or false (no-show). */
    attended: boolean('attended'),
    minutesAttended: integer('minutes_attended'),
    /** utm_campaign of the registration page visit, when the link carried one. */
    utmCampaign: text('utm_campaign'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.webinarId, t.contactId] }),
    index('webinar_registrants_contact').on(t.workspaceId, t.contactId),
  ],
);

export type UnmatchedRow = { line: number; email: string | null; reason: string; raw: string };

/** One attendance file imported: the summary and every row that matched no registrant, so nothing is dropped unseen. */
export const webinarAttendanceImports = pgTable(
  'webinar_attendance_imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    webinarId: uuid('webinar_id').notNull(),
    fileName: text('file_name'),
    rows: integer('rows').notNull(),
    attended: integer('attended').notNull(),
    noShows: integer('no_shows').notNull(),
    unmatched: jsonb('unmatched').$type<UnmatchedRow[]>().notNull().default(sql`'[]'::jsonb`),
    columns: jsonb('columns').$type<Record<string, string | null>>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('webinar_attendance_imports_webinar').on(t.workspaceId, t.webinarId, t.createdAt),
  ],
);
