import { and, eq, getTableColumns, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Contact, ListContactsQuery } from '../../../shared/contracts/contacts.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  activities,
  attachments,
  communications,
  contacts,
  leads,
  notes,
  opportunities,
  quotes,
  tasks,
} from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { type RecordReference, repointReferences } from '../../platform/record-links.repository.js';
import { notAmong, phaseMatch, type SearchPhase, textMatch, textRank } from '../../platform/text-search.js';
import { rankSearchMatches } from '../../platform/text-search.repository.js';
import { isAdmin, resolvePeople, type Viewer } from '../../platform/viewer.js';
import { amongAccountsOfTeam, visibleRecords } from '../../platform/visibility.js';

export type ContactRow = typeof contacts.$inferSelect;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.accountId,
    firstName: row.firstName,
    lastName: row.lastName,
    title: row.title,
    role: row.role as Contact['role'],
    reportsToId: row.reportsToId,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    isPrimary: row.isPrimary,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const { search: _search, ...contactColumns } = getTableColumns(contacts);

export { contactColumns };

/**
 * A contact is visible when the viewer's team owns it or its account is visible: in the viewer's
 * territories (read from the contact, `contacts.territory_id`, kept by triggers) or owned by the team.
 * Each way is answered by an index of contacts, so PostgreSQL ORs their bitmaps and ANDs them with the
 * search's: a rep's search fetches only the matches they may see.
 */
export function visibleContacts(viewer: Viewer): SQL | undefined {
  if (isAdmin(viewer)) return undefined;
  return or(
    visibleRecords(viewer, { people: [contacts.ownerId], territory: contacts.territoryId }),
    amongAccountsOfTeam(viewer, contacts.accountId),
  );
}

