import { and, eq, isNotNull, isNull, not, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../db/client.js';
import { accounts, contacts, leads, opportunities } from '../db/schema/index.js';
import { moveDeletedAt, type VersionedTable } from './versioned-rows.repository.js';
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
 * Sets `field` (a contact, deal or lead link) to null on the live rows of `table` that point at `id` and,
 * for a lead, at something else as well (version +1, as any change), answering them as they are now.
 */
export async function releaseLinks<Table extends VersionedTable>(
  db: Db,
  table: Table,
  field: ReleasedLink,
  id: string,
): Promise<Table['$inferSelect'][]> {
  return (await db
    .update(table)
    .set({ [field]: null, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(columnOf(table, field), id), isNull(table.deletedAt), otherLinkThan(table, field)))
    .returning()) as Table['$inferSelect'][];
}

/**
 * Moves the deletion time of the rows of `table` linked to `id` by `field` and to nothing else: from
 * `from` (null: the live ones) to `to`. A lead's deletion takes the activities and tasks about it alone
 * along at its own time, and its restore brings back those deleted at that very time.
 */
export function moveDeletedAtOfLinkedOnly<Table extends VersionedTable>(
  db: Db,
  table: Table,
  field: ReleasedLink,
  id: string,
  deletedAt: { from: Date | null; to: Date | null },
): Promise<Table['$inferSelect'][]> {
  const linkedOnly = and(eq(columnOf(table, field), id), not(otherLinkThan(table, field) ?? sql`false`));
  return moveDeletedAt(db, table, linkedOnly, deletedAt);
}

/** The links a record may let go of when the record they point at is deleted. */
export type ReleasedLink = 'contactId' | 'opportunityId' | 'leadId';

/** The links of an activity, task, communication or note (API.md "activities": links). */
export const recordLinkFields = ['accountId', 'contactId', 'leadId', 'opportunityId'] as const;

function columnOf(table: VersionedTable, field: (typeof recordLinkFields)[number]): AnyPgColumn {
  return (table as unknown as Record<string, AnyPgColumn>)[field] as AnyPgColumn;
}

/**
 * The row has a link besides `field`, so letting go of `field` leaves it linked. Undefined (every row)
 * for a contact or deal link: those always come with their account (checkRecordLinks fills it in), so
 * only a lead link can be a record's only one.
 */
function otherLinkThan(table: VersionedTable, field: ReleasedLink): SQL | undefined {
  if (field !== 'leadId') return undefined;
  const others = recordLinkFields
    .filter((link) => link !== field && link in table)
    .map((link) => isNotNull(columnOf(table, link)));
  return others.length === 0 ? sql`false` : or(...others);
}

/** A column of some table that names a record of one kind: what a merge repoints. */
export type RecordReference = { name: string; table: PgTable; column: AnyPgColumn };

/**
 * Repoints every row that names `sourceId` in one of `references` to `survivorId` (bumping their version,
 * so a stale If-Match notices), for a merge; answers how many of each moved, by the reference's name.
 */
export async function repointReferences(
  db: Db,
  references: readonly RecordReference[],
  sourceId: string,
  survivorId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const reference of references) {
    const column = sql.identifier(reference.column.name);
    const rows = await queryRows<{ id: string }>(
      db,
      sql`update ${reference.table} set ${column} = ${survivorId}, version = version + 1, updated_at = now()
          where ${column} = ${sourceId} returning id`,
    );
    moved[reference.name] = rows.length;
  }
  return moved;
}
