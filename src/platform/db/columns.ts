import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every tenant table starts with these; `workspace_id` leads the primary key (see docs/architecture.md). */
export const tenantColumns = {
  workspaceId: uuid('workspace_id').notNull(),
  id: uuid('id').notNull(),
};

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });
