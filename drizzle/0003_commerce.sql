CREATE TABLE "commerce_categories" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_categories_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_product_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"filename" text NOT NULL,
	"layout" text NOT NULL,
	"content" text NOT NULL,
	"currency" text NOT NULL,
	"location_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"products_created" integer DEFAULT 0 NOT NULL,
	"variants_created" integer DEFAULT 0 NOT NULL,
	"variants_updated" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "commerce_product_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_products" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"handle" text NOT NULL,
	"description" text,
	"vendor" text,
	"product_type" text,
	"status" text DEFAULT 'active' NOT NULL,
	"category_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', f_unaccent(lower(coalesce(title, '') || ' ' || coalesce(handle, '') || ' ' || coalesce(vendor, '') || ' ' || coalesce(product_type, '') || ' ' || f_join(tags))))) STORED,
	CONSTRAINT "commerce_products_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_variant_prices" (
	"workspace_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"compare_at_minor" bigint,
	CONSTRAINT "commerce_variant_prices_workspace_id_variant_id_currency_pk" PRIMARY KEY("workspace_id","variant_id","currency")
);
--> statement-breakpoint
CREATE TABLE "commerce_variants" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"option_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"barcode" text,
	"weight_grams" integer,
	"length_mm" integer,
	"width_mm" integer,
	"height_mm" integer,
	"image_url" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_variants_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_import_errors" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"first_row" integer NOT NULL,
	"rows" integer[] NOT NULL,
	"order_ref" text,
	"message" text NOT NULL,
	"kind" text DEFAULT 'error' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "commerce_order_import_errors_workspace_id_import_id_first_row_pk" PRIMARY KEY("workspace_id","import_id","first_row")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"filename" text NOT NULL,
	"stored_path" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text NOT NULL,
	"delimiter" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"headers" text[] DEFAULT '{}'::text[] NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shop_domain" text,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"bytes_done" bigint DEFAULT 0 NOT NULL,
	"orders_done" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "commerce_order_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_storefront_order_sync" (
	"workspace_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"remote_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_storefront_order_sync_workspace_id_source_external_id_pk" PRIMARY KEY("workspace_id","source","external_id")
);
--> statement-breakpoint
CREATE TABLE "commerce_storefronts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"secret" text NOT NULL,
	"shop_domain" text,
	"last_delivery_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_storefronts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_webhook_deliveries" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"storefront_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"topic" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"external_id" text,
	"order_id" uuid,
	"outcome" text,
	"error" text,
	"error_fields" jsonb,
	"payload" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "commerce_webhook_deliveries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_history" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "commerce_order_history_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_lines" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"variant_id" uuid,
	"product_id" uuid,
	"sku" text,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint DEFAULT 0 NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"fulfilled_qty" integer DEFAULT 0 NOT NULL,
	"shipped_qty" integer DEFAULT 0 NOT NULL,
	"returned_qty" integer DEFAULT 0 NOT NULL,
	"allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "commerce_order_lines_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_number_counters" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"last" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commerce_order_payments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"method" text,
	"reference" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_order_payments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_order_shipments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"tracking_number" text,
	"carrier" text,
	"lines" jsonb NOT NULL,
	"purchase_request_id" uuid,
	"reference" text,
	"shipped_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_order_shipments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_orders" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"status" text NOT NULL,
	"payment_status" text NOT NULL,
	"currency" text NOT NULL,
	"contact_id" uuid,
	"customer" jsonb NOT NULL,
	"email" text,
	"shipping_address" jsonb,
	"billing_address" jsonb,
	"shipping" jsonb,
	"pickup_point_id" uuid,
	"item_count" integer DEFAULT 0 NOT NULL,
	"subtotal_minor" bigint DEFAULT 0 NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"shipping_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"imported" boolean DEFAULT false NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_orders_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pickup_capacity_claims" (
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pickup_capacity_claims_workspace_id_order_id_pk" PRIMARY KEY("workspace_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "pickup_capacity_days" (
	"workspace_id" uuid NOT NULL,
	"pickup_point_id" uuid NOT NULL,
	"day" date NOT NULL,
	"claimed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pickup_capacity_days_workspace_id_pickup_point_id_day_pk" PRIMARY KEY("workspace_id","pickup_point_id","day")
);
--> statement-breakpoint
CREATE TABLE "pickup_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"stored_path" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"format" text NOT NULL,
	"country" text,
	"status" text NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"bytes_done" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "pickup_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pickup_points" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"partner" jsonb,
	"carrier" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"region" text,
	"postcode" text,
	"country" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"earth" "cube" GENERATED ALWAYS AS (pickup_earth(lat, lng)) STORED,
	"timezone" text,
	"hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hours_exceptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capabilities" text[] DEFAULT '{pickup}'::text[] NOT NULL,
	"capacity_per_day" integer,
	"fee_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"instructions" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pickup_points_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pickup_postcode_staging" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"country" text NOT NULL,
	"postcode" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"place_name" text,
	"region" text,
	CONSTRAINT "pickup_postcode_staging_workspace_id_import_id_row_pk" PRIMARY KEY("workspace_id","import_id","row")
);
--> statement-breakpoint
CREATE TABLE "pickup_postcodes" (
	"workspace_id" uuid NOT NULL,
	"country" text NOT NULL,
	"postcode" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"place_name" text,
	"region" text,
	CONSTRAINT "pickup_postcodes_workspace_id_country_postcode_pk" PRIMARY KEY("workspace_id","country","postcode")
);
--> statement-breakpoint
CREATE TABLE "shipping_carriers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"adapter" text,
	"adapter_config" jsonb,
	"adapter_secret" text,
	"active" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_carriers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipping_quotes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"source" text NOT NULL,
	"currency" text NOT NULL,
	"destination" jsonb NOT NULL,
	"parcels" jsonb NOT NULL,
	"options" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipping_quotes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipping_rate_cards" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"currency" text NOT NULL,
	"filename" text NOT NULL,
	"row_count" integer NOT NULL,
	"zone_count" integer NOT NULL,
	"service_count" integer NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "shipping_rate_cards_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipping_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"carrier_id" uuid,
	"service_id" uuid,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"currency" text,
	"percent" double precision,
	"fixed_minor" integer,
	"min_order_minor" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipping_services" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_services_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "shipping_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commerce_purchase_requests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"location_id" uuid NOT NULL,
	"supplier_email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"lines" jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"tracking_number" text,
	"carrier" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_purchase_requests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_stock_levels" (
	"workspace_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"low_stock_threshold" integer,
	"low_since" timestamp with time zone,
	"alerted_event_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_stock_levels_workspace_id_location_id_variant_id_pk" PRIMARY KEY("workspace_id","location_id","variant_id"),
	CONSTRAINT "commerce_stock_levels_non_negative" CHECK (on_hand >= 0 and reserved >= 0)
);
--> statement-breakpoint
CREATE TABLE "commerce_stock_locations" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supplier_email" text,
	"tracks_levels" boolean DEFAULT true NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_stock_locations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_stock_movements" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"on_hand_delta" integer NOT NULL,
	"reserved_delta" integer NOT NULL,
	"order_id" uuid,
	"line_id" text,
	"reason" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_stock_movements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "commerce_stock_reservations" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"line_id" text NOT NULL,
	"variant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"released_qty" integer DEFAULT 0 NOT NULL,
	"shipped_qty" integer DEFAULT 0 NOT NULL,
	"returned_qty" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_stock_reservations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "commerce_stock_reservations_quantities" CHECK (quantity > 0 and released_qty >= 0 and shipped_qty >= 0 and returned_qty >= 0
        and released_qty + shipped_qty <= quantity and returned_qty <= shipped_qty)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_categories_ws_parent_name" ON "commerce_categories" USING btree ("workspace_id",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE INDEX "commerce_product_imports_ws_created" ON "commerce_product_imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_products_ws_handle" ON "commerce_products" USING btree ("workspace_id","handle");--> statement-breakpoint
