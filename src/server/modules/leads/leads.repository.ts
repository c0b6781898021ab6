import { and, asc, eq, getTableColumns, gt, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Lead, ListLeadsQuery, ScoreReason } from '../../../shared/contracts/leads.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
  activities,
  attachments,
  communications,
  contacts,
  leads,
  notes,
  tasks,
  territories,
} from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { notAmong, phaseMatch, type SearchPhase, textMatch, textRank } from '../../platform/text-search.js';
import { rankSearchMatches } from '../../platform/text-search.repository.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleAccounts, visibleRecords } from '../../platform/visibility.js';
import { type AccountRow, accountColumns } from '../accounts/accounts.repository.js';
import { type ContactRow, visibleContacts } from '../contacts/contacts.repository.js';

export type LeadRow = typeof leads.$inferSelect;

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.company,
    title: row.title,
    email: row.email,
    phone: row.phone,
    source: row.source as Lead['source'],
    stage: row.stage as Lead['stage'],
    status: row.status as Lead['status'],
    bant: {
      budget: row.bantBudget,
      authority: row.bantAuthority,
      need: row.bantNeed,
      timeline: row.bantTimeline,
    },
    budgetAmount: row.budgetAmount,
    decisionDate: row.decisionDate,
    needDescription: row.needDescription,
    employees: row.employees,
    country: row.country,
    region: row.region,
    score: row.score,
    scoreReasons: row.scoreReasons as ScoreReason[],
    ownerId: row.ownerId,
    territoryId: row.territoryId,
    convertedAt: row.convertedAt?.toISOString() ?? null,
    convertedAccountId: row.convertedAccountId,
    convertedContactId: row.convertedContactId,
    convertedOpportunityId: row.convertedOpportunityId,
    disqualifiedAt: row.disqualifiedAt?.toISOString() ?? null,
    disqualifiedReason: row.disqualifiedReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Columns of the answers: everything but the search documents, which are large and internal. */
const { search: _search, ...leadColumns } = getTableColumns(leads);
const { search: _contactSearch, ...contactColumns } = getTableColumns(contacts);

export { leadColumns };

/** A lead is visible to its owner's team and to everyone working in its territory. */
export function visibleLeads(viewer: Viewer): SQL | undefined {
  return visibleRecords(viewer, { people: [leads.ownerId], territory: leads.territoryId });
}

