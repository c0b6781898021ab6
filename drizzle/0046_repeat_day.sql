ALTER TABLE "tasks" DROP CONSTRAINT "tasks_repeat_check";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "repeat_day" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_repeat_check" CHECK (("tasks"."repeat_every" is null) = ("tasks"."repeat_unit" is null)
        and ("tasks"."repeat_every" is null or "tasks"."repeat_every" between 1 and 99)
        and ("tasks"."repeat_unit" is null or "tasks"."repeat_unit" in ('day', 'week', 'month', 'year'))
        and ("tasks"."repeat_until" is null or "tasks"."repeat_every" is not null)
        and ("tasks"."repeat_day" is null or "tasks"."repeat_day" between 1 and 31));