import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * Where mail goes when no SMTP server is configured: the rendered message is kept so the UI can show what would have
 * been sent (and the tests can read it). Also the record of every message in development.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    messageId: text('message_id').notNull(),
    fromEmail: text('from_email').notNull(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('mail_outbox_created').on(t.workspaceId, t.createdAt)],
);
