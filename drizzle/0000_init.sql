CREATE TABLE "companies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"website" text,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"industry" text,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" text,
	"social" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_id" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_source" jsonb,
	"latest_source" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', f_unaccent(lower(name || ' ' || coalesce(domain, '') || ' ' || f_join(emails) || ' ' || f_join(phones) || ' ' || f_join(tags))))) STORED,
	CONSTRAINT "companies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"lawful_basis" text,
	"source" text,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"first_name" text,
	"last_name" text,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text,
	"company_id" uuid,
	"company_name" text,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"country" text,
	"language" text,
	"website" text,
	"social" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_id" uuid,
	"lifecycle_stage" text DEFAULT 'lead' NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_source" jsonb,
	"latest_source" jsonb,
	"source_channel" text,
	"merged_into_id" uuid,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', f_unaccent(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(title, '') || ' ' || f_join(emails) || ' ' || replace(f_join(emails), '@', ' ') || ' ' || f_join(phones) || ' ' || f_join(tags))))) STORED,
	CONSTRAINT "contacts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "custom_fields" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"title" text NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"expected_close" date,
	"contact_id" uuid,
	"company_id" uuid,
	"owner_id" uuid,
	"position" text DEFAULT 'a0' NOT NULL,
	"close_reason" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "duplicate_pairs" (
	"workspace_id" uuid NOT NULL,
	"contact_a" uuid NOT NULL,
	"contact_b" uuid NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "duplicate_pairs_workspace_id_contact_a_contact_b_pk" PRIMARY KEY("workspace_id","contact_a","contact_b")
);
--> statement-breakpoint
CREATE TABLE "duplicate_scans" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"pairs" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"entity" text DEFAULT 'contact' NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"raw" jsonb NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "import_rejects_workspace_id_import_id_row_number_pk" PRIMARY KEY("workspace_id","import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text DEFAULT 'contact' NOT NULL,
	"filename" text NOT NULL,
	"stored_path" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"delimiter" text,
	"size_bytes" bigint NOT NULL,
	"headers" text[] DEFAULT '{}'::text[] NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"suggested_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mapping" jsonb,
	"dedupe" text DEFAULT 'update' NOT NULL,
	"source" jsonb,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"bytes_done" bigint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_stages" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "lifecycle_stages_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text DEFAULT 'open' NOT NULL,
	"probability" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pipeline_stages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipelines_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "privacy_log" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "privacy_log_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"due_at" timestamp with time zone,
	"assignee_id" uuid,
	"contact_id" uuid,
	"company_id" uuid,
	"deal_id" uuid,
	"recurrence" text,
	"recurrence_interval" integer DEFAULT 1 NOT NULL,
	"recurrence_anchor" timestamp with time zone,
	"previous_id" uuid,
	"completed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid,
	"company_id" uuid,
	"deal_id" uuid,
	"kind" text NOT NULL,
	"module" text DEFAULT 'crm' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', f_unaccent(lower(coalesce(data->>'body', '') || ' ' || coalesce(data->>'subject', ''))))) STORED,
	CONSTRAINT "timeline_entries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" "citext" NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"active_workspace_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" "citext" NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "workspace_members" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_members_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"default_currency" text DEFAULT 'EUR' NOT NULL,
	"public_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug"),
	CONSTRAINT "workspaces_public_key_unique" UNIQUE("public_key")
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"subject_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "domain_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "companies_search" ON "companies" USING gin ("search");--> statement-breakpoint
CREATE INDEX "companies_name_trgm" ON "companies" USING gin (f_unaccent(lower(name)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "companies_ws_domain" ON "companies" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE INDEX "consent_events_contact" ON "consent_events" USING btree ("workspace_id","contact_id","channel","at");--> statement-breakpoint
CREATE INDEX "contacts_emails" ON "contacts" USING gin ("emails");--> statement-breakpoint
CREATE INDEX "contacts_phones" ON "contacts" USING gin ("phones");--> statement-breakpoint
CREATE INDEX "contacts_search" ON "contacts" USING gin ("search");--> statement-breakpoint
CREATE INDEX "contacts_name_trgm" ON "contacts" USING gin (f_unaccent(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_ws_created" ON "contacts" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contacts_ws_updated" ON "contacts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_ws_name" ON "contacts" USING btree ("workspace_id",lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')),"id");--> statement-breakpoint
CREATE INDEX "contacts_ws_company" ON "contacts" USING btree ("workspace_id","company_id");--> statement-breakpoint
CREATE INDEX "contacts_tags" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_key" ON "custom_fields" USING btree ("workspace_id","entity","key");--> statement-breakpoint
CREATE INDEX "deals_board" ON "deals" USING btree ("workspace_id","pipeline_id","stage_id");--> statement-breakpoint
CREATE INDEX "deals_stage_position" ON "deals" USING btree ("workspace_id","stage_id","position" collate "C","id");--> statement-breakpoint
CREATE INDEX "deals_contact" ON "deals" USING btree ("workspace_id","contact_id") WHERE contact_id is not null;--> statement-breakpoint
CREATE INDEX "deals_company" ON "deals" USING btree ("workspace_id","company_id") WHERE company_id is not null;--> statement-breakpoint
CREATE INDEX "duplicate_pairs_email" ON "duplicate_pairs" USING btree ("workspace_id","contact_a","contact_b") WHERE reasons @> '[{"reason": "email"}]';--> statement-breakpoint
CREATE INDEX "duplicate_pairs_phone" ON "duplicate_pairs" USING btree ("workspace_id","contact_a","contact_b") WHERE reasons @> '[{"reason": "phone"}]';--> statement-breakpoint
CREATE INDEX "duplicate_pairs_name" ON "duplicate_pairs" USING btree ("workspace_id","contact_a","contact_b") WHERE reasons @> '[{"reason": "name"}]';--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_name" ON "import_mappings" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "pipeline_stages_pipeline" ON "pipeline_stages" USING btree ("workspace_id","pipeline_id");--> statement-breakpoint
CREATE INDEX "saved_views_entity" ON "saved_views" USING btree ("workspace_id","entity");--> statement-breakpoint
CREATE INDEX "tasks_open_due" ON "tasks" USING btree ("workspace_id","assignee_id","due_at") WHERE completed_at is null;--> statement-breakpoint
CREATE INDEX "tasks_ws_due" ON "tasks" USING btree ("workspace_id","due_at","id");--> statement-breakpoint
CREATE INDEX "tasks_to_remind" ON "tasks" USING btree ("due_at") WHERE completed_at is null and reminded_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_previous" ON "tasks" USING btree ("workspace_id","previous_id") WHERE previous_id is not null;--> statement-breakpoint
CREATE INDEX "tasks_contact" ON "tasks" USING btree ("workspace_id","contact_id") WHERE contact_id is not null;--> statement-breakpoint
CREATE INDEX "tasks_company" ON "tasks" USING btree ("workspace_id","company_id") WHERE company_id is not null;--> statement-breakpoint
CREATE INDEX "tasks_deal" ON "tasks" USING btree ("workspace_id","deal_id") WHERE deal_id is not null;--> statement-breakpoint
CREATE INDEX "timeline_contact" ON "timeline_entries" USING btree ("workspace_id","contact_id","at");--> statement-breakpoint
CREATE INDEX "timeline_company" ON "timeline_entries" USING btree ("workspace_id","company_id","at");--> statement-breakpoint
CREATE INDEX "timeline_deal" ON "timeline_entries" USING btree ("workspace_id","deal_id","at");--> statement-breakpoint
CREATE INDEX "timeline_search" ON "timeline_entries" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "workspace_members_user" ON "workspace_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "domain_events_undelivered" ON "domain_events" USING btree ("created_at") WHERE delivered_at is null;