CREATE TABLE "sales_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"set_by_id" uuid,
	CONSTRAINT "sales_targets_month_check" CHECK (extract(day from "sales_targets"."month") = 1),
	CONSTRAINT "sales_targets_amount_check" CHECK ("sales_targets"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "sales_targets" ADD CONSTRAINT "sales_targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_targets" ADD CONSTRAINT "sales_targets_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sales_targets_user_month_unique" ON "sales_targets" USING btree ("user_id","month") WHERE "sales_targets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "sales_targets_month_idx" ON "sales_targets" USING btree ("month","user_id") WHERE "sales_targets"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "sales_targets_updated_at_idx" ON "sales_targets" USING btree ("updated_at","id");