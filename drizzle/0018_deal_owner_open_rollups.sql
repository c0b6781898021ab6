CREATE TABLE "deal_owner_open_rollups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deal_owner_open_rollups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" uuid,
	"account_owner_id" uuid,
	"territory_id" uuid,
	"account_live" boolean NOT NULL,
	"currency" text NOT NULL,
	"deal_count" integer NOT NULL,
	"amount" numeric NOT NULL,
	"weighted_amount" numeric NOT NULL,
	"commit_amount" numeric NOT NULL,
	CONSTRAINT "deal_owner_open_rollups_key" UNIQUE NULLS NOT DISTINCT("owner_id","account_owner_id","territory_id","account_live","currency")
);
--> statement-breakpoint
CREATE INDEX "deal_owner_open_rollups_account_owner_idx" ON "deal_owner_open_rollups" USING btree ("account_owner_id");
--> statement-breakpoint
-- Hand-written below: the open-deals owner rollup joins the others in the function every deal trigger
-- calls, last and in key order like them, and in their rebuild. The function is the one of 0014 with one
-- more upsert: the owner rollup's open deals, with months and stages left out of the key.
CREATE OR REPLACE FUNCTION "apply_deal_rollup_changes"(changes deal_rollup_change[]) RETURNS void
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

	WITH keyed AS (
		SELECT c.owner_id, c.account_owner_id, c.territory_id, c.account_live, c.stage, c.currency,
			c.sign, c.sign * c.amount AS amount, c.sign * c.amount * c.probability AS weighted_amount,
			CASE WHEN c.probability >= 75 THEN c.sign * c.amount ELSE 0.00 END AS commit_amount
		FROM unnest(changes) AS c
	), upserted AS (
		INSERT INTO deal_owner_stage_rollups AS r (owner_id, account_owner_id, territory_id, account_live, stage,
			currency, deal_count, amount, weighted_amount, commit_amount)
		SELECT owner_id, account_owner_id, territory_id, account_live, stage, currency,
			sum(sign), sum(amount), sum(weighted_amount), sum(commit_amount)
		FROM keyed
		GROUP BY owner_id, account_owner_id, territory_id, account_live, stage, currency
		HAVING sum(sign) <> 0 OR sum(amount) <> 0 OR sum(weighted_amount) <> 0 OR sum(commit_amount) <> 0
		ORDER BY owner_id, account_owner_id, territory_id, account_live, stage, currency
		ON CONFLICT ON CONSTRAINT deal_owner_stage_rollups_key DO UPDATE SET
			deal_count = r.deal_count + excluded.deal_count,
			amount = r.amount + excluded.amount,
			weighted_amount = r.weighted_amount + excluded.weighted_amount,
			commit_amount = r.commit_amount + excluded.commit_amount
		RETURNING r.id, r.deal_count
	)
	SELECT array_agg(id) FILTER (WHERE deal_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM deal_owner_stage_rollups WHERE id = ANY (emptied);
	END IF;

	WITH keyed AS (
		SELECT c.owner_id, c.account_owner_id, c.territory_id, c.account_live, c.currency,
			c.sign, c.sign * c.amount AS amount, c.sign * c.amount * c.probability AS weighted_amount,
			CASE WHEN c.probability >= 75 THEN c.sign * c.amount ELSE 0.00 END AS commit_amount
		FROM unnest(changes) AS c
		WHERE c.stage IN ('prospecting', 'qualification', 'proposal', 'negotiation')
	), upserted AS (
		INSERT INTO deal_owner_open_rollups AS r (owner_id, account_owner_id, territory_id, account_live, currency,
			deal_count, amount, weighted_amount, commit_amount)
		SELECT owner_id, account_owner_id, territory_id, account_live, currency,
			sum(sign), sum(amount), sum(weighted_amount), sum(commit_amount)
		FROM keyed
		GROUP BY owner_id, account_owner_id, territory_id, account_live, currency
		HAVING sum(sign) <> 0 OR sum(amount) <> 0 OR sum(weighted_amount) <> 0 OR sum(commit_amount) <> 0
		ORDER BY owner_id, account_owner_id, territory_id, account_live, currency
		ON CONFLICT ON CONSTRAINT deal_owner_open_rollups_key DO UPDATE SET
			deal_count = r.deal_count + excluded.deal_count,
			amount = r.amount + excluded.amount,
			weighted_amount = r.weighted_amount + excluded.weighted_amount,
			commit_amount = r.commit_amount + excluded.commit_amount
		RETURNING r.id, r.deal_count
	)
	SELECT array_agg(id) FILTER (WHERE deal_count = 0) INTO emptied FROM upserted;
	IF emptied IS NOT NULL THEN
		DELETE FROM deal_owner_open_rollups WHERE id = ANY (emptied);
	END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "rebuild_deal_rollups"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE deal_rollups, deal_owner_rollups, deal_owner_stage_rollups, deal_owner_open_rollups;
	PERFORM apply_deal_rollup_changes(array(
		SELECT ROW(d.owner_id, a.owner_id, a.territory_id, a.deleted_at IS NULL, d.stage, d.currency, d.close_date,
			d.closed_at, d.amount, d.probability, 1)::deal_rollup_change
		FROM opportunities d JOIN accounts a ON a.id = d.account_id
		WHERE d.deleted_at IS NULL
	));
END;
$$;
--> statement-breakpoint
-- The open deals that exist now enter the new rollup: summed from the monthless owner rollup.
INSERT INTO deal_owner_open_rollups (owner_id, account_owner_id, territory_id, account_live, currency,
	deal_count, amount, weighted_amount, commit_amount)
SELECT owner_id, account_owner_id, territory_id, account_live, currency,
	sum(deal_count), sum(amount), sum(weighted_amount), sum(commit_amount)
FROM deal_owner_stage_rollups
WHERE stage IN ('prospecting', 'qualification', 'proposal', 'negotiation')
GROUP BY owner_id, account_owner_id, territory_id, account_live, currency;
