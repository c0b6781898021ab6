-- The search indexes take new entries directly rather than through a pending list that every search
-- reads (see searchIndex in src/server/db/schema/columns.ts). Altered in place: re-creating them would
-- rebuild them. The option does not merge what is already pending, so that is merged here.
ALTER INDEX "accounts_search_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "accounts_name_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "contacts_search_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "contacts_name_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "leads_search_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "leads_name_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "leads_company_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "opportunities_search_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "opportunities_name_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list(index_name::regclass) FROM unnest(array[
  'accounts_search_idx', 'accounts_name_trgm_idx', 'contacts_search_idx', 'contacts_name_trgm_idx', 'leads_search_idx',
  'leads_name_trgm_idx', 'leads_company_trgm_idx', 'opportunities_search_idx', 'opportunities_name_trgm_idx'
]) AS index_name;
