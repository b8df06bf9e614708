import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from '../../../platform/db/columns.ts';

/**
 * Custom events about a contact: posted through `POST /api/v1/events` ("viewed pricing", "trial started") or recorded
 * by other modules (`webinar.attended`, later `order.fulfilled`). Flows trigger on them, segments filter by them.
 * Append-only.
 */
export const contactEvents = pgTable(
  'contact_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    type: text('type').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** When it happened (the caller's `occurredAt`), not when it was recorded. */
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('contact_events_type').on(t.workspaceId, t.type, t.at),
    index('contact_events_contact').on(t.workspaceId, t.contactId, t.type, t.at),
  ],
);
