DROP INDEX "activities_account_idx";--> statement-breakpoint
DROP INDEX "activities_contact_idx";--> statement-breakpoint
DROP INDEX "activities_lead_idx";--> statement-breakpoint
DROP INDEX "activities_opportunity_idx";--> statement-breakpoint
DROP INDEX "communications_account_idx";--> statement-breakpoint
DROP INDEX "communications_contact_idx";--> statement-breakpoint
DROP INDEX "communications_lead_idx";--> statement-breakpoint
DROP INDEX "communications_opportunity_idx";--> statement-breakpoint
DROP INDEX "notes_account_idx";--> statement-breakpoint
DROP INDEX "notes_contact_idx";--> statement-breakpoint
DROP INDEX "notes_lead_idx";--> statement-breakpoint
DROP INDEX "notes_opportunity_idx";--> statement-breakpoint
DROP INDEX "tasks_account_idx";--> statement-breakpoint
DROP INDEX "tasks_contact_idx";--> statement-breakpoint
DROP INDEX "tasks_lead_idx";--> statement-breakpoint
DROP INDEX "tasks_opportunity_idx";--> statement-breakpoint
CREATE INDEX "activities_account_idx" ON "activities" USING btree ("account_id",coalesce("completed_at", "scheduled_at", "created_at"),"id") WHERE "activities"."deleted_at" is null and "activities"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_contact_idx" ON "activities" USING btree ("contact_id",coalesce("completed_at", "scheduled_at", "created_at"),"id") WHERE "activities"."deleted_at" is null and "activities"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("lead_id",coalesce("completed_at", "scheduled_at", "created_at"),"id") WHERE "activities"."deleted_at" is null and "activities"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "activities_opportunity_idx" ON "activities" USING btree ("opportunity_id",coalesce("completed_at", "scheduled_at", "created_at"),"id") WHERE "activities"."deleted_at" is null and "activities"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "communications_account_idx" ON "communications" USING btree ("account_id","occurred_at","id") WHERE "communications"."deleted_at" is null and "communications"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "communications_contact_idx" ON "communications" USING btree ("contact_id","occurred_at","id") WHERE "communications"."deleted_at" is null and "communications"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "communications_lead_idx" ON "communications" USING btree ("lead_id","occurred_at","id") WHERE "communications"."deleted_at" is null and "communications"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "communications_opportunity_idx" ON "communications" USING btree ("opportunity_id","occurred_at","id") WHERE "communications"."deleted_at" is null and "communications"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "notes_account_idx" ON "notes" USING btree ("account_id","created_at","id") WHERE "notes"."deleted_at" is null and "notes"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "notes_contact_idx" ON "notes" USING btree ("contact_id","created_at","id") WHERE "notes"."deleted_at" is null and "notes"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "notes_lead_idx" ON "notes" USING btree ("lead_id","created_at","id") WHERE "notes"."deleted_at" is null and "notes"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "notes_opportunity_idx" ON "notes" USING btree ("opportunity_id","created_at","id") WHERE "notes"."deleted_at" is null and "notes"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_account_idx" ON "tasks" USING btree ("account_id",coalesce("completed_at", "due_at", "created_at"),"id") WHERE "tasks"."deleted_at" is null and "tasks"."account_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_contact_idx" ON "tasks" USING btree ("contact_id",coalesce("completed_at", "due_at", "created_at"),"id") WHERE "tasks"."deleted_at" is null and "tasks"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_lead_idx" ON "tasks" USING btree ("lead_id",coalesce("completed_at", "due_at", "created_at"),"id") WHERE "tasks"."deleted_at" is null and "tasks"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_opportunity_idx" ON "tasks" USING btree ("opportunity_id",coalesce("completed_at", "due_at", "created_at"),"id") WHERE "tasks"."deleted_at" is null and "tasks"."opportunity_id" is not null;