CREATE INDEX "territories_created_at_id_idx" ON "territories" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "territories_updated_at_id_idx" ON "territories" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "users_updated_at_id_idx" ON "users" USING btree ("updated_at","id");