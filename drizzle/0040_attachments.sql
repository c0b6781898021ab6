CREATE TABLE "attachment_contents" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" uuid,
	"account_id" uuid,
	"contact_id" uuid,
	"lead_id" uuid,
	"opportunity_id" uuid,
	"activity_id" uuid,
	CONSTRAINT "attachments_size_check" CHECK ("attachments"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "attachment_contents" ADD CONSTRAINT "attachment_contents_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_account_idx" ON "attachments" USING btree ("account_id","created_at","id") WHERE "attachments"."deleted_at" is null and "attachments"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_contact_idx" ON "attachments" USING btree ("contact_id","created_at","id") WHERE "attachments"."deleted_at" is null and "attachments"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_lead_idx" ON "attachments" USING btree ("lead_id","created_at","id") WHERE "attachments"."deleted_at" is null and "attachments"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_opportunity_idx" ON "attachments" USING btree ("opportunity_id","created_at","id") WHERE "attachments"."deleted_at" is null and "attachments"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_activity_idx" ON "attachments" USING btree ("activity_id","created_at") WHERE "attachments"."deleted_at" is null and "attachments"."activity_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_updated_at_idx" ON "attachments" USING btree ("updated_at","id") WHERE "attachments"."deleted_at" is null;--> statement-breakpoint
-- Photos and PDFs are compressed already: keep the bytes out of line without trying to compress them again.
ALTER TABLE "attachment_contents" ALTER COLUMN "content" SET STORAGE EXTERNAL;
