CREATE TABLE "mailbox_sync_states" (
	"user_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"delta_link" text,
	"since" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "mailbox_sync_states_user_id_folder_pk" PRIMARY KEY("user_id","folder")
);
--> statement-breakpoint
CREATE TABLE "outlook_events" (
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"event_id" text,
	"synced_version" integer,
	"synced_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"record_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailbox_sync_states" ADD CONSTRAINT "mailbox_sync_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlook_events" ADD CONSTRAINT "outlook_events_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlook_events" ADD CONSTRAINT "outlook_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outlook_events_user_idx" ON "outlook_events" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "communications_message_id_unique" ON "communications" USING btree ("message_id");