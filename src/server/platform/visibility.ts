import { type AnyColumn, and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import { accounts } from '../db/schema/index.js';
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

/** The visibility of the accounts table itself. */
export function visibleAccounts(viewer: Viewer, table: typeof accounts = accounts): SQL | undefined {
  return visibleRecords(viewer, { people: [table.ownerId], territory: table.territoryId });
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
  const linkedAccountWhere = (condition: SQL) =>
    sql`exists (select 1 from ${accounts} as ${sql.identifier('linked_account')} where ${and(
      eq(linkedAccount.id, accountColumn),
      isNull(linkedAccount.deletedAt),
      condition,
    )})`;
  return or(
    linkedAccountWhere(inArray(linkedAccount.ownerId, teamOf(viewer))),
    viewer.territoryIds.length > 0
      ? linkedAccountWhere(inArray(linkedAccount.territoryId, viewer.territoryIds))
      : undefined,
  );
}

/** The viewer and everyone below them: whose records the viewer sees and may change. */
export function teamOf(viewer: Viewer): string[] {
  return [viewer.userId, ...viewer.reportIds];
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
