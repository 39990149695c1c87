-- Issue 12: a connected dataset reads its purchase lines where they live (a PostgreSQL table, a
-- DuckDB file's table, Parquet files) instead of from imported files. Its source is a row here,
-- removed with the dataset; the URL is kept sealed (AES-256-GCM under UPSELL_SECRET_KEY) in
-- `secret`, and as people may see it, its password replaced by ***, in `location`.
CREATE TABLE "dataset_sources" (
	"dataset_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"location" text NOT NULL,
	"secret" text NOT NULL,
	"relation" text,
	"map" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" text,
	"customers_table" text,
	"catalog_table" text,
	"ttl_seconds" integer DEFAULT 600 NOT NULL,
	"last_read_at" timestamp with time zone,
	"last_probe" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataset_sources_kind_check" CHECK ("dataset_sources"."kind" in ('postgres', 'duckdb', 'parquet')),
	CONSTRAINT "dataset_sources_ttl_check" CHECK ("dataset_sources"."ttl_seconds" >= 0)
);
--> statement-breakpoint
ALTER TABLE "dataset_sources" ADD CONSTRAINT "dataset_sources_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;