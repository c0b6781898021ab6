ALTER TABLE "api_keys" ADD COLUMN "updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- A key made before keys could be renamed was last changed when it was made.
UPDATE "api_keys" SET "updated_at" = "created_at";