/** Only sorts with an index (schema/leads.ts): createdAt, score and lastName, each with id as tie-breaker. */
const leadSorts: SortFields<LeadRow> = {
  createdAt: { expression: leads.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: leads.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  score: { expression: leads.score, type: 'numeric', value: (row) => row.score },
  lastName: { expression: leads.lastName, type: 'text', value: (row) => row.lastName },
};

const fullName = sql`(${leads.firstName} || ' ' || ${leads.lastName})`;

/**
 * `q` of leads: names, company and e-mail; typos in the full name or the company, so "acme j" and
 * "Jon Smiht" both find Jon Smith of Acme.
 */
export function leadTextMatch(text: string): SQL {
  return textMatch(leads.search, [fullName, leads.company], text);
}

/** A global-search hit among leads. */
export type LeadSearchHit = {
  id: string;
  firstName: string;
  lastName: string;
  company: string | null;
  status: string;
  score: number;
};

/**
 * A converted or disqualified lead is history: searching a company's name should find the account it
 * became before the lead that once named it, so such leads rank at half their match.
 */
const CLOSED_LEAD_WEIGHT = sql.raw('0.5');

/** Ranked lead hits for global search: one query, visibility-scoped. */
export async function searchLeads(db: Db, viewer: Viewer, text: string, limit: number, phase: SearchPhase) {
  const names = [fullName, leads.company];
  const rank = textRank(leads.search, names, text, [leads.email]);
  const match = phaseMatch(phase, { document: leads.search, names, text });
  if (!match) return [];
  return rankSearchMatches<LeadSearchHit>(db, {
    table: leads,
    fields: {
      id: leads.id,
      firstName: leads.firstName,
      lastName: leads.lastName,
      company: leads.company,
      status: leads.status,
      score: sql`${rank} * (case when ${leads.status} = 'open' then 1 else ${CLOSED_LEAD_WEIGHT} end)`,
    },
    where: and(isNull(leads.deletedAt), visibleLeads(viewer), match, notAmong(leads.id, phase.excludedIds)),
    tieBreak: 'lastName',
    limit,
  });
}

export async function listLeads(db: Db, viewer: Viewer, query: ListLeadsQuery) {
  const keyset = keysetPage({
    fields: leadSorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: leads.id,
  });
  const filter = allOf(
    isNull(leads.deletedAt),
    visibleLeads(viewer),
    query.id ? inArray(leads.id, query.id) : undefined,
    query.stage ? inArray(leads.stage, query.stage) : undefined,
    query.status ? inArray(leads.status, query.status) : undefined,
    query.source ? inArray(leads.source, query.source) : undefined,
    query.ownerId ? inArray(leads.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.territoryId ? inArray(leads.territoryId, query.territoryId) : undefined,
    query.country
      ? inArray(
          sql`lower(${leads.country})`,
          query.country.map((country) => country.toLowerCase()),
        )
      : undefined,
    query.scoreMin === undefined ? undefined : gte(leads.score, query.scoreMin),
    query.scoreMax === undefined ? undefined : lte(leads.score, query.scoreMax),
    query.createdAtFrom ? gte(leads.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(leads.createdAt, new Date(query.createdAtTo)) : undefined,
    query.budgetAmountMin === undefined ? undefined : gte(leads.budgetAmount, query.budgetAmountMin),
    query.budgetAmountMax === undefined ? undefined : lte(leads.budgetAmount, query.budgetAmountMax),
    query.decisionDateFrom ? gte(leads.decisionDate, query.decisionDateFrom) : undefined,
    query.decisionDateTo ? lte(leads.decisionDate, query.decisionDateTo) : undefined,
    query.employeesMin === undefined ? undefined : gte(leads.employees, query.employeesMin),
    query.employeesMax === undefined ? undefined : lte(leads.employees, query.employeesMax),
    query.convertedAtFrom ? gte(leads.convertedAt, new Date(query.convertedAtFrom)) : undefined,
    query.convertedAtTo ? lte(leads.convertedAt, new Date(query.convertedAtTo)) : undefined,
    query.disqualifiedAtFrom ? gte(leads.disqualifiedAt, new Date(query.disqualifiedAtFrom)) : undefined,
    query.disqualifiedAtTo ? lte(leads.disqualifiedAt, new Date(query.disqualifiedAtTo)) : undefined,
    query.updatedAtFrom ? gte(leads.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(leads.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? leadTextMatch(query.q) : undefined,
  );
  const rows = (await db
    .select(leadColumns)
    .from(leads)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1)) as LeadRow[];
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(leads, filter) : undefined;
  return { data: page.rows.map(toLead), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

/**
 * The lead if the viewer may see it. With `lock`, the row stays locked until the transaction ends:
 * edits, disqualification and conversion all take this lock, so none of them can act on a lead that
 * another one has just converted.
 */
export async function findVisibleLead(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean; lock?: boolean } = {},
): Promise<LeadRow | undefined> {
  const query = db
    .select(leadColumns)
    .from(leads)
    .where(allOf(eq(leads.id, id), visibleLeads(viewer), options.includeDeleted ? undefined : isNull(leads.deletedAt)));
  const [row] = (await (options.lock ? query.for('update') : query)) as LeadRow[];
  return row;
}

export async function insertLead(db: Db, row: typeof leads.$inferInsert): Promise<LeadRow> {
  const [inserted] = (await db.insert(leads).values(row).returning(leadColumns)) as LeadRow[];
  return inserted as LeadRow;
}

/**
 * The one live territory whose region equals the given one, ignoring case; none when no territory or
 * several have it (two territories of the "Midwest" leave the choice to a person). Territories are
 * reference data every signed-in user may pick from, so this look-up is not narrowed by the viewer.
 */
export async function findTerritoryIdByRegion(db: Db, region: string): Promise<string | null> {
  const rows = await db
    .select({ id: territories.id })
    .from(territories)
    .where(and(isNull(territories.deletedAt), eq(sql`lower(${territories.region})`, region.trim().toLowerCase())))
    .limit(2);
  return rows.length === 1 ? (rows[0]?.id ?? null) : null;
}

/**
 * The live territory that holds most of the live accounts in a state or province (`region`, as a lead
 * and an account's address write it: "WI", "Texas"), within the country when one is given; none on a
 * tie. This is how a lead from a web form reaches the rep who covers its state when no territory names
 * the state as its region. Unscoped like the look-up above: it tells the lead's territory, no account.
 */
export async function findTerritoryIdByAccountsIn(
  db: Db,
  place: { region: string; country: string | null },
): Promise<string | null> {
  const rows = await queryRows<{ territory_id: string; accounts: number }>(
    db,
    sql`select ${accounts.territoryId} as territory_id, count(*)::int as accounts
      from ${accounts} join ${territories} on ${territories.id} = ${accounts.territoryId}
      where ${accounts.deletedAt} is null and ${territories.deletedAt} is null
        and lower(btrim(${accounts.state})) = ${place.region.trim().toLowerCase()}
        ${place.country ? sql`and lower(btrim(${accounts.country})) = ${place.country.trim().toLowerCase()}` : sql``}
      group by 1 order by 2 desc limit 2`,
  );
  const [first, second] = rows;
  return first && (!second || second.accounts < first.accounts) ? first.territory_id : null;
}

/**
 * A visible live account that is the lead's company: the same normalised name first, else the same
 * domain; the oldest wins, as it is the one people have been using.
 */
export async function findAccountForCompany(
  db: Db,
  viewer: Viewer,
  probe: { normalizedName: string | null; domain: string | null },
): Promise<AccountRow | undefined> {
  if (!probe.normalizedName && !probe.domain) return undefined;
  const sameName = probe.normalizedName ? sql`${accounts.normalizedName} = ${probe.normalizedName}` : sql`false`;
  const sameDomain = probe.domain ? sql`${accounts.domain} = ${probe.domain}` : sql`false`;
  const [row] = (await db
    .select(accountColumns)
    .from(accounts)
    .where(and(isNull(accounts.deletedAt), visibleAccounts(viewer), sql`(${sameName} or ${sameDomain})`))
    // A name match beats a domain match; the wrapping case keeps a constant (no name given) a valid sort key.
    .orderBy(sql`case when ${sameName} then 0 else 1 end`, asc(accounts.createdAt), asc(accounts.id))
    .limit(1)) as AccountRow[];
  return row;
}

/** A visible live contact of the account with this e-mail (already lower-cased). */
export async function findContactInAccountByEmail(
  db: Db,
  viewer: Viewer,
  accountId: string,
  email: string,
): Promise<ContactRow | undefined> {
  const [row] = (await db
    .select(contactColumns)
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, accountId),
        eq(contacts.email, email),
        isNull(contacts.deletedAt),
        visibleContacts(viewer),
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1)) as ContactRow[];
  return row;
}

/**
 * Serialises conversions of leads from the same company (by normalised name and domain): two of them
 * converting at once would each miss the other's new account and create a duplicate.
 */
export async function lockCompanyIdentity(db: Db, keys: string[]): Promise<void> {
  // Sorted, so two transactions with the same pair of keys cannot deadlock.
  for (const key of [...new Set(keys)].sort()) {
    await db.execute(sql`select pg_advisory_xact_lock(424242003, hashtext(${key}))`);
  }
}

/** A kind of record that can hang off a lead and must follow it to the account, contact and deal. */
export type LeadLink = {
  name: string;
  table: PgTable;
  leadColumn: AnyPgColumn;
  accountColumn: AnyPgColumn;
  contactColumn?: AnyPgColumn;
  opportunityColumn?: AnyPgColumn;
};

/**
 * Every kind of record that points at a lead, so a conversion can never leave a lead's history behind;
 * a new kind of linked record adds itself here.
 */
export const leadLinks: LeadLink[] = [
  {
    name: 'activities',
    table: activities,
    leadColumn: activities.leadId,
    accountColumn: activities.accountId,
    contactColumn: activities.contactId,
    opportunityColumn: activities.opportunityId,
  },
  {
    name: 'tasks',
    table: tasks,
    leadColumn: tasks.leadId,
    accountColumn: tasks.accountId,
    contactColumn: tasks.contactId,
    opportunityColumn: tasks.opportunityId,
  },
  {
    name: 'communications',
    table: communications,
    leadColumn: communications.leadId,
    accountColumn: communications.accountId,
    contactColumn: communications.contactId,
    opportunityColumn: communications.opportunityId,
  },
  {
    name: 'notes',
    table: notes,
    leadColumn: notes.leadId,
    accountColumn: notes.accountId,
    contactColumn: notes.contactId,
    opportunityColumn: notes.opportunityId,
  },
  {
    name: 'attachments',
    table: attachments,
    leadColumn: attachments.leadId,
    accountColumn: attachments.accountId,
    contactColumn: attachments.contactId,
    opportunityColumn: attachments.opportunityId,
  },
];

/**
 * Attaches the lead's linked records to what it became, keeping their lead link for history and any
 * link they already have; answers how many of each kind moved.
 */
export async function attachLeadLinks(
  db: Db,
  leadId: string,
  targets: { accountId: string; contactId: string; opportunityId: string | null },
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const link of leadLinks) {
    const set = [
      sql`${sql.identifier(link.accountColumn.name)} = coalesce(${sql.identifier(link.accountColumn.name)}, ${targets.accountId})`,
    ];
    if (link.contactColumn) {
      const column = sql.identifier(link.contactColumn.name);
      set.push(sql`${column} = coalesce(${column}, ${targets.contactId})`);
    }
    if (link.opportunityColumn && targets.opportunityId) {
      const column = sql.identifier(link.opportunityColumn.name);
      set.push(sql`${column} = coalesce(${column}, ${targets.opportunityId})`);
    }
    const rows = await queryRows<{ id: string }>(
      db,
      sql`update ${link.table} set ${sql.join(set, sql`, `)}, version = version + 1,
            updated_at = date_trunc('milliseconds', now())
          where ${sql.identifier(link.leadColumn.name)} = ${leadId} and deleted_at is null returning id`,
    );
    moved[link.name] = rows.length;
  }
  return moved;
}

/** Activities of a lead in the last 30 days (not cancelled): the engagement input of its score. */
export async function countRecentLeadActivities(db: Db, leadIds: string[]): Promise<Map<string, number>> {
  if (leadIds.length === 0) return new Map();
  const rows = await db
    .select({ leadId: activities.leadId, count: sql<number>`count(*)::int` })
    .from(activities)
    .where(
      and(
        inArray(activities.leadId, leadIds),
        isNull(activities.deletedAt),
        sql`${activities.status} <> 'cancelled'`,
        sql`coalesce(${activities.completedAt}, ${activities.scheduledAt}, ${activities.createdAt}) between now() - interval '30 days' and clock_timestamp()`,
      ),
    )
    .groupBy(activities.leadId);
  return new Map(rows.map((row) => [row.leadId as string, Number(row.count)]));
}

/**
 * Open leads after `afterId`, in id order: the re-scoring job walks them in pages. Unscoped on purpose:
 * the system re-scores every lead, whoever may see it.
 */
export async function findOpenLeadsPageForRescoring(db: Db, afterId: string | null, limit: number): Promise<LeadRow[]> {
  return (await db
    .select(leadColumns)
    .from(leads)
    .where(allOf(eq(leads.status, 'open'), isNull(leads.deletedAt), afterId ? gt(leads.id, afterId) : undefined))
    .orderBy(leads.id)
    .limit(limit)) as LeadRow[];
}

/** The lead as the system sees it (unscoped on purpose: re-scoring after an activity change). */
export async function findLeadForRescoring(db: Db, id: string): Promise<LeadRow | undefined> {
  const [row] = (await db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.id, id), isNull(leads.deletedAt)))) as LeadRow[];
  return row;
}

/**
 * Stores a recomputed score. The score is derived, not edited, so this does not bump `version`:
 * a client's If-Match must not fail because time passed or an activity was logged.
 */
export async function saveLeadScore(db: Db, id: string, score: { score: number; reasons: unknown }): Promise<void> {
  await db.update(leads).set({ score: score.score, scoreReasons: score.reasons }).where(eq(leads.id, id));
}
