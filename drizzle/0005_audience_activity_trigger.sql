-- Keeps contact_email_activity in step with email_events (see its comment in src/modules/audience/schema.ts).
-- A statement trigger with a transition table: a campaign batch or a tracking flush inserting thousands of events
-- costs one aggregate and one upsert, not one per row. Rows are upserted in key order, so two transactions
-- touching the same contacts lock them in the same order and cannot deadlock.
CREATE OR REPLACE FUNCTION audience_email_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_email_activity AS a
    (workspace_id, contact_id, sent_count, last_sent_at, open_count, last_open_at, click_count, last_click_at)
  SELECT workspace_id, contact_id,
         count(*) FILTER (WHERE type = 'sent'), max(at) FILTER (WHERE type = 'sent'),
         count(*) FILTER (WHERE type = 'open'), max(at) FILTER (WHERE type = 'open'),
         count(*) FILTER (WHERE type = 'click'), max(at) FILTER (WHERE type = 'click')
    FROM new_events
   WHERE contact_id IS NOT NULL AND type IN ('sent', 'open', 'click')
   GROUP BY workspace_id, contact_id
   ORDER BY workspace_id, contact_id
  ON CONFLICT (workspace_id, contact_id) DO UPDATE SET
    sent_count = a.sent_count + excluded.sent_count,
    last_sent_at = greatest(a.last_sent_at, excluded.last_sent_at),
    open_count = a.open_count + excluded.open_count,
    last_open_at = greatest(a.last_open_at, excluded.last_open_at),
    click_count = a.click_count + excluded.click_count,
    last_click_at = greatest(a.last_click_at, excluded.last_click_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER email_events_activity AFTER INSERT ON email_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION audience_email_activity();
--> statement-breakpoint
-- Existing events (an upgrade of a running installation): counted once, here.
INSERT INTO contact_email_activity
  (workspace_id, contact_id, sent_count, last_sent_at, open_count, last_open_at, click_count, last_click_at)
SELECT workspace_id, contact_id,
       count(*) FILTER (WHERE type = 'sent'), max(at) FILTER (WHERE type = 'sent'),
       count(*) FILTER (WHERE type = 'open'), max(at) FILTER (WHERE type = 'open'),
       count(*) FILTER (WHERE type = 'click'), max(at) FILTER (WHERE type = 'click')
  FROM email_events
 WHERE contact_id IS NOT NULL AND type IN ('sent', 'open', 'click')
 GROUP BY workspace_id, contact_id
ON CONFLICT (workspace_id, contact_id) DO NOTHING;
