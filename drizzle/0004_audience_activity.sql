CREATE TABLE "contact_email_activity" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"last_sent_at" timestamp with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	"last_open_at" timestamp with time zone,
	"click_count" integer DEFAULT 0 NOT NULL,
	"last_click_at" timestamp with time zone,
	CONSTRAINT "contact_email_activity_workspace_id_contact_id_pk" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
CREATE INDEX "contact_email_activity_open" ON "contact_email_activity" USING btree ("workspace_id","last_open_at","contact_id");--> statement-breakpoint
CREATE INDEX "contact_email_activity_click" ON "contact_email_activity" USING btree ("workspace_id","last_click_at","contact_id");--> statement-breakpoint
CREATE INDEX "contact_email_activity_sent" ON "contact_email_activity" USING btree ("workspace_id","sent_count","contact_id");