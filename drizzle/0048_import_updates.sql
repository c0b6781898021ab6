ALTER TABLE "imports" ADD COLUMN "mode" text DEFAULT 'create' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "updated_rows" integer DEFAULT 0 NOT NULL;