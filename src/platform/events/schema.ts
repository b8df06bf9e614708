import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from '../db/columns.ts';

/** Transactional outbox: a domain event is written in the same transaction as the change it describes. */
export const domainEvents = pgTable(
  'domain_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    subjectId: uuid('subject_id'),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    occurredAt: createdAt(),
    deliveredAt: tstz('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('domain_events_undelivered').on(t.occurredAt).where(sql`delivered_at is null`),
  ],
);