const contactSorts: SortFields<ContactRow> = {
  lastName: { expression: contacts.lastName, type: 'text', value: (row) => row.lastName },
  firstName: { expression: contacts.firstName, type: 'text', value: (row) => row.firstName },
  createdAt: { expression: contacts.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: contacts.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

const fullName = sql`(${contacts.firstName} || ' ' || ${contacts.lastName})`;

/** `q` of contacts: names, e-mail and phone numbers; typos in the full name. */
export function contactTextMatch(text: string): SQL {
  return textMatch(contacts.search, [fullName], text);
}

export async function listContacts(db: Db, viewer: Viewer, query: ListContactsQuery) {
  const keyset = keysetPage({
    fields: contactSorts,
    sort: query.sort,
    defaultSort: 'lastName',
    cursor: query.cursor,
    idColumn: contacts.id,
  });
  const filter = allOf(
    isNull(contacts.deletedAt),
    visibleContacts(viewer),
    query.id ? inArray(contacts.id, query.id) : undefined,
    query.accountId ? inArray(contacts.accountId, query.accountId) : undefined,
    query.role ? inArray(contacts.role, query.role) : undefined,
    query.isPrimary === undefined ? undefined : eq(contacts.isPrimary, query.isPrimary),
    query.ownerId ? inArray(contacts.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.territoryId ? inArray(contacts.territoryId, query.territoryId) : undefined,
    query.reportsToId ? inArray(contacts.reportsToId, query.reportsToId) : undefined,
    query.createdAtFrom ? gte(contacts.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(contacts.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(contacts.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(contacts.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? contactTextMatch(query.q) : undefined,
  );
  const rows = (await db
    .select(contactColumns)
    .from(contacts)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1)) as ContactRow[];
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(contacts, filter) : undefined;
  return { data: page.rows.map(toContact), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleContact(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
) {
  const [row] = (await db
    .select(contactColumns)
    .from(contacts)
    .where(
      allOf(
        eq(contacts.id, id),
        visibleContacts(viewer),
        options.includeDeleted ? undefined : isNull(contacts.deletedAt),
      ),
    )) as ContactRow[];
  return row;
}

/** A live contact the viewer may see with this e-mail, other than `exceptId`. */
export async function findVisibleContactByEmail(db: Db, viewer: Viewer, email: string, exceptId: string | null = null) {
  const [row] = (await db
    .select(contactColumns)
    .from(contacts)
    .where(
      allOf(
        eq(contacts.email, email),
        isNull(contacts.deletedAt),
        visibleContacts(viewer),
        exceptId === null ? undefined : ne(contacts.id, exceptId),
      ),
    )
    .limit(1)) as ContactRow[];
  return row;
}

/** A live contact of the given account, whoever owns it: reports-to links stay within one account. */
export async function findContactInAccount(db: Db, id: string, accountId: string) {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.accountId, accountId), isNull(contacts.deletedAt)));
  return row;
}

export async function insertContact(db: Db, row: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [inserted] = (await db.insert(contacts).values(row).returning(contactColumns)) as ContactRow[];
  return inserted as ContactRow;
}

/** Clears the primary flag of the account's other contacts (the caller holds the account lock). */
export async function clearPrimaryContact(db: Db, accountId: string, exceptId: string | null): Promise<void> {
  await db
    .update(contacts)
    .set({ isPrimary: false, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(contacts.accountId, accountId),
        eq(contacts.isPrimary, true),
        isNull(contacts.deletedAt),
        exceptId ? ne(contacts.id, exceptId) : undefined,
      ),
    );
}

export async function hasPrimaryContact(db: Db, accountId: string, exceptId: string): Promise<boolean> {
  const count = await db.$count(
    contacts,
    and(
      eq(contacts.accountId, accountId),
      eq(contacts.isPrimary, true),
      isNull(contacts.deletedAt),
      ne(contacts.id, exceptId),
    ),
  );
  return count > 0;
}

/** On merge, the survivor's primary contact stays primary; the source's one becomes a plain contact. */
export async function demoteSourcePrimaryContact(db: Db, accounts: { sourceId: string; survivorId: string }) {
  const survivorHasPrimary =
    (await db.$count(
      contacts,
      and(eq(contacts.accountId, accounts.survivorId), eq(contacts.isPrimary, true), isNull(contacts.deletedAt)),
    )) > 0;
  if (survivorHasPrimary) await clearPrimaryContact(db, accounts.sourceId, null);
}

/** Contacts that reported to a contact who moved to another account no longer do. */
export async function detachReports(db: Db, contactId: string): Promise<void> {
  await db
    .update(contacts)
    .set({ reportsToId: null, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(eq(contacts.reportsToId, contactId));
}

/** Live contacts who report to `contactId` now report to `newManagerId`; answers them as they are now. */
export async function reassignReports(db: Db, contactId: string, newManagerId: string | null): Promise<ContactRow[]> {
  return (await db
    .update(contacts)
    .set({ reportsToId: newManagerId, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contacts.reportsToId, contactId), isNull(contacts.deletedAt)))
    .returning(contactColumns)) as ContactRow[];
}

/** Whether `contactId` is `candidateManagerId` or above it in the reports-to chain. */
export async function wouldCreateReportsCycle(db: Db, contactId: string, candidateManagerId: string): Promise<boolean> {
  if (contactId === candidateManagerId) return true;
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`
      with recursive chain(id, reports_to_id, depth) as (
        select id, reports_to_id, 0 from contacts where id = ${candidateManagerId}
        union all
        select c.id, c.reports_to_id, ch.depth + 1 from contacts c join chain ch on c.id = ch.reports_to_id where ch.depth < 1000
      )
      select exists (select 1 from chain where id = ${contactId}) as found`,
  );
  return rows[0]?.found === true;
}

/** A global-search hit among contacts. */
export type ContactSearchHit = {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  score: number;
};

/** Ranked contact hits for global search: one query, visibility-scoped. */
export async function searchContacts(db: Db, viewer: Viewer, text: string, limit: number, phase: SearchPhase) {
  const names = [fullName];
  const rank = textRank(contacts.search, names, text, [contacts.email]);
  const match = phaseMatch(phase, { document: contacts.search, names, text });
  if (!match) return [];
  return rankSearchMatches<ContactSearchHit>(db, {
    table: contacts,
    fields: {
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      title: contacts.title,
      email: contacts.email,
      score: rank,
    },
    where: and(isNull(contacts.deletedAt), visibleContacts(viewer), match, notAmong(contacts.id, phase.excludedIds)),
    tieBreak: 'lastName',
    limit,
  });
}

/** Every record that names a contact, by the column it names it in: a merge moves them all. */
const contactLinks: RecordReference[] = [
  { name: 'opportunities', table: opportunities, column: opportunities.contactId },
  { name: 'activities', table: activities, column: activities.contactId },
  { name: 'tasks', table: tasks, column: tasks.contactId },
  { name: 'communications', table: communications, column: communications.contactId },
  { name: 'notes', table: notes, column: notes.contactId },
  { name: 'attachments', table: attachments, column: attachments.contactId },
  { name: 'leads', table: leads, column: leads.convertedContactId },
  { name: 'quotes', table: quotes, column: quotes.contactId },
];

/**
 * Moves every record that names `sourceId` to `survivorId` (bumping their version, so a stale If-Match
 * notices), and whoever reported to the source to the survivor; answers how many of each moved.
 */
export async function moveContactLinks(db: Db, sourceId: string, survivorId: string): Promise<Record<string, number>> {
  const moved = await repointReferences(db, contactLinks, sourceId, survivorId);
  const reports = await db
    .update(contacts)
    .set({ reportsToId: survivorId, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contacts.reportsToId, sourceId), ne(contacts.id, survivorId), isNull(contacts.deletedAt)))
    .returning({ id: contacts.id });
  moved.reports = reports.length;
  return moved;
}

/** Locks a contact's row for the rest of the transaction (two merges of one pair queue). */
export async function lockContact(db: Db, id: string): Promise<void> {
  await db.execute(sql`select id from contacts where id = ${id} for update`);
}

/** The live contacts who report to `contactId`. */
export async function findReportIds(db: Db, contactId: string): Promise<string[]> {
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.reportsToId, contactId), isNull(contacts.deletedAt)));
  return rows.map((row) => row.id);
}

export async function setReportsTo(db: Db, contactId: string, managerId: string | null): Promise<void> {
  await db
    .update(contacts)
    .set({ reportsToId: managerId, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(eq(contacts.id, contactId));
}
