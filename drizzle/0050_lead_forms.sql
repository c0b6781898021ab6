CREATE TABLE "lead_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source" text DEFAULT 'website' NOT NULL,
	"assignment" text DEFAULT 'territory' NOT NULL,
	"owner_id" uuid NOT NULL,
	"redirect_url" text,
	"submission_count" integer DEFAULT 0 NOT NULL,
	"last_submission_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lead_forms" ADD CONSTRAINT "lead_forms_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_forms_key_unique" ON "lead_forms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "lead_forms_name_idx" ON "lead_forms" USING btree ("name","id") WHERE "lead_forms"."deleted_at" is null;