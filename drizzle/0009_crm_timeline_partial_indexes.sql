-- Timeline entries of a contact alone (most of them: every email sent, opened, clicked) carry no company or deal:
-- partial indexes leave those out, so each costs two index insertions fewer. `company_id = $1` implies NOT NULL.
DROP INDEX "timeline_company";--> statement-breakpoint
DROP INDEX "timeline_deal";--> statement-breakpoint
CREATE INDEX "timeline_company" ON "timeline_entries" USING btree ("workspace_id","company_id","at") WHERE "timeline_entries"."company_id" is not null;--> statement-breakpoint
CREATE INDEX "timeline_deal" ON "timeline_entries" USING btree ("workspace_id","deal_id","at") WHERE "timeline_entries"."deal_id" is not null;