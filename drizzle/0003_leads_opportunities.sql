CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"company" text,
	"title" text,
	"email" text,
	"phone" text,
	"source" text NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"employees" integer,
	"country" text,
	"region" text,
	"bant_budget" boolean DEFAULT false NOT NULL,
	"bant_authority" boolean DEFAULT false NOT NULL,
	"bant_need" boolean DEFAULT false NOT NULL,
	"bant_timeline" boolean DEFAULT false NOT NULL,
	"budget_amount" numeric(18, 2),
	"decision_date" date,
	"need_description" text,
	"score" integer DEFAULT 0 NOT NULL,
	"score_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" uuid,
	"territory_id" uuid,
	"converted_at" timestamp with time zone,
	"converted_account_id" uuid,
	"converted_contact_id" uuid,
	"converted_opportunity_id" uuid,
	"disqualified_at" timestamp with time zone,
	"disqualified_reason" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company, '') || ' ' || coalesce(replace(replace(email, '@', ' '), '.', ' '), '') || ' ' || coalesce(email, ''))) STORED,
	CONSTRAINT "leads_source_check" CHECK ("leads"."source" in ('website', 'trade_show', 'referral', 'cold_call', 'social_media')),
	CONSTRAINT "leads_stage_check" CHECK ("leads"."stage" in ('inquiry', 'qualified', 'proposal', 'negotiation')),
	CONSTRAINT "leads_status_check" CHECK ("leads"."status" in ('open', 'converted', 'disqualified')),
	CONSTRAINT "leads_score_check" CHECK ("leads"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"opportunity_id" uuid NOT NULL,
	"requested_by_id" uuid,
	"approver_id" uuid,
	"status" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"request_comment" text,
	"decision_comment" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_token_hash" text,
	CONSTRAINT "approvals_status_check" CHECK ("approvals"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"taken_on" date NOT NULL,
	"owner_id" uuid,
	"territory_id" uuid,
	"close_month" date NOT NULL,
	"currency" text NOT NULL,
	"closed_won" numeric(18, 2) NOT NULL,
	"commit" numeric(18, 2) NOT NULL,
	"best_case" numeric(18, 2) NOT NULL,
	"weighted" numeric(18, 2) NOT NULL,
	"pipeline" numeric(18, 2) NOT NULL,
	"deal_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"lead_id" uuid,
	"owner_id" uuid,
	"stage" text NOT NULL,
	"probability" integer NOT NULL,
	"amount" numeric(18, 2) DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"close_date" date NOT NULL,
	"requirements" text,
	"product_interest" text[] DEFAULT '{}'::text[] NOT NULL,
	"competitors" text[] DEFAULT '{}'::text[] NOT NULL,
	"risks" text,
	"loss_reason" text,
	"closed_at" timestamp with time zone,
	"approval_status" text DEFAULT 'not_required' NOT NULL,
	"position" double precision DEFAULT 0 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(requirements, ''))) STORED,
	CONSTRAINT "opportunities_stage_check" CHECK ("opportunities"."stage" in ('prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost')),
	CONSTRAINT "opportunities_probability_check" CHECK ("opportunities"."probability" between 0 and 100),
	CONSTRAINT "opportunities_approval_check" CHECK ("opportunities"."approval_status" in ('not_required', 'pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"probability" integer NOT NULL,
	"reason" text,
	"changed_by_id" uuid,
	"changed_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_converted_account_id_accounts_id_fk" FOREIGN KEY ("converted_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_converted_contact_id_contacts_id_fk" FOREIGN KEY ("converted_contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_history" ADD CONSTRAINT "opportunity_stage_history_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_history" ADD CONSTRAINT "opportunity_stage_history_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_created_at_idx" ON "leads" USING btree ("created_at","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "leads" USING btree ("score","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_last_name_idx" ON "leads" USING btree ("last_name","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("owner_id","created_at") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_territory_idx" ON "leads" USING btree ("territory_id","created_at") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_status_stage_idx" ON "leads" USING btree ("status","stage") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_source_idx" ON "leads" USING btree ("source") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("email");--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "leads" USING gin ("search");--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "leads" USING gin (("first_name" || ' ' || "last_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_company_trgm_idx" ON "leads" USING gin ("company" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "approvals_approver_status_idx" ON "approvals" USING btree ("approver_id","status","created_at");--> statement-breakpoint
CREATE INDEX "approvals_opportunity_idx" ON "approvals" USING btree ("opportunity_id","created_at");--> statement-breakpoint
CREATE INDEX "forecast_snapshots_taken_idx" ON "forecast_snapshots" USING btree ("taken_on","close_month");--> statement-breakpoint
CREATE INDEX "opportunities_stage_close_idx" ON "opportunities" USING btree ("stage","close_date","id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_close_idx" ON "opportunities" USING btree ("close_date","id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("owner_id","close_date") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_account_idx" ON "opportunities" USING btree ("account_id","close_date") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_amount_idx" ON "opportunities" USING btree ("amount","id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_created_at_idx" ON "opportunities" USING btree ("created_at","id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_board_idx" ON "opportunities" USING btree ("stage","position") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_lead_idx" ON "opportunities" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "opportunities_contact_idx" ON "opportunities" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "opportunities_search_idx" ON "opportunities" USING gin ("search");--> statement-breakpoint
CREATE INDEX "opportunities_name_trgm_idx" ON "opportunities" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_idx" ON "opportunity_stage_history" USING btree ("opportunity_id","changed_at","id");