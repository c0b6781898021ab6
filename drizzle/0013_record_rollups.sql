CREATE TABLE "account_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"territory_id" uuid,
	"type" text NOT NULL,
	"stripe" smallint NOT NULL,
	"account_count" integer NOT NULL,
	CONSTRAINT "account_rollups_key" UNIQUE NULLS NOT DISTINCT("territory_id","type","stripe")
);
--> statement-breakpoint
CREATE TABLE "activity_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_territory_id" uuid,
	"lead_territory_id" uuid,
	"deal_territory_id" uuid,
	"day" date NOT NULL,
	"type" text NOT NULL,
	"activity_count" integer NOT NULL,
	CONSTRAINT "activity_rollups_key" UNIQUE NULLS NOT DISTINCT("account_territory_id","lead_territory_id","deal_territory_id","day","type")
);
--> statement-breakpoint
CREATE TABLE "lead_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"territory_id" uuid,
	"status" text NOT NULL,
	"stage" text NOT NULL,
	"source" text NOT NULL,
	"lead_count" integer NOT NULL,
	CONSTRAINT "lead_rollups_key" UNIQUE NULLS NOT DISTINCT("territory_id","status","stage","source")
);
--> statement-breakpoint
CREATE TABLE "task_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_territory_id" uuid,
	"lead_territory_id" uuid,
	"deal_territory_id" uuid,
	"due_day" date,
	"task_count" integer NOT NULL,
	CONSTRAINT "task_rollups_key" UNIQUE NULLS NOT DISTINCT("account_territory_id","lead_territory_id","deal_territory_id","due_day")
);
--> statement-breakpoint
CREATE INDEX "activity_rollups_day_idx" ON "activity_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "activity_rollups_account_territory_idx" ON "activity_rollups" USING btree ("account_territory_id","day");--> statement-breakpoint
CREATE INDEX "activity_rollups_lead_territory_idx" ON "activity_rollups" USING btree ("lead_territory_id","day");--> statement-breakpoint
CREATE INDEX "activity_rollups_deal_territory_idx" ON "activity_rollups" USING btree ("deal_territory_id","day");--> statement-breakpoint
CREATE INDEX "tasks_creator_open_idx" ON "tasks" USING btree ("created_by_id") WHERE "tasks"."deleted_at" is null and "tasks"."status" in ('open', 'in_progress');
--> statement-breakpoint
-- Hand-written below: the functions and triggers that keep the record rollups exact (see
-- src/server/db/schema/record-rollups.ts), in the manner of 0010_deal_rollups.
--
-- The territory through which a linked record is visible via each of its links: the live account's, the
-- live lead's, and the live account of the live deal; null when there is no such link or it is deleted.
-- PL/pgSQL rather than SQL: its plan is kept for the session, where a SQL function with a FROM is set up
-- again on every call (twice as slow per row).
CREATE FUNCTION "live_account_territory"(account_id uuid) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT a.territory_id FROM accounts a WHERE a.id = account_id AND a.deleted_at IS NULL);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "live_lead_territory"(lead_id uuid) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT l.territory_id FROM leads l WHERE l.id = lead_id AND l.deleted_at IS NULL);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "live_deal_territory"(opportunity_id uuid) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT a.territory_id FROM opportunities d JOIN accounts a ON a.id = d.account_id
		WHERE d.id = opportunity_id AND d.deleted_at IS NULL AND a.deleted_at IS NULL);
END;
$$;
--> statement-breakpoint
-- The records the linked rollups count, with their rollup day: live activities (UTC day of their moment)
-- and live open or in-progress tasks (UTC day of their due time). Conditions on the link columns reach
-- both branches, so a trigger finds the records of a moved account, lead or deal through their indexes.
CREATE VIEW "linked_rollup_records" AS
	SELECT 'activity'::text AS kind, id, account_id, lead_id, opportunity_id,
		(coalesce(completed_at, scheduled_at, created_at) AT TIME ZONE 'UTC')::date AS day, type
	FROM activities WHERE deleted_at IS NULL
	UNION ALL
	SELECT 'task'::text, id, account_id, lead_id, opportunity_id, (due_at AT TIME ZONE 'UTC')::date, NULL::text
	FROM tasks WHERE deleted_at IS NULL AND status IN ('open', 'in_progress');
