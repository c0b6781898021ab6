DROP INDEX "opportunities_pipeline_idx";--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "territory_id" uuid;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opportunities_open_visibility_idx" ON "opportunities" USING btree ("close_date","id","stage","owner_id","account_id","territory_id") WHERE "opportunities"."deleted_at" is null and "opportunities"."stage" in ('prospecting', 'qualification', 'proposal', 'negotiation');--> statement-breakpoint
CREATE INDEX "opportunities_pipeline_idx" ON "opportunities" USING btree ("stage","currency","close_date","owner_id","account_id","amount","probability","closed_at","territory_id") WHERE "opportunities"."deleted_at" is null;--> statement-breakpoint
-- Hand-written below: a deal carries its account's territory (null while the account is deleted), so a
-- rep's "deals of accounts in my territories" reads the deal's own indexes instead of hashing every
-- account of the territory and probing it once per deal. Triggers keep it: the application never writes it.
UPDATE "opportunities" d SET "territory_id" = live_account_territory(d.account_id);
--> statement-breakpoint
-- Before a deal is written: its territory is its account's, whatever the statement said.
CREATE FUNCTION "opportunities_take_account_territory"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.territory_id := live_account_territory(NEW.account_id);
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "opportunities_take_account_territory" BEFORE INSERT OR UPDATE OF account_id, territory_id ON "opportunities"
	FOR EACH ROW EXECUTE FUNCTION opportunities_take_account_territory();
--> statement-breakpoint
-- After every update of accounts: the deals of accounts whose territory or liveness changed follow.
CREATE FUNCTION "opportunities_follow_account_territory"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE opportunities d SET territory_id = CASE WHEN n.deleted_at IS NULL THEN n.territory_id END
	FROM old_accounts o JOIN new_accounts n ON n.id = o.id
	WHERE d.account_id = n.id
		AND (o.territory_id, o.deleted_at IS NULL) IS DISTINCT FROM (n.territory_id, n.deleted_at IS NULL)
		AND d.territory_id IS DISTINCT FROM (CASE WHEN n.deleted_at IS NULL THEN n.territory_id END);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "opportunities_follow_account_territory" AFTER UPDATE ON "accounts"
	REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT
	EXECUTE FUNCTION opportunities_follow_account_territory();
