DROP INDEX "contacts_emails";--> statement-breakpoint
DROP INDEX "contacts_phones";--> statement-breakpoint
CREATE INDEX "contacts_emails" ON "contacts" USING gin ("emails") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "contacts_phones" ON "contacts" USING gin ("phones") WITH (fastupdate=false);