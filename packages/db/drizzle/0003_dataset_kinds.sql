-- Issue 11: a dataset holds purchases or subscription history (`kind`; null until the first
-- import's columns or the creator choose), subscription MRR is reported in one `currency`, and a
-- dataset may keep subscription files and an exchange rates file beside purchases and customers.
-- Every dataset from before held purchases.
ALTER TABLE "dataset_files" DROP CONSTRAINT "dataset_files_kind_check";--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "kind" text;--> statement-breakpoint
UPDATE "datasets" SET "kind" = 'purchases';--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_files" ADD CONSTRAINT "dataset_files_kind_check" CHECK ("dataset_files"."kind" in ('purchases', 'customers', 'subscriptions', 'fx'));--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_kind_check" CHECK ("datasets"."kind" in ('purchases', 'subscriptions'));
