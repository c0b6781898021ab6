CREATE INDEX "accounts_updated_at_idx" ON "accounts" USING btree ("updated_at","id") WHERE "accounts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "activities_updated_at_idx" ON "activities" USING btree ("updated_at","id") WHERE "activities"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "communications_updated_at_idx" ON "communications" USING btree ("updated_at","id") WHERE "communications"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "notes_updated_at_idx" ON "notes" USING btree ("updated_at","id") WHERE "notes"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_updated_at_idx" ON "tasks" USING btree ("updated_at","id") WHERE "tasks"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_updated_at_idx" ON "contacts" USING btree ("updated_at","id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "leads_updated_at_idx" ON "leads" USING btree ("updated_at","id") WHERE "leads"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "opportunities_updated_at_idx" ON "opportunities" USING btree ("updated_at","id") WHERE "opportunities"."deleted_at" is null;