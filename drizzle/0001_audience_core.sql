CREATE TABLE "audience_lists" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"visibility" text DEFAULT 'public' NOT NULL,
	"double_opt_in" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_lists_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "audience_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"postal_address" text,
	"signing_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_mail_prefs" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"paused_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_mail_prefs_workspace_id_contact_id_pk" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "email_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"message_id" uuid,
	"contact_id" uuid,
	"source_type" text,
	"source_id" uuid,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "email_messages" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid,
	"email" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"message_id" text,
	"subject" text,
	"error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_messages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"preheader" text,
	"mjml" text NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "list_members" (
	"workspace_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text,
	"form_id" uuid,
	"confirm_token_hash" text,
	"subscribed_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "list_members_workspace_id_list_id_contact_id_pk" PRIMARY KEY("workspace_id","list_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "sending_accounts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"smtp_url" text,
	"from_email" text NOT NULL,
	"from_name" text,
	"reply_to" text,
	"max_per_minute" integer,
	"dkim_domain" text,
	"dkim_selector" text,
	"dkim_private_key" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sending_accounts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "suppressions" (
	"workspace_id" uuid NOT NULL,
	"email" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_workspace_id_email_pk" PRIMARY KEY("workspace_id","email")
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"from_email" text NOT NULL,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"headers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "email_events_contact" ON "email_events" USING btree ("workspace_id","contact_id","type","at");--> statement-breakpoint
CREATE INDEX "email_events_source" ON "email_events" USING btree ("workspace_id","source_id","type","contact_id");--> statement-breakpoint
CREATE INDEX "email_events_message" ON "email_events" USING btree ("workspace_id","message_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_dedupe" ON "email_messages" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "email_messages_source" ON "email_messages" USING btree ("workspace_id","source_id","status");--> statement-breakpoint
CREATE INDEX "email_messages_contact" ON "email_messages" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_message_id" ON "email_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "list_members_contact" ON "list_members" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "list_members_list_status" ON "list_members" USING btree ("workspace_id","list_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "list_members_token" ON "list_members" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "mail_outbox_created" ON "mail_outbox" USING btree ("workspace_id","created_at");