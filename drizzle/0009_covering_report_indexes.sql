DROP INDEX "activities_moment_idx";--> statement-breakpoint
DROP INDEX "leads_status_stage_idx";--> statement-breakpoint
DROP INDEX "opportunities_pipeline_idx";--> statement-breakpoint
CREATE INDEX "activities_moment_idx" ON "activities" USING btree (coalesce("completed_at", "scheduled_at", "created_at"),"type","status","owner_id","completed_at","scheduled_at","created_at","id") WHERE "activities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_status_stage_idx" ON "leads" USING btree ("status","stage","source","owner_id","territory_id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_pipeline_idx" ON "opportunities" USING btree ("stage","currency","close_date","owner_id","account_id","amount","probability","closed_at") WHERE "opportunities"."deleted_at" is null;