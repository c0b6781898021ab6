DROP INDEX "activities_moment_idx";--> statement-breakpoint
DROP INDEX "leads_owner_idx";--> statement-breakpoint
DROP INDEX "leads_territory_idx";--> statement-breakpoint
DROP INDEX "opportunities_owner_idx";--> statement-breakpoint
DROP INDEX "opportunities_account_idx";--> statement-breakpoint
CREATE INDEX "tasks_open_idx" ON "tasks" USING btree ("due_at","assignee_id","created_by_id","account_id","lead_id","opportunity_id","id") WHERE "tasks"."deleted_at" is null and "tasks"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "activities_moment_idx" ON "activities" USING btree (coalesce("completed_at", "scheduled_at", "created_at"),"type","status","owner_id","account_id","lead_id","opportunity_id","completed_at","scheduled_at","created_at","id") WHERE "activities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("owner_id","created_at","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_territory_idx" ON "leads" USING btree ("territory_id","created_at","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("owner_id","close_date","id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_account_idx" ON "opportunities" USING btree ("account_id","close_date","id") WHERE "opportunities"."deleted_at" is null;