CREATE TABLE "deal_owner_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deal_owner_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" uuid,
	"account_owner_id" uuid,
	"territory_id" uuid,
	"account_live" boolean NOT NULL,
	"stage" text NOT NULL,
	"close_month" date NOT NULL,
	"closed_month" date,
	"currency" text NOT NULL,
	"deal_count" integer NOT NULL,
	"amount" numeric NOT NULL,
	"weighted_amount" numeric NOT NULL,
	"commit_amount" numeric NOT NULL,
	CONSTRAINT "deal_owner_rollups_key" UNIQUE NULLS NOT DISTINCT("owner_id","account_owner_id","territory_id","account_live","stage","close_month","closed_month","currency")
);
--> statement-breakpoint
CREATE TABLE "deal_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deal_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"territory_id" uuid,
	"account_live" boolean NOT NULL,
	"stage" text NOT NULL,
	"close_month" date NOT NULL,
	"closed_month" date,
	"currency" text NOT NULL,
	"deal_count" integer NOT NULL,
	"amount" numeric NOT NULL,
	"weighted_amount" numeric NOT NULL,
	"commit_amount" numeric NOT NULL,
	CONSTRAINT "deal_rollups_key" UNIQUE NULLS NOT DISTINCT("territory_id","account_live","stage","close_month","closed_month","currency")
);
--> statement-breakpoint
CREATE INDEX "deal_owner_rollups_account_owner_idx" ON "deal_owner_rollups" USING btree ("account_owner_id");--> statement-breakpoint
-- Hand-written below: the functions and triggers that keep deal_rollups and deal_owner_rollups exact.
--
-- One row of this type is one deal version entering (+1) or leaving (-1) the rollups, with the attributes
-- of its account that the rollup keys use.
CREATE TYPE "deal_rollup_change" AS (
	"owner_id" uuid,
	"account_owner_id" uuid,
	"territory_id" uuid,
	"account_live" boolean,
	"stage" text,
	"currency" text,
	"close_date" date,
	"closed_at" timestamptz,
	"amount" numeric,
	"probability" integer,
	"sign" integer
);
--> statement-breakpoint
-- Adds a statement's changes to both rollups. Lock order: every call touches deal_rollups first, then
-- deal_owner_rollups, and within each table its rows in key order (one sorted INSERT … ON CONFLICT per
-- table, each key once). Two statements that touch overlapping rows therefore take their row locks in the
-- same order and can queue but never deadlock; keys whose changes cancel out (an edit of a deal's name, a
-- board move) are not written at all, so they take no lock. Rows are held until commit, so concurrent
-- writers of deals with the same territory, stage, close month and currency (lead conversions in one
-- territory) queue on that row for the rest of each other's transaction; that was preferred to striping
-- the rows (more rows for every reader) or deferring the work to commit (the account attributes of a
-- deal are only known when the statement runs). A row whose last deal leaves is deleted.
CREATE FUNCTION "apply_deal_rollup_changes"(changes deal_rollup_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	emptied bigint[];
BEGIN
	WITH keyed AS (
		SELECT c.owner_id, c.account_owner_id, c.territory_id, c.account_live, c.stage, c.currency,
			date_trunc('month', c.close_date::timestamp)::date AS close_month,
			CASE WHEN c.stage IN ('closed_won', 'closed_lost')
				THEN date_trunc('month', c.closed_at AT TIME ZONE 'UTC')::date END AS closed_month,
			c.sign, c.sign * c.amount AS amount, c.sign * c.amount * c.probability AS weighted_amount,
			CASE WHEN c.probability >= 75 THEN c.sign * c.amount ELSE 0.00 END AS commit_amount
		FROM unnest(changes) AS c
	), upserted AS (
		INSERT INTO deal_rollups AS r (territory_id, account_live, stage, close_month, closed_month, currency,
			deal_count, amount, weighted_amount, commit_amount)
		SELECT territory_id, account_live, stage, close_month, closed_month, currency,
			sum(sign), sum(amount), sum(weighted_amount), sum(commit_amount)
		FROM keyed
		GROUP BY territory_id, account_live, stage, close_month, closed_month, currency
		HAVING sum(sign) <> 0 OR sum(amount) <> 0 OR sum(weighted_amount) <> 0 OR sum(commit_amount) <> 0
		ORDER BY territory_id, account_live, stage, close_month, closed_month, currency
		ON CONFLICT ON CONSTRAINT deal_rollups_key DO UPDATE SET
			deal_count = r.deal_count + excluded.deal_count,
			amount = r.amount + excluded.amount,
			weighted_amount = r.weighted_amount + excluded.weighted_amount,
			commit_amount = r.commit_amount + excluded.commit_amount
		RETURNING r.id, r.deal_count
	)
	SELECT array_agg(id) FILTER (WHERE deal_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM deal_rollups WHERE id = ANY (emptied);
	END IF;

	WITH keyed AS (
		SELECT c.owner_id, c.account_owner_id, c.territory_id, c.account_live, c.stage, c.currency,
			date_trunc('month', c.close_date::timestamp)::date AS close_month,
			CASE WHEN c.stage IN ('closed_won', 'closed_lost')
				THEN date_trunc('month', c.closed_at AT TIME ZONE 'UTC')::date END AS closed_month,
			c.sign, c.sign * c.amount AS amount, c.sign * c.amount * c.probability AS weighted_amount,
			CASE WHEN c.probability >= 75 THEN c.sign * c.amount ELSE 0.00 END AS commit_amount
		FROM unnest(changes) AS c
	), upserted AS (
		INSERT INTO deal_owner_rollups AS r (owner_id, account_owner_id, territory_id, account_live, stage,
			close_month, closed_month, currency, deal_count, amount, weighted_amount, commit_amount)
		SELECT owner_id, account_owner_id, territory_id, account_live, stage, close_month, closed_month, currency,
			sum(sign), sum(amount), sum(weighted_amount), sum(commit_amount)
		FROM keyed
		GROUP BY owner_id, account_owner_id, territory_id, account_live, stage, close_month, closed_month, currency
		HAVING sum(sign) <> 0 OR sum(amount) <> 0 OR sum(weighted_amount) <> 0 OR sum(commit_amount) <> 0
		ORDER BY owner_id, account_owner_id, territory_id, account_live, stage, close_month, closed_month, currency
		ON CONFLICT ON CONSTRAINT deal_owner_rollups_key DO UPDATE SET
			deal_count = r.deal_count + excluded.deal_count,
			amount = r.amount + excluded.amount,
			weighted_amount = r.weighted_amount + excluded.weighted_amount,
			commit_amount = r.commit_amount + excluded.commit_amount
		RETURNING r.id, r.deal_count
	)
	SELECT array_agg(id) FILTER (WHERE deal_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM deal_owner_rollups WHERE id = ANY (emptied);
	END IF;
END;
$$;
--> statement-breakpoint
-- After every statement on opportunities: the live deal versions that left (old rows) and entered (new
-- rows), with their account's current attributes (the accounts trigger keeps the rollups in step with
-- those). An update only counts the rows whose measured or keyed columns changed.
CREATE FUNCTION "deal_rollups_track_deals"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes deal_rollup_change[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(ROW(d.owner_id, a.owner_id, a.territory_id, a.deleted_at IS NULL, d.stage, d.currency,
				d.close_date, d.closed_at, d.amount, d.probability, 1)::deal_rollup_change)
			INTO changes
			FROM new_deals d JOIN accounts a ON a.id = d.account_id
			WHERE d.deleted_at IS NULL;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(ROW(d.owner_id, a.owner_id, a.territory_id, a.deleted_at IS NULL, d.stage, d.currency,
				d.close_date, d.closed_at, d.amount, d.probability, -1)::deal_rollup_change)
			INTO changes
			FROM old_deals d JOIN accounts a ON a.id = d.account_id
			WHERE d.deleted_at IS NULL;
	ELSE
		WITH changed AS (
			SELECT o AS old_deal, n AS new_deal
			FROM old_deals o JOIN new_deals n ON n.id = o.id
			WHERE (o.account_id, o.owner_id, o.stage, o.currency, o.close_date, o.closed_at, o.amount,
					o.probability, o.deleted_at IS NULL)
				IS DISTINCT FROM (n.account_id, n.owner_id, n.stage, n.currency, n.close_date, n.closed_at, n.amount,
					n.probability, n.deleted_at IS NULL)
		), versions AS (
			SELECT (old_deal).*, -1 AS sign FROM changed
			UNION ALL
			SELECT (new_deal).*, 1 AS sign FROM changed
		)
		SELECT array_agg(ROW(d.owner_id, a.owner_id, a.territory_id, a.deleted_at IS NULL, d.stage, d.currency,
				d.close_date, d.closed_at, d.amount, d.probability, d.sign)::deal_rollup_change)
			INTO changes
			FROM versions d JOIN accounts a ON a.id = d.account_id
			WHERE d.deleted_at IS NULL;
	END IF;
	IF changes IS NOT NULL THEN
		PERFORM apply_deal_rollup_changes(changes);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- After every update of accounts: the live deals of an account whose territory, owner or liveness changed
-- leave the rollups under the old attributes and enter them under the new ones.
CREATE FUNCTION "deal_rollups_track_accounts"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes deal_rollup_change[];
BEGIN
	WITH changed AS (
		SELECT o.id, o.owner_id AS old_owner_id, o.territory_id AS old_territory_id, o.deleted_at IS NULL AS old_live,
			n.owner_id AS new_owner_id, n.territory_id AS new_territory_id, n.deleted_at IS NULL AS new_live
		FROM old_accounts o JOIN new_accounts n ON n.id = o.id
		WHERE (o.owner_id, o.territory_id, o.deleted_at IS NULL)
			IS DISTINCT FROM (n.owner_id, n.territory_id, n.deleted_at IS NULL)
	)
	SELECT array_agg(change) INTO changes FROM (
		SELECT ROW(d.owner_id, c.old_owner_id, c.old_territory_id, c.old_live, d.stage, d.currency, d.close_date,
				d.closed_at, d.amount, d.probability, -1)::deal_rollup_change AS change
		FROM changed c JOIN opportunities d ON d.account_id = c.id AND d.deleted_at IS NULL
		UNION ALL
		SELECT ROW(d.owner_id, c.new_owner_id, c.new_territory_id, c.new_live, d.stage, d.currency, d.close_date,
				d.closed_at, d.amount, d.probability, 1)::deal_rollup_change
		FROM changed c JOIN opportunities d ON d.account_id = c.id AND d.deleted_at IS NULL
	) AS changes_of_deals;
	IF changes IS NOT NULL THEN
		PERFORM apply_deal_rollup_changes(changes);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Statement-level with transition tables, so a statement that moves many deals (an account merge, a
-- reassignment) updates each rollup row once, in key order. PostgreSQL allows one event per trigger
-- with transition tables, hence three on opportunities. TRUNCATE is not tracked: rebuild after one.
CREATE TRIGGER "deal_rollups_after_insert" AFTER INSERT ON "opportunities"
	REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_rollups_track_deals();
--> statement-breakpoint
CREATE TRIGGER "deal_rollups_after_update" AFTER UPDATE ON "opportunities"
	REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_rollups_track_deals();
--> statement-breakpoint
CREATE TRIGGER "deal_rollups_after_delete" AFTER DELETE ON "opportunities"
	REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_rollups_track_deals();
--> statement-breakpoint
CREATE TRIGGER "deal_rollups_after_account_update" AFTER UPDATE ON "accounts"
	REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION deal_rollups_track_accounts();
--> statement-breakpoint
-- Recomputes both rollups from the live deals. TRUNCATE takes an exclusive lock on the rollups until the
-- caller's transaction ends, so a concurrent writer's trigger waits and then applies its change on top of
-- the rebuilt rows: nothing is counted twice or lost. Run after anything that wrote deals or accounts with
-- triggers disabled (the bulk loader) or truncated them (a forced restore).
CREATE FUNCTION "rebuild_deal_rollups"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE deal_rollups, deal_owner_rollups;
	PERFORM apply_deal_rollup_changes(array(
		SELECT ROW(d.owner_id, a.owner_id, a.territory_id, a.deleted_at IS NULL, d.stage, d.currency, d.close_date,
			d.closed_at, d.amount, d.probability, 1)::deal_rollup_change
		FROM opportunities d JOIN accounts a ON a.id = d.account_id
		WHERE d.deleted_at IS NULL
	));
END;
$$;
--> statement-breakpoint
-- Deals that exist now enter the rollups.
SELECT rebuild_deal_rollups();
