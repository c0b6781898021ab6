import { type AnyColumn, and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import { accounts, opportunities } from '../db/schema/index.js';
import { isAdmin, type Viewer } from './viewer.js';

/**
 * Who sees what (API.md "Visibility"), as SQL. Every read of every resource goes through
 * `visibleRecords`, so lists, counts, search, reports and answers agree:
 * - admin: everything (no predicate);
 * - manager: records in the territories they manage and records owned by the people below them;
 * - rep: records they own or are assigned, and records tied to accounts in their territories.
 * The viewer's territories already include the ones a manager manages (see loadIdentity).
 */
export function visibleRecords(
  viewer: Viewer,
  columns: {
    /** Owner-like columns (owner, assignee, author): the record is the viewer's or their reports'. */
    people?: AnyColumn[];
    /** The record's own territory. */
    territory?: AnyColumn;
    /** The account the record hangs off: visible when that account is. */
    account?: AnyColumn;
  },
): SQL | undefined {
  if (isAdmin(viewer)) return undefined;
  const conditions: (SQL | undefined)[] = [];
  for (const column of columns.people ?? []) conditions.push(inArray(column, teamOf(viewer)));
  if (columns.territory && viewer.territoryIds.length > 0)
    conditions.push(inArray(columns.territory, viewer.territoryIds));
  if (columns.account) conditions.push(accountIsVisible(viewer, columns.account));
  return or(...conditions) ?? sql`false`;
}

/**
 * The visibility of deals: the viewer's team owns the deal, or its account is visible, that is owned by
 * the team or in the viewer's territories. The account's territory is read from the deal
 * (`opportunities.territory_id`, kept by triggers, null while the account is deleted), so the check needs
 * no look-up of the account unless the viewer's team owns accounts.
 */
export function visibleDeals(viewer: Viewer): SQL | undefined {
  if (isAdmin(viewer)) return undefined;
  return or(
    visibleRecords(viewer, { people: [opportunities.ownerId], territory: opportunities.territoryId }),
    linkedAccountWhere(opportunities.accountId, inArray(linkedAccount.ownerId, teamOf(viewer))),
  );
}

/** The visibility of the accounts table itself. */
export function visibleAccounts(viewer: Viewer, table: typeof accounts = accounts): SQL | undefined {
  return visibleRecords(viewer, { people: [table.ownerId], territory: table.territoryId });
}

/**
 * The account in `accountColumn` is live and owned by the viewer's team, asked as a list: the team's
 * accounts are read once into an array, and the record's own index on the account answers the rest.
 * Unlike an EXISTS, which PostgreSQL can only check row by row, this can be OR-ed with other indexed
 * conditions in one bitmap (see visibleContacts).
 */
export function amongAccountsOfTeam(viewer: Viewer, accountColumn: AnyColumn): SQL {
  return sql`${accountColumn} = any(array(select ${accounts.id} from ${accounts} where ${and(
    isNull(accounts.deletedAt),
    inArray(accounts.ownerId, teamOf(viewer)),
  )}))`;
}

const linkedAccount = alias(accounts, 'linked_account');

/**
 * The account in `accountColumn` exists, is live and is visible to the viewer (not an admin): one EXISTS
 * per way of seeing it rather than one EXISTS with an OR inside. Each then reads a single partial index
 * of accounts without touching the table (owner, or territory: both carry the id), and PostgreSQL can
 * hash each set once per query; the OR inside made it fetch every account of the territory from the heap
 * and plan the statement several times slower.
 */
function accountIsVisible(viewer: Viewer, accountColumn: AnyColumn): SQL | undefined {
  return or(
    linkedAccountWhere(accountColumn, inArray(linkedAccount.ownerId, teamOf(viewer))),
    viewer.territoryIds.length > 0
      ? linkedAccountWhere(accountColumn, inArray(linkedAccount.territoryId, viewer.territoryIds))
      : undefined,
  );
}

/** The live account in `accountColumn` meets `condition`. */
function linkedAccountWhere(accountColumn: AnyColumn, condition: SQL): SQL {
  return sql`exists (select 1 from ${accounts} as ${sql.identifier('linked_account')} where ${and(
    eq(linkedAccount.id, accountColumn),
    isNull(linkedAccount.deletedAt),
    condition,
  )})`;
}

/** The viewer and everyone below them: whose records the viewer sees and may change. */
export function teamOf(viewer: Viewer): string[] {
  return [viewer.userId, ...viewer.reportIds];
}

/**
 * What someone keeps for themself or offers everyone (an e-mail template, a saved view): seen by its
 * owner's team (them and the people above them) and, when shared, by everyone.
 */
export function ownedOrShared(viewer: Viewer, columns: { ownerId: AnyColumn; shared: AnyColumn }): SQL | undefined {
  if (isAdmin(viewer)) return undefined;
  return or(eq(columns.shared, true), inArray(columns.ownerId, teamOf(viewer)));
}

/**
 * Only owners, their managers (up the chain) and admins may change or delete a record; a record
 * without an owner is changed by admins and managers who can see it.
 */
export function mayChange(viewer: Viewer, ownerId: string | null): boolean {
  if (isAdmin(viewer)) return true;
  if (ownerId === null) return viewer.role === 'manager';
  return teamOf(viewer).includes(ownerId);
}
