ALTER TABLE "email_messages" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
-- Messages opened before this migration: their first open, from the events.
UPDATE "email_messages" m SET "opened_at" = o.first_at
  FROM (SELECT workspace_id, message_id, min(at) AS first_at FROM "email_events"
         WHERE type = 'open' AND message_id IS NOT NULL GROUP BY workspace_id, message_id) o
 WHERE m.workspace_id = o.workspace_id AND m.id = o.message_id;
