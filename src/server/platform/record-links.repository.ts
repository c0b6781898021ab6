import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { accounts, contacts, leads, opportunities } from '../db/schema/index.js';
import type { VersionedTable } from './versioned-rows.repository.js';
import type { Viewer } from './viewer.js';
import { visibleDeals, visibleRecords } from './visibility.js';

/**
 * The lead and opportunity look-ups of link checks. They live here rather than in the leads and
 * opportunities modules so that every module carrying links (activities, tasks, communications, notes)
 * depends on one small platform file, and the predicates are the same ones those modules use.
 */
export async function findVisibleLeadLink(db: Db, viewer: Viewer, id: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.id, id),
        isNull(leads.deletedAt),
        visibleRecords(viewer, { people: [leads.ownerId], territory: leads.territoryId }),
      ),
    );
  return row;
}

export async function findVisibleOpportunityLink(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ id: string; accountId: string } | undefined> {
  const [row] = await db
    .select({ id: opportunities.id, accountId: opportunities.accountId })
    .from(opportunities)
    .where(and(eq(opportunities.id, id), isNull(opportunities.deletedAt), visibleDeals(viewer)));
  return row;
}

/** The tables a record's link columns point into, by the column's field name. */
const linkedTables = {
  accountId: accounts,
  parentId: accounts,
  contactId: contacts,
  reportsToId: contacts,
  leadId: leads,
  opportunityId: opportunities,
} as const;

export type LinkField = keyof typeof linkedTables;
export const linkFields = Object.keys(linkedTables) as LinkField[];

/**
 * Whether the record a link points at is live, whoever asks: a restore checks the links the row already
 * has, which its owner set when they could see them. An account is share-locked as well, as records
 * put under it are (accounts.repository holdLiveAccount), so it cannot be deleted before this commits.
 */
export async function isLinkedRecordLive(db: Db, field: LinkField, id: string): Promise<boolean> {
  const table = linkedTables[field];
  const query = db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), isNull(table.deletedAt)));
  const rows = await (table === accounts ? query.for('share') : query);
  return rows.length > 0;
}

/**
 * Sets `field` (a contact or deal link) to null on the live rows of `table` that point at `id` (version
 * +1, as any change), answering them as they are now.
 */
export async function releaseLinks<Table extends VersionedTable>(
  db: Db,
  table: Table,
  field: 'contactId' | 'opportunityId',
  id: string,
): Promise<Table['$inferSelect'][]> {
  const column = (table as unknown as Record<string, AnyPgColumn>)[field] as AnyPgColumn;
  return (await db
    .update(table)
    .set({ [field]: null, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(column, id), isNull(table.deletedAt)))
    .returning()) as Table['$inferSelect'][];
}
