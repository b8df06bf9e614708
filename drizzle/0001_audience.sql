CREATE TABLE "bounce_mailbox_seen" (
	"workspace_id" uuid NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bounce_mailbox_seen_workspace_id_uid_validity_uid_pk" PRIMARY KEY("workspace_id","uid_validity","uid")
);
--> statement-breakpoint
CREATE TABLE "bounce_mailboxes" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"host" text NOT NULL,
	"port" integer DEFAULT 993 NOT NULL,
	"secure" boolean DEFAULT true NOT NULL,
	"username" text NOT NULL,
	"password" text NOT NULL,
	"mailbox" text DEFAULT 'INBOX' NOT NULL,
	"after_process" text DEFAULT 'mark_seen' NOT NULL,
	"move_to" text,
	"uid_validity" bigint,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	"last_counts" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bounce_reports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"kind" text NOT NULL,
	"status" text,
	"diagnostic" text,
	"source" text NOT NULL,
	"message_id" uuid,
	"contact_id" uuid,
	"dedupe_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bounce_reports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "deliverability_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"webhook_token" text NOT NULL,
	"ses_verify_signature" boolean DEFAULT true NOT NULL,
	"ses_subscribe_url" text,
	"ses_topic_arn" text,
	"ses_subscription_at" timestamp with time zone,
	"ses_confirmed" boolean DEFAULT false NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_items" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'idea' NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"owner_id" uuid,
	"day" date,
	"time" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"campaign_id" uuid,
	"webinar_id" uuid,
	"url" text,
	"utm_campaign" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_items_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"preheader" text,
	"mjml" text NOT NULL,
	"text" text,
	"template_id" uuid,
	"account_id" uuid,
	"list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"segment_id" uuid,
	"exclude_list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"exclude_segment_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"send_in_recipient_timezone" boolean DEFAULT false NOT NULL,
	"local_time" text,
	"waves" jsonb,
	"track_opens" boolean DEFAULT true NOT NULL,
	"track_clicks" boolean DEFAULT true NOT NULL,
	"archive" boolean DEFAULT false NOT NULL,
	"topic_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"total_recipients" integer DEFAULT 0 NOT NULL,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"pause_reason" text,
	"materialized_at" timestamp with time zone,
	"next_run_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "send_rate_buckets" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "send_rate_buckets_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "contact_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"type" text NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "audience_flow_enrolments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"flow_version" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"current_step_id" text,
	"next_run_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"trigger_key" text,
	"trigger_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"exit_reason" text,
	CONSTRAINT "audience_flow_enrolments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "audience_flow_history" (
	"workspace_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audience_flow_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"step_id" text NOT NULL,
	"flow_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"step_type" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audience_flow_history_workspace_id_enrolment_id_step_id_pk" PRIMARY KEY("workspace_id","enrolment_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "audience_flow_versions" (
	"workspace_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"trigger" jsonb NOT NULL,
	"graph" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_flow_versions_workspace_id_flow_id_version_pk" PRIMARY KEY("workspace_id","flow_id","version")
);
--> statement-breakpoint
CREATE TABLE "audience_flows" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"trigger" jsonb NOT NULL,
	"trigger_event" text,
	"graph" jsonb NOT NULL,
	"reentry" text DEFAULT 'once' NOT NULL,
	"reentry_days" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"webhook_secret" text NOT NULL,
	"template_key" text,
	"created_by" uuid,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_flows_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "audience_forms" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"public_id" text NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"fields" jsonb NOT NULL,
	"consent_text" text,
	"submit_label" text,
	"list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" jsonb NOT NULL,
	"lead_magnet_id" uuid,
	"after_submit" jsonb NOT NULL,
	"confirm_subject" text,
	"confirm_message" text,
	"language" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_forms_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "form_daily_stats" (
	"workspace_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"confirmations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "form_daily_stats_workspace_id_form_id_day_pk" PRIMARY KEY("workspace_id","form_id","day")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"email" text NOT NULL,
	"values" jsonb NOT NULL,
	"list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"pending_list_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"consent_text" text,
	"page_url" text,
	"referrer" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip_hash" text,
	"user_agent" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_magnets" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"email_subject" text,
	"email_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_magnets_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
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
CREATE TABLE "segments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webinar_attendance_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"webinar_id" uuid NOT NULL,
	"file_name" text,
	"rows" integer NOT NULL,
	"attended" integer NOT NULL,
	"no_shows" integer NOT NULL,
	"unmatched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"columns" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webinar_attendance_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webinar_registrants" (
	"workspace_id" uuid NOT NULL,
	"webinar_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attended" boolean,
	"minutes_attended" integer,
	"utm_campaign" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webinar_registrants_workspace_id_webinar_id_contact_id_pk" PRIMARY KEY("workspace_id","webinar_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "webinars" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"join_url" text,
	"slug" text NOT NULL,
	"list_id" uuid,
	"consent_text" text,
	"reminder_offsets" integer[] DEFAULT '{1440,60}'::int[] NOT NULL,
	"registration_open" boolean DEFAULT true NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webinars_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
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
ALTER TABLE "contacts" ADD COLUMN "timezone" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bounce_reports_dedupe" ON "bounce_reports" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "bounce_reports_email" ON "bounce_reports" USING btree ("workspace_id","email","kind","at");--> statement-breakpoint
CREATE INDEX "bounce_reports_at" ON "bounce_reports" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "calendar_items_day" ON "calendar_items" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "calendar_items_campaign" ON "calendar_items" USING btree ("workspace_id","campaign_id");--> statement-breakpoint
CREATE INDEX "calendar_items_webinar" ON "calendar_items" USING btree ("workspace_id","webinar_id");--> statement-breakpoint
CREATE INDEX "campaigns_ws_created" ON "campaigns" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_status" ON "campaigns" USING btree ("status","next_run_at");--> statement-breakpoint
CREATE INDEX "contact_events_type" ON "contact_events" USING btree ("workspace_id","type","at");--> statement-breakpoint
CREATE INDEX "contact_events_contact" ON "contact_events" USING btree ("workspace_id","contact_id","type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "audience_flow_enrolments_trigger" ON "audience_flow_enrolments" USING btree ("workspace_id","flow_id","trigger_key");--> statement-breakpoint
CREATE UNIQUE INDEX "audience_flow_enrolments_running" ON "audience_flow_enrolments" USING btree ("workspace_id","flow_id","contact_id") WHERE status in ('active', 'waiting');--> statement-breakpoint
CREATE INDEX "audience_flow_enrolments_flow" ON "audience_flow_enrolments" USING btree ("workspace_id","flow_id","status","id");--> statement-breakpoint
CREATE INDEX "audience_flow_enrolments_contact" ON "audience_flow_enrolments" USING btree ("workspace_id","contact_id","flow_id","started_at");--> statement-breakpoint
CREATE INDEX "audience_flow_history_step" ON "audience_flow_history" USING btree ("workspace_id","flow_id","step_id","outcome");--> statement-breakpoint
CREATE INDEX "audience_flows_trigger" ON "audience_flows" USING btree ("workspace_id","trigger_event","status");--> statement-breakpoint
CREATE INDEX "audience_flows_active_trigger" ON "audience_flows" USING btree ("trigger_event","status");--> statement-breakpoint
CREATE UNIQUE INDEX "audience_forms_public_id" ON "audience_forms" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "form_submissions_form" ON "form_submissions" USING btree ("workspace_id","form_id","created_at");--> statement-breakpoint
CREATE INDEX "form_submissions_contact" ON "form_submissions" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audience_lists_name" ON "audience_lists" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "email_events_contact" ON "email_events" USING btree ("workspace_id","contact_id","type","at");--> statement-breakpoint
CREATE INDEX "email_events_source" ON "email_events" USING btree ("workspace_id","source_id","type","contact_id");--> statement-breakpoint
CREATE INDEX "email_events_message" ON "email_events" USING btree ("workspace_id","message_id","type");--> statement-breakpoint
CREATE INDEX "email_events_type_at" ON "email_events" USING btree ("workspace_id","type","at","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_dedupe" ON "email_messages" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "email_messages_source" ON "email_messages" USING btree ("workspace_id","source_id","status","id");--> statement-breakpoint
CREATE INDEX "email_messages_contact" ON "email_messages" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_message_id" ON "email_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "list_members_contact" ON "list_members" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "list_members_list_status" ON "list_members" USING btree ("workspace_id","list_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "list_members_token" ON "list_members" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sending_accounts_one_default" ON "sending_accounts" USING btree ("workspace_id") WHERE "sending_accounts"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name" ON "segments" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "webinar_attendance_imports_webinar" ON "webinar_attendance_imports" USING btree ("workspace_id","webinar_id","created_at");--> statement-breakpoint
CREATE INDEX "webinar_registrants_contact" ON "webinar_registrants" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webinars_slug" ON "webinars" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "webinars_starts" ON "webinars" USING btree ("workspace_id","starts_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_created" ON "mail_outbox" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_ws_live" ON "contacts" USING btree ("workspace_id","id") WHERE merged_into_id is null and erased_at is null;