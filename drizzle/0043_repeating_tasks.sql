ALTER TABLE "tasks" ADD COLUMN "repeat_every" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "repeat_unit" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "repeat_until" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "next_task_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_next_task_id_tasks_id_fk" FOREIGN KEY ("next_task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_repeat_check" CHECK (("tasks"."repeat_every" is null) = ("tasks"."repeat_unit" is null)
        and ("tasks"."repeat_every" is null or "tasks"."repeat_every" between 1 and 99)
        and ("tasks"."repeat_unit" is null or "tasks"."repeat_unit" in ('day', 'week', 'month', 'year'))
        and ("tasks"."repeat_until" is null or "tasks"."repeat_every" is not null));