CREATE INDEX "commerce_products_ws_created" ON "commerce_products" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "commerce_products_ws_category" ON "commerce_products" USING btree ("workspace_id","category_id");--> statement-breakpoint
CREATE INDEX "commerce_products_search" ON "commerce_products" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_variants_ws_sku" ON "commerce_variants" USING btree ("workspace_id",lower("sku"));--> statement-breakpoint
CREATE INDEX "commerce_variants_ws_product" ON "commerce_variants" USING btree ("workspace_id","product_id","position");--> statement-breakpoint
CREATE INDEX "commerce_variants_ws_barcode" ON "commerce_variants" USING btree ("workspace_id","barcode");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_storefronts_public_key" ON "commerce_storefronts" USING btree ("public_key");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_webhook_deliveries_dedupe" ON "commerce_webhook_deliveries" USING btree ("workspace_id","storefront_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "commerce_webhook_deliveries_recent" ON "commerce_webhook_deliveries" USING btree ("workspace_id","storefront_id","id");--> statement-breakpoint
CREATE INDEX "commerce_webhook_deliveries_received" ON "commerce_webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "commerce_order_history_ws_order" ON "commerce_order_history" USING btree ("workspace_id","order_id","at");--> statement-breakpoint
CREATE INDEX "commerce_order_lines_ws_order" ON "commerce_order_lines" USING btree ("workspace_id","order_id","position");--> statement-breakpoint
CREATE INDEX "commerce_order_lines_ws_open" ON "commerce_order_lines" USING btree ("workspace_id","order_id") WHERE fulfilled_qty < quantity;--> statement-breakpoint
CREATE INDEX "commerce_order_payments_ws_order" ON "commerce_order_payments" USING btree ("workspace_id","order_id","at");--> statement-breakpoint
CREATE INDEX "commerce_order_shipments_ws_order" ON "commerce_order_shipments" USING btree ("workspace_id","order_id","shipped_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_order_shipments_ws_purchase_request" ON "commerce_order_shipments" USING btree ("workspace_id","purchase_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_order_shipments_ws_reference" ON "commerce_order_shipments" USING btree ("workspace_id","order_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_orders_ws_source_external" ON "commerce_orders" USING btree ("workspace_id","source","external_id");--> statement-breakpoint
CREATE INDEX "commerce_orders_ws_placed" ON "commerce_orders" USING btree ("workspace_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "commerce_orders_ws_status_placed" ON "commerce_orders" USING btree ("workspace_id","status","placed_at","id");--> statement-breakpoint
CREATE INDEX "commerce_orders_ws_contact" ON "commerce_orders" USING btree ("workspace_id","contact_id","placed_at");--> statement-breakpoint
CREATE INDEX "commerce_orders_ws_number" ON "commerce_orders" USING btree ("workspace_id",lower("number"));--> statement-breakpoint
CREATE INDEX "commerce_orders_ws_email" ON "commerce_orders" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "pickup_capacity_claims_point" ON "pickup_capacity_claims" USING btree ("workspace_id","pickup_point_id","day");--> statement-breakpoint
CREATE INDEX "pickup_imports_ws_created" ON "pickup_imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_points_ws_code" ON "pickup_points" USING btree ("workspace_id","code") WHERE code is not null;--> statement-breakpoint
CREATE INDEX "pickup_points_ws_created" ON "pickup_points" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "pickup_points_ws_name" ON "pickup_points" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "pickup_points_ws_region" ON "pickup_points" USING btree ("workspace_id","country","region");--> statement-breakpoint
CREATE INDEX "pickup_points_ws_earth" ON "pickup_points" USING gist ("workspace_id","earth") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_carriers_ws_name" ON "shipping_carriers" USING btree ("workspace_id",lower("name")) WHERE archived_at is null;--> statement-breakpoint
CREATE INDEX "shipping_quotes_expires" ON "shipping_quotes" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_rate_cards_ws_carrier_version" ON "shipping_rate_cards" USING btree ("workspace_id","carrier_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_rate_cards_ws_carrier_active" ON "shipping_rate_cards" USING btree ("workspace_id","carrier_id") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_services_ws_carrier_code" ON "shipping_services" USING btree ("workspace_id","carrier_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_purchase_requests_order_location" ON "commerce_purchase_requests" USING btree ("workspace_id","order_id","location_id");--> statement-breakpoint
CREATE INDEX "commerce_purchase_requests_ws_created" ON "commerce_purchase_requests" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "commerce_stock_levels_ws_variant" ON "commerce_stock_levels" USING btree ("workspace_id","variant_id");--> statement-breakpoint
CREATE INDEX "commerce_stock_levels_ws_low" ON "commerce_stock_levels" USING btree ("workspace_id","low_since") WHERE low_since is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_stock_locations_ws_name" ON "commerce_stock_locations" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "commerce_stock_movements_ws_variant" ON "commerce_stock_movements" USING btree ("workspace_id","variant_id","id");--> statement-breakpoint
CREATE INDEX "commerce_stock_movements_ws_location" ON "commerce_stock_movements" USING btree ("workspace_id","location_id","id");--> statement-breakpoint
CREATE INDEX "commerce_stock_movements_ws_order" ON "commerce_stock_movements" USING btree ("workspace_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commerce_stock_reservations_line_location" ON "commerce_stock_reservations" USING btree ("workspace_id","order_id","line_id","location_id");