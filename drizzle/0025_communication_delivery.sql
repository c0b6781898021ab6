ALTER TABLE "communications" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "communications" ADD COLUMN "delivery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "communications" ADD COLUMN "delivery_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "communications" ADD COLUMN "delivery_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "communications" ADD COLUMN "delivery_error" text;--> statement-breakpoint
CREATE INDEX "communications_mail_queue_idx" ON "communications" USING btree ("occurred_at") WHERE "communications"."status" = 'queued' and "communications"."channel" = 'email' and "communications"."direction" = 'outbound' and "communications"."deleted_at" is null;