ALTER TABLE "accounts" ADD COLUMN "location_source" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "geocoded_address" text;