-- Issue 13, alerts: rules watched on a dataset, their firings (an outbox, unique by key so the same
-- data never fires twice) and every delivery attempt. A rule's webhook secret is sealed under
-- UPSELL_SECRET_KEY, as a source's URL is.
CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"firing_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_deliveries_firing_attempt_unique" UNIQUE("firing_id","attempt"),
	CONSTRAINT "alert_deliveries_status_check" CHECK ("alert_deliveries"."status" in ('delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "alert_firings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"key" text NOT NULL,
	"condition" text NOT NULL,
	"period" text,
	"segment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message" text NOT NULL,
	"dataset_version" integer,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_firings_key_unique" UNIQUE("key"),
	CONSTRAINT "alert_firings_status_check" CHECK ("alert_firings"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"dataset_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"condition" text NOT NULL,
	"threshold" double precision,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_condition_check" CHECK ("alert_rules"."condition" in ('band-crossing', 'below-target', 'below-benchmark', 'significant-change', 'nrr-below', 'grr-below'))
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_firing_id_alert_firings_id_fk" FOREIGN KEY ("firing_id") REFERENCES "public"."alert_firings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_firings_rule_idx" ON "alert_firings" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_firings_due_idx" ON "alert_firings" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_rules_dataset_idx" ON "alert_rules" USING btree ("dataset_id");