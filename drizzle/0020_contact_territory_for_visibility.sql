ALTER TABLE "contacts" ADD COLUMN "territory_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here, the index last so it is built once over the filled column. A contact carries
-- its account's territory (null while the account is deleted), as deals do since 0019: a rep's search
-- then ANDs the words' bitmap with the bitmap of what they may see, instead of fetching every match of
-- every territory from the table to look up its account. Triggers keep it: the application never writes it.
UPDATE "contacts" c SET "territory_id" = live_account_territory(c.account_id);
--> statement-breakpoint
CREATE INDEX "contacts_territory_idx" ON "contacts" USING btree ("territory_id") WHERE "contacts"."deleted_at" is null;
--> statement-breakpoint
-- Before a contact is written: its territory is its account's, whatever the statement said.
CREATE FUNCTION "contacts_take_account_territory"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.territory_id := live_account_territory(NEW.account_id);
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "contacts_take_account_territory" BEFORE INSERT OR UPDATE OF account_id, territory_id ON "contacts"
	FOR EACH ROW EXECUTE FUNCTION contacts_take_account_territory();
--> statement-breakpoint
-- After every update of accounts: the contacts of accounts whose territory or liveness changed follow.
CREATE FUNCTION "contacts_follow_account_territory"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE contacts c SET territory_id = CASE WHEN n.deleted_at IS NULL THEN n.territory_id END
	FROM old_accounts o JOIN new_accounts n ON n.id = o.id
	WHERE c.account_id = n.id
		AND (o.territory_id, o.deleted_at IS NULL) IS DISTINCT FROM (n.territory_id, n.deleted_at IS NULL)
		AND c.territory_id IS DISTINCT FROM (CASE WHEN n.deleted_at IS NULL THEN n.territory_id END);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "contacts_follow_account_territory" AFTER UPDATE ON "accounts"
	REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT
	EXECUTE FUNCTION contacts_follow_account_territory();