--> statement-breakpoint
-- One record version entering (+1) or leaving (-1) a rollup.
CREATE TYPE "account_rollup_change" AS ("territory_id" uuid, "type" text, "stripe" smallint, "sign" integer);
--> statement-breakpoint
CREATE TYPE "lead_rollup_change" AS ("territory_id" uuid, "status" text, "stage" text, "source" text, "sign" integer);
--> statement-breakpoint
CREATE TYPE "linked_rollup_change" AS (
	"kind" text,
	"account_territory_id" uuid,
	"lead_territory_id" uuid,
	"deal_territory_id" uuid,
	"day" date,
	"type" text,
	"sign" integer
);
--> statement-breakpoint
-- Each apply function adds a statement's changes with one sorted INSERT … ON CONFLICT (each key once, in
-- key order, so concurrent writers lock shared rows in the same order and cannot deadlock each other),
-- skips keys whose changes cancel out, and deletes the rows whose last record left.
CREATE FUNCTION "apply_account_rollup_changes"(changes account_rollup_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	emptied bigint[];
BEGIN
	WITH upserted AS (
		INSERT INTO account_rollups AS r (territory_id, type, stripe, account_count)
		SELECT c.territory_id, c.type, c.stripe, sum(c.sign) FROM unnest(changes) AS c
		GROUP BY c.territory_id, c.type, c.stripe HAVING sum(c.sign) <> 0 ORDER BY c.territory_id, c.type, c.stripe
		ON CONFLICT ON CONSTRAINT account_rollups_key DO UPDATE SET account_count = r.account_count + excluded.account_count
		RETURNING r.id, r.account_count
	)
	SELECT array_agg(id) FILTER (WHERE account_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM account_rollups WHERE id = ANY (emptied);
	END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "apply_lead_rollup_changes"(changes lead_rollup_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	emptied bigint[];
BEGIN
	WITH upserted AS (
		INSERT INTO lead_rollups AS r (territory_id, status, stage, source, lead_count)
		SELECT c.territory_id, c.status, c.stage, c.source, sum(c.sign) FROM unnest(changes) AS c
		GROUP BY c.territory_id, c.status, c.stage, c.source HAVING sum(c.sign) <> 0
		ORDER BY c.territory_id, c.status, c.stage, c.source
		ON CONFLICT ON CONSTRAINT lead_rollups_key DO UPDATE SET lead_count = r.lead_count + excluded.lead_count
		RETURNING r.id, r.lead_count
	)
	SELECT array_agg(id) FILTER (WHERE lead_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM lead_rollups WHERE id = ANY (emptied);
	END IF;
END;
$$;
--> statement-breakpoint
-- Activities first, then tasks: the same lock order for every writer.
CREATE FUNCTION "apply_linked_rollup_changes"(changes linked_rollup_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	emptied bigint[];
BEGIN
	WITH upserted AS (
		INSERT INTO activity_rollups AS r (account_territory_id, lead_territory_id, deal_territory_id, day, type, activity_count)
		SELECT c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day, c.type, sum(c.sign)
		FROM unnest(changes) AS c WHERE c.kind = 'activity'
		GROUP BY c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day, c.type
		HAVING sum(c.sign) <> 0
		ORDER BY c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day, c.type
		ON CONFLICT ON CONSTRAINT activity_rollups_key DO UPDATE SET activity_count = r.activity_count + excluded.activity_count
		RETURNING r.id, r.activity_count
	)
	SELECT array_agg(id) FILTER (WHERE activity_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM activity_rollups WHERE id = ANY (emptied);
	END IF;

	WITH upserted AS (
		INSERT INTO task_rollups AS r (account_territory_id, lead_territory_id, deal_territory_id, due_day, task_count)
		SELECT c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day, sum(c.sign)
		FROM unnest(changes) AS c WHERE c.kind = 'task'
		GROUP BY c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day
		HAVING sum(c.sign) <> 0
		ORDER BY c.account_territory_id, c.lead_territory_id, c.deal_territory_id, c.day
		ON CONFLICT ON CONSTRAINT task_rollups_key DO UPDATE SET task_count = r.task_count + excluded.task_count
		RETURNING r.id, r.task_count
	)
	SELECT array_agg(id) FILTER (WHERE task_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM task_rollups WHERE id = ANY (emptied);
	END IF;
END;
$$;
--> statement-breakpoint
-- After every statement on activities: the counted versions that left and entered, with the current
-- territories of their links (the parents' triggers keep the rollups in step with those).
CREATE FUNCTION "record_rollups_track_activities"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes linked_rollup_change[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(ROW('activity', live_account_territory(n.account_id), live_lead_territory(n.lead_id),
				live_deal_territory(n.opportunity_id),
				(coalesce(n.completed_at, n.scheduled_at, n.created_at) AT TIME ZONE 'UTC')::date, n.type, 1)::linked_rollup_change) INTO changes
			FROM new_activities n WHERE n.deleted_at IS NULL;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(ROW('activity', live_account_territory(o.account_id), live_lead_territory(o.lead_id),
				live_deal_territory(o.opportunity_id),
				(coalesce(o.completed_at, o.scheduled_at, o.created_at) AT TIME ZONE 'UTC')::date, o.type, -1)::linked_rollup_change) INTO changes
			FROM old_activities o WHERE o.deleted_at IS NULL;
	ELSE
		SELECT array_agg(change) INTO changes FROM (
			SELECT ROW('activity', live_account_territory(o.account_id), live_lead_territory(o.lead_id),
				live_deal_territory(o.opportunity_id),
				(coalesce(o.completed_at, o.scheduled_at, o.created_at) AT TIME ZONE 'UTC')::date, o.type, -1)::linked_rollup_change AS change
			FROM old_activities o WHERE o.deleted_at IS NULL
			UNION ALL
			SELECT ROW('activity', live_account_territory(n.account_id), live_lead_territory(n.lead_id),
				live_deal_territory(n.opportunity_id),
				(coalesce(n.completed_at, n.scheduled_at, n.created_at) AT TIME ZONE 'UTC')::date, n.type, 1)::linked_rollup_change
			FROM new_activities n WHERE n.deleted_at IS NULL
		) AS versions;
	END IF;
	IF changes IS NOT NULL THEN
		PERFORM apply_linked_rollup_changes(changes);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "record_rollups_track_tasks"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes linked_rollup_change[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(ROW('task', live_account_territory(n.account_id), live_lead_territory(n.lead_id),
				live_deal_territory(n.opportunity_id), (n.due_at AT TIME ZONE 'UTC')::date, NULL, 1)::linked_rollup_change) INTO changes
			FROM new_tasks n WHERE n.deleted_at IS NULL AND n.status IN ('open', 'in_progress');
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(ROW('task', live_account_territory(o.account_id), live_lead_territory(o.lead_id),
				live_deal_territory(o.opportunity_id), (o.due_at AT TIME ZONE 'UTC')::date, NULL, -1)::linked_rollup_change) INTO changes
			FROM old_tasks o WHERE o.deleted_at IS NULL AND o.status IN ('open', 'in_progress');
	ELSE
		SELECT array_agg(change) INTO changes FROM (
			SELECT ROW('task', live_account_territory(o.account_id), live_lead_territory(o.lead_id),
				live_deal_territory(o.opportunity_id), (o.due_at AT TIME ZONE 'UTC')::date, NULL, -1)::linked_rollup_change AS change
			FROM old_tasks o WHERE o.deleted_at IS NULL AND o.status IN ('open', 'in_progress')
			UNION ALL
			SELECT ROW('task', live_account_territory(n.account_id), live_lead_territory(n.lead_id),
				live_deal_territory(n.opportunity_id), (n.due_at AT TIME ZONE 'UTC')::date, NULL, 1)::linked_rollup_change
			FROM new_tasks n WHERE n.deleted_at IS NULL AND n.status IN ('open', 'in_progress')
		) AS versions;
	END IF;
	IF changes IS NOT NULL THEN
		PERFORM apply_linked_rollup_changes(changes);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After every statement on accounts: the account rollup, and, for accounts whose live territory changed
-- (moved, deleted or restored), the activities and tasks linked to them or to their deals.
CREATE FUNCTION "record_rollups_track_accounts"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	account_changes account_rollup_change[];
	linked_changes linked_rollup_change[];
	moved_ids uuid[];
	old_territory_ids uuid[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(ROW(n.territory_id, n.type, hashtext(n.id::text) & 7, 1)::account_rollup_change) INTO account_changes
			FROM new_accounts n WHERE n.deleted_at IS NULL;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(ROW(o.territory_id, o.type, hashtext(o.id::text) & 7, -1)::account_rollup_change) INTO account_changes
			FROM old_accounts o WHERE o.deleted_at IS NULL;
	ELSE
		SELECT array_agg(change) INTO account_changes FROM (
			SELECT ROW(o.territory_id, o.type, hashtext(o.id::text) & 7, -1)::account_rollup_change AS change
			FROM old_accounts o WHERE o.deleted_at IS NULL
			UNION ALL
			SELECT ROW(n.territory_id, n.type, hashtext(n.id::text) & 7, 1)::account_rollup_change
			FROM new_accounts n WHERE n.deleted_at IS NULL
		) AS versions;
	END IF;
	IF account_changes IS NOT NULL THEN
		PERFORM apply_account_rollup_changes(account_changes);
	END IF;

	IF TG_OP = 'UPDATE' THEN
		-- Most updates move nothing: know that from the transition tables before looking for records.
		SELECT array_agg(o.id), array_agg(CASE WHEN o.deleted_at IS NULL THEN o.territory_id END)
			INTO moved_ids, old_territory_ids
			FROM old_accounts o JOIN new_accounts n ON n.id = o.id
			WHERE (CASE WHEN o.deleted_at IS NULL THEN o.territory_id END)
				IS DISTINCT FROM (CASE WHEN n.deleted_at IS NULL THEN n.territory_id END);
		IF moved_ids IS NOT NULL THEN
			WITH moved AS (
				SELECT m.id, m.old_territory_id FROM unnest(moved_ids, old_territory_ids) AS m(id, old_territory_id)
			), affected AS (
				SELECT r.* FROM linked_rollup_records r WHERE r.account_id = ANY (moved_ids)
				UNION
				SELECT r.* FROM linked_rollup_records r
				-- Only live deals give their activities a territory (opportunities_account_idx holds those).
				WHERE r.opportunity_id = ANY (ARRAY(
					SELECT d.id FROM opportunities d WHERE d.account_id = ANY (moved_ids) AND d.deleted_at IS NULL))
			), records AS (
				SELECT r.*, ma.id IS NOT NULL AS account_moved, md.id IS NOT NULL AS deal_account_moved,
					CASE WHEN d.deleted_at IS NULL THEN md.old_territory_id END AS old_deal_territory_id,
					ma.old_territory_id AS old_account_territory_id
				FROM affected r
				LEFT JOIN moved ma ON ma.id = r.account_id
				LEFT JOIN opportunities d ON d.id = r.opportunity_id
				LEFT JOIN moved md ON md.id = d.account_id
			)
			SELECT array_agg(change) INTO linked_changes FROM (
				SELECT ROW(r.kind,
						CASE WHEN r.account_moved THEN r.old_account_territory_id ELSE live_account_territory(r.account_id) END,
						live_lead_territory(r.lead_id),
						CASE WHEN r.deal_account_moved THEN r.old_deal_territory_id ELSE live_deal_territory(r.opportunity_id) END,
						r.day, r.type, -1)::linked_rollup_change AS change
				FROM records r
				UNION ALL
				SELECT ROW(r.kind, live_account_territory(r.account_id), live_lead_territory(r.lead_id),
						live_deal_territory(r.opportunity_id), r.day, r.type, 1)::linked_rollup_change
				FROM records r
			) AS changes_of_records;
			IF linked_changes IS NOT NULL THEN
				PERFORM apply_linked_rollup_changes(linked_changes);
			END IF;
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After every statement on leads: the lead rollup, and, for leads whose live territory changed, the
-- activities and tasks linked to them.
CREATE FUNCTION "record_rollups_track_leads"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	lead_changes lead_rollup_change[];
	linked_changes linked_rollup_change[];
	moved_ids uuid[];
	old_territory_ids uuid[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(ROW(n.territory_id, n.status, n.stage, n.source, 1)::lead_rollup_change) INTO lead_changes
			FROM new_leads n WHERE n.deleted_at IS NULL;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(ROW(o.territory_id, o.status, o.stage, o.source, -1)::lead_rollup_change) INTO lead_changes
			FROM old_leads o WHERE o.deleted_at IS NULL;
	ELSE
		SELECT array_agg(change) INTO lead_changes FROM (
			SELECT ROW(o.territory_id, o.status, o.stage, o.source, -1)::lead_rollup_change AS change
			FROM old_leads o WHERE o.deleted_at IS NULL
			UNION ALL
			SELECT ROW(n.territory_id, n.status, n.stage, n.source, 1)::lead_rollup_change
			FROM new_leads n WHERE n.deleted_at IS NULL
		) AS versions;
	END IF;
	IF lead_changes IS NOT NULL THEN
		PERFORM apply_lead_rollup_changes(lead_changes);
	END IF;

	IF TG_OP = 'UPDATE' THEN
		SELECT array_agg(o.id), array_agg(CASE WHEN o.deleted_at IS NULL THEN o.territory_id END)
			INTO moved_ids, old_territory_ids
			FROM old_leads o JOIN new_leads n ON n.id = o.id
			WHERE (CASE WHEN o.deleted_at IS NULL THEN o.territory_id END)
				IS DISTINCT FROM (CASE WHEN n.deleted_at IS NULL THEN n.territory_id END);
		IF moved_ids IS NOT NULL THEN
			WITH moved AS (
				SELECT m.id, m.old_territory_id FROM unnest(moved_ids, old_territory_ids) AS m(id, old_territory_id)
			), records AS (
				SELECT r.*, m.old_territory_id FROM linked_rollup_records r JOIN moved m ON m.id = r.lead_id
				WHERE r.lead_id = ANY (moved_ids)
			)
			SELECT array_agg(change) INTO linked_changes FROM (
				SELECT ROW(r.kind, live_account_territory(r.account_id), r.old_territory_id,
						live_deal_territory(r.opportunity_id), r.day, r.type, -1)::linked_rollup_change AS change
				FROM records r
				UNION ALL
				SELECT ROW(r.kind, live_account_territory(r.account_id), live_lead_territory(r.lead_id),
						live_deal_territory(r.opportunity_id), r.day, r.type, 1)::linked_rollup_change
				FROM records r
			) AS changes_of_records;
			IF linked_changes IS NOT NULL THEN
				PERFORM apply_linked_rollup_changes(linked_changes);
			END IF;
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After every update of deals: for deals whose live territory changed (deleted, restored, or moved to
-- another account), the activities and tasks linked to them.
CREATE FUNCTION "record_rollups_track_deals"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	linked_changes linked_rollup_change[];
	moved_ids uuid[];
	old_territory_ids uuid[];
BEGIN
	SELECT array_agg(o.id), array_agg(CASE WHEN o.deleted_at IS NULL THEN live_account_territory(o.account_id) END)
		INTO moved_ids, old_territory_ids
		FROM old_deals o JOIN new_deals n ON n.id = o.id
		WHERE (o.account_id, o.deleted_at IS NULL) IS DISTINCT FROM (n.account_id, n.deleted_at IS NULL);
	IF moved_ids IS NOT NULL THEN
		WITH moved AS (
			SELECT m.id, m.old_territory_id FROM unnest(moved_ids, old_territory_ids) AS m(id, old_territory_id)
		), records AS (
			SELECT r.*, m.old_territory_id FROM linked_rollup_records r JOIN moved m ON m.id = r.opportunity_id
			WHERE r.opportunity_id = ANY (moved_ids)
		)
		SELECT array_agg(change) INTO linked_changes FROM (
			SELECT ROW(r.kind, live_account_territory(r.account_id), live_lead_territory(r.lead_id), r.old_territory_id,
					r.day, r.type, -1)::linked_rollup_change AS change
			FROM records r
			UNION ALL
			SELECT ROW(r.kind, live_account_territory(r.account_id), live_lead_territory(r.lead_id),
					live_deal_territory(r.opportunity_id), r.day, r.type, 1)::linked_rollup_change
			FROM records r
		) AS changes_of_records;
		IF linked_changes IS NOT NULL THEN
			PERFORM apply_linked_rollup_changes(linked_changes);
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_activity_insert" AFTER INSERT ON "activities"
	REFERENCING NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_activities();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_activity_update" AFTER UPDATE ON "activities"
	REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_activities();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_activity_delete" AFTER DELETE ON "activities"
	REFERENCING OLD TABLE AS old_activities FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_activities();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_task_insert" AFTER INSERT ON "tasks"
	REFERENCING NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_tasks();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_task_update" AFTER UPDATE ON "tasks"
	REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_tasks();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_task_delete" AFTER DELETE ON "tasks"
	REFERENCING OLD TABLE AS old_tasks FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_tasks();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_account_insert" AFTER INSERT ON "accounts"
	REFERENCING NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_accounts();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_account_update" AFTER UPDATE ON "accounts"
	REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_accounts();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_account_delete" AFTER DELETE ON "accounts"
	REFERENCING OLD TABLE AS old_accounts FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_accounts();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_lead_insert" AFTER INSERT ON "leads"
	REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_leads();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_lead_update" AFTER UPDATE ON "leads"
	REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_leads();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_lead_delete" AFTER DELETE ON "leads"
	REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_leads();
--> statement-breakpoint
CREATE TRIGGER "record_rollups_after_deal_update" AFTER UPDATE ON "opportunities"
	REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION record_rollups_track_deals();
--> statement-breakpoint
-- Recomputes the four rollups from the records (joins, not the per-row functions: a bulk load has a
-- million activities). TRUNCATE holds an exclusive lock until the caller's transaction ends, so a
-- concurrent writer's trigger waits and then applies its change on top of the rebuilt rows.
CREATE FUNCTION "rebuild_record_rollups"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE account_rollups, lead_rollups, activity_rollups, task_rollups;
	INSERT INTO account_rollups (territory_id, type, stripe, account_count)
	SELECT territory_id, type, hashtext(id::text) & 7, count(*) FROM accounts WHERE deleted_at IS NULL
	GROUP BY territory_id, type, hashtext(id::text) & 7;
	INSERT INTO lead_rollups (territory_id, status, stage, source, lead_count)
	SELECT territory_id, status, stage, source, count(*) FROM leads WHERE deleted_at IS NULL
	GROUP BY territory_id, status, stage, source;
	-- Each record's link territories are joined once; the two rollups are filled from the same rows.
	WITH keyed AS (
		SELECT r.kind, a.territory_id AS account_territory_id, l.territory_id AS lead_territory_id,
			da.territory_id AS deal_territory_id, r.day, r.type
		FROM linked_rollup_records r
		LEFT JOIN accounts a ON a.id = r.account_id AND a.deleted_at IS NULL
		LEFT JOIN leads l ON l.id = r.lead_id AND l.deleted_at IS NULL
		LEFT JOIN opportunities d ON d.id = r.opportunity_id AND d.deleted_at IS NULL
		LEFT JOIN accounts da ON da.id = d.account_id AND da.deleted_at IS NULL
	), activity_rows AS (
		INSERT INTO activity_rollups (account_territory_id, lead_territory_id, deal_territory_id, day, type, activity_count)
		SELECT account_territory_id, lead_territory_id, deal_territory_id, day, type, count(*)
		FROM keyed WHERE kind = 'activity'
		GROUP BY account_territory_id, lead_territory_id, deal_territory_id, day, type
	)
	INSERT INTO task_rollups (account_territory_id, lead_territory_id, deal_territory_id, due_day, task_count)
	SELECT account_territory_id, lead_territory_id, deal_territory_id, day, count(*)
	FROM keyed WHERE kind = 'task'
	GROUP BY account_territory_id, lead_territory_id, deal_territory_id, day;
END;
$$;
--> statement-breakpoint
-- Records that exist now enter the rollups.
SELECT rebuild_record_rollups();
--> statement-breakpoint
-- Statistics of an activity's moment: the moment index is partial, and PostgreSQL keeps no statistics for
-- the expressions of partial indexes, so it took every window of activities for 0.5 % of the table and
-- scanned a month of the moment index where the owner's index held the few rows asked for.
CREATE STATISTICS "activities_moment_stats" ON (coalesce(completed_at, scheduled_at, created_at)) FROM "activities";
--> statement-breakpoint
ANALYZE "activities";
