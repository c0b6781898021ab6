CREATE TABLE "email_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"owner_id" uuid
);
--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_templates_owner_name_idx" ON "email_templates" USING btree ("owner_id","name","id") WHERE "email_templates"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "email_templates_shared_name_idx" ON "email_templates" USING btree ("name","id") WHERE "email_templates"."shared" and "email_templates"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "email_templates_name_idx" ON "email_templates" USING btree ("name","id") WHERE "email_templates"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "email_templates_updated_at_idx" ON "email_templates" USING btree ("updated_at","id") WHERE "email_templates"."deleted_at" is null;