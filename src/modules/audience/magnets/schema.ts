import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../../platform/db/columns.ts';

/**
 * A file offered by a form (a PDF report, a price list…). The bytes live on disk under
 * `<dataDir>/magnets/<workspace>/<id>`; the row keeps what is needed to serve them safely.
 */
export const leadMagnets = pgTable(
  'lead_magnets',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    fileName: text('file_name').notNull(),
    /** What the file is served as: a known safe type, else application/octet-stream (always as an attachment). */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** The delivery email's subject and message (Liquid); null: the built-in wording. */
    emailSubject: text('email_subject'),
    emailMessage: text('email_message'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
