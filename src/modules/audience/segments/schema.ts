import { sql } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../../platform/db/columns.ts';

/** A saved dynamic segment: a rule tree (see rules.ts) evaluated whenever it is used, never a stored member list. */
export const segments = pgTable(
  'segments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** The validated rule tree `{ op, rules: [...] }`. */
    rules: jsonb('rules').$type<unknown>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('segments_name').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);
