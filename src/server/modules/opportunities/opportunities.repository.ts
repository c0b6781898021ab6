import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type {
  ListOpportunitiesQuery,
  Opportunity,
  OpportunityStage,
  StageHistoryEntry,
} from '../../../shared/contracts/opportunities.js';
import type { Db } from '../../db/client.js';
import {
  leads,
  opportunities,
  opportunityLineItems,
  opportunityStageHistory,
  products,
} from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { accountInTerritories } from '../../platform/record-links.js';
import { notAmong, phaseMatch, type SearchPhase, textMatch, textRank } from '../../platform/text-search.js';
import { rankSearchMatches } from '../../platform/text-search.repository.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleDeals, visibleRecords } from '../../platform/visibility.js';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type StageHistoryRow = typeof opportunityStageHistory.$inferSelect;

/** amount × probability / 100 to the cent; amount has cents, so amount × probability is a whole number of them. */
export function weightedAmount(amount: number, probability: number): number {
  return Math.round(amount * probability) / 100;
}

export function toOpportunity(row: OpportunityRow): Opportunity {
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    contactId: row.contactId,
    leadId: row.leadId,
    ownerId: row.ownerId,
    stage: row.stage as Opportunity['stage'],
    probability: row.probability,
    amount: row.amount,
    currency: row.currency,
    closeDate: row.closeDate,
    requirements: row.requirements,
    productInterest: row.productInterest,
    competitors: row.competitors,
    risks: row.risks,
    lossReason: row.lossReason,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    approvalStatus: row.approvalStatus as Opportunity['approvalStatus'],
    weightedAmount: weightedAmount(row.amount, row.probability),
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toStageHistoryEntry(row: StageHistoryRow): StageHistoryEntry {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    fromStage: row.fromStage as StageHistoryEntry['fromStage'],
    toStage: row.toStage as StageHistoryEntry['toStage'],
    amount: row.amount,
    probability: row.probability,
    reason: row.reason,
    changedById: row.changedById,
    changedAt: row.changedAt.toISOString(),
  };
}

/** Everything but the search document, which is large and internal. */
const { search: _search, ...opportunityColumns } = getTableColumns(opportunities);

export { opportunityColumns };

/** Every sort has a partial index on (field, id) except name and probability (see the module note). */
const opportunitySorts: SortFields<OpportunityRow> = {
  closeDate: { expression: opportunities.closeDate, type: 'date', value: (row) => row.closeDate },
  amount: { expression: opportunities.amount, type: 'numeric', value: (row) => row.amount },
  createdAt: { expression: opportunities.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: opportunities.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  name: { expression: opportunities.name, type: 'text', value: (row) => row.name },
  probability: { expression: opportunities.probability, type: 'numeric', value: (row) => row.probability },
  // numeric compares with double precision by casting to it, so a cursor from a JS double matches exactly.
  position: { expression: opportunities.position, type: 'numeric', value: (row) => row.position },
};

/** `q` of opportunities: name and requirements; typos in the name. */
export function opportunityTextMatch(text: string): SQL {
  return textMatch(opportunities.search, [opportunities.name], text);
}

/** A global-search hit among opportunities. */
export type OpportunitySearchHit = {
  id: string;
  name: string;
  stage: string;
  amount: number;
  currency: string;
  score: number;
};

/** Ranked opportunity hits for global search: one query, visibility-scoped. */
export async function searchOpportunities(db: Db, viewer: Viewer, text: string, limit: number, phase: SearchPhase) {
  const names = [opportunities.name];
  const rank = textRank(opportunities.search, names, text);
  const match = phaseMatch(phase, { document: opportunities.search, names, text });
  if (!match) return [];
  return rankSearchMatches<OpportunitySearchHit>(db, {
    table: opportunities,
    fields: {
      id: opportunities.id,
      name: opportunities.name,
      stage: opportunities.stage,
      amount: opportunities.amount,
      currency: opportunities.currency,
      score: rank,
    },
    where: and(
      isNull(opportunities.deletedAt),
      visibleDeals(viewer),
      match,
      notAmong(opportunities.id, phase.excludedIds),
    ),
    tieBreak: 'name',
    limit,
  });
}

/** The deal has a live line meeting `condition` (on the line and its product): the product filters. */
function withLines(condition: SQL): SQL {
  return sql`exists (select 1 from ${opportunityLineItems}
    join ${products} on ${products.id} = ${opportunityLineItems.productId}
    where ${opportunityLineItems.opportunityId} = ${opportunities.id} and ${opportunityLineItems.deletedAt} is null
      and ${condition})`;
}

/**
 * A page of deals. For anyone but an admin, the page's ids are chosen first and the rows read after: a
 * rep sees about one deal in twenty, and visibility reads only the owner, account and territory, so the walk of
 * the open deals by close date past the deals of other territories reads opportunities_open_visibility_idx
 * alone, and only the page's rows come from the table (a rep's board column: 2,700 buffers to 290).
 */
export async function listOpportunities(db: Db, viewer: Viewer, query: ListOpportunitiesQuery) {
  const keyset = keysetPage({
    fields: opportunitySorts,
    sort: query.sort,
    defaultSort: 'closeDate',
    cursor: query.cursor,
    idColumn: opportunities.id,
  });
  const visibility = visibleDeals(viewer);
  const filter = allOf(
    isNull(opportunities.deletedAt),
    visibility,
    query.id ? inArray(opportunities.id, query.id) : undefined,
    query.stage ? inArray(opportunities.stage, query.stage) : undefined,
    query.currency ? inArray(opportunities.currency, query.currency) : undefined,
    query.ownerId ? inArray(opportunities.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.accountId ? inArray(opportunities.accountId, query.accountId) : undefined,
    accountInTerritories(viewer, opportunities.accountId, query.territoryId),
    query.contactId ? inArray(opportunities.contactId, query.contactId) : undefined,
    query.leadId ? inArray(opportunities.leadId, query.leadId) : undefined,
    query.approvalStatus ? inArray(opportunities.approvalStatus, query.approvalStatus) : undefined,
    query.closeDateFrom ? gte(opportunities.closeDate, query.closeDateFrom) : undefined,
    query.closeDateTo ? lte(opportunities.closeDate, query.closeDateTo) : undefined,
    query.amountMin === undefined ? undefined : gte(opportunities.amount, query.amountMin),
    query.amountMax === undefined ? undefined : lte(opportunities.amount, query.amountMax),
    query.createdAtFrom ? gte(opportunities.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(opportunities.createdAt, new Date(query.createdAtTo)) : undefined,
    query.lossReason ? inArray(sql`btrim(${opportunities.lossReason})`, query.lossReason) : undefined,
    query.closedAtFrom ? gte(opportunities.closedAt, new Date(query.closedAtFrom)) : undefined,
    query.closedAtTo ? lte(opportunities.closedAt, new Date(query.closedAtTo)) : undefined,
    query.probabilityMin === undefined ? undefined : gte(opportunities.probability, query.probabilityMin),
    query.probabilityMax === undefined ? undefined : lte(opportunities.probability, query.probabilityMax),
    query.updatedAtFrom ? gte(opportunities.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(opportunities.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? opportunityTextMatch(query.q) : undefined,
    query.productId ? withLines(inArray(opportunityLineItems.productId, query.productId)) : undefined,
    query.productFamily ? withLines(inArray(products.family, query.productFamily)) : undefined,
    query.hasProducts === undefined
      ? undefined
      : query.hasProducts
        ? withLines(sql`true`)
        : sql`not ${withLines(sql`true`)}`,
  );
  const firstOfPage = (fields: SelectedFields) =>
    db
      .select(fields)
      .from(opportunities)
      .where(allOf(filter, keyset.after))
      .orderBy(...keyset.orderBy)
      .limit(query.limit + 1);
  const rows = (await (visibility === undefined
    ? firstOfPage(opportunityColumns)
    : db
        .select(opportunityColumns)
        .from(opportunities)
        .where(inArray(opportunities.id, firstOfPage({ id: opportunities.id })))
        .orderBy(...keyset.orderBy))) as OpportunityRow[];
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(opportunities, filter) : undefined;
  return { data: page.rows.map(toOpportunity), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleOpportunity(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
) {
  const [row] = (await db
    .select(opportunityColumns)
    .from(opportunities)
    .where(
      allOf(
        eq(opportunities.id, id),
        visibleDeals(viewer),
        options.includeDeleted ? undefined : isNull(opportunities.deletedAt),
      ),
    )) as OpportunityRow[];
  return row;
}

/**
 * Unscoped on purpose, and locked until the transaction ends: an approval decision updates the deal's
 * approval status even when the decider (an admin) does not own it, and concurrent requests, decisions
 * and amount changes of one deal must queue so the status matches the latest approval.
 */
export async function lockOpportunity(db: Db, id: string): Promise<OpportunityRow | undefined> {
  const [row] = (await db
    .select(opportunityColumns)
    .from(opportunities)
    .where(and(eq(opportunities.id, id), isNull(opportunities.deletedAt)))
    .for('update')) as OpportunityRow[];
  return row;
}

export async function insertOpportunity(db: Db, row: typeof opportunities.$inferInsert): Promise<OpportunityRow> {
  const [inserted] = (await db.insert(opportunities).values(row).returning(opportunityColumns)) as OpportunityRow[];
  return inserted as OpportunityRow;
}

export async function insertStageHistory(db: Db, row: typeof opportunityStageHistory.$inferInsert): Promise<void> {
  await db.insert(opportunityStageHistory).values(row);
}

/** Oldest first; ids are v7 (time-ordered), so they break ties between changes in the same millisecond. */
export async function listStageHistory(db: Db, opportunityId: string): Promise<StageHistoryEntry[]> {
  const rows = await db
    .select()
    .from(opportunityStageHistory)
    .where(eq(opportunityStageHistory.opportunityId, opportunityId))
    .orderBy(asc(opportunityStageHistory.changedAt), asc(opportunityStageHistory.id));
  return rows.map(toStageHistoryEntry);
}

/** A live lead the viewer can see (theirs, their team's or in their territories), for `leadId`. */
export async function findVisibleLeadId(db: Db, viewer: Viewer, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      allOf(
        eq(leads.id, id),
        isNull(leads.deletedAt),
        visibleRecords(viewer, { people: [leads.ownerId], territory: leads.territoryId }),
      ),
    );
  return row?.id;
}

// The board: one column per stage, ordered by (position, id). Positions are shared by everyone, so the
// queries below are unscoped on purpose: a card placed between two visible neighbours must also sit
// correctly among the cards the caller cannot see.

const liveInColumn = (stage: OpportunityStage) => and(eq(opportunities.stage, stage), isNull(opportunities.deletedAt));

/** Where a new card goes: after the last one of its column. */
export async function endOfColumn(db: Db, stage: OpportunityStage): Promise<number> {
  const [row] = await db
    .select({ last: sql<number | null>`max(${opportunities.position})::float8` })
    .from(opportunities)
    .where(liveInColumn(stage));
  return row?.last === null || row?.last === undefined ? 1 : Number(row.last) + 1;
}

type Card = { id: string; position: number };

/** The card right below (`next`) or above (`previous`) `card` in its column, leaving out `exceptId`. */
export async function neighbourCard(
  db: Db,
  stage: OpportunityStage,
  card: Card,
  direction: 'next' | 'previous',
  exceptId: string,
): Promise<Card | undefined> {
  const beyond =
    direction === 'next'
      ? sql`(${opportunities.position}, ${opportunities.id}) > (${card.position}::float8, ${card.id}::uuid)`
      : sql`(${opportunities.position}, ${opportunities.id}) < (${card.position}::float8, ${card.id}::uuid)`;
  const order =
    direction === 'next'
      ? [asc(opportunities.position), asc(opportunities.id)]
      : [desc(opportunities.position), desc(opportunities.id)];
  const [row] = await db
    .select({ id: opportunities.id, position: opportunities.position })
    .from(opportunities)
    .where(and(liveInColumn(stage), ne(opportunities.id, exceptId), beyond))
    .orderBy(...order)
    .limit(1);
  return row;
}

/**
 * Rewrites a column's positions as 1, 2, 3… in their current order, when repeated midpoints have run
 * out of room between two cards. The moving card is left out: its own position is written next.
 * Versions go up, since the records' content changed, but no audit row is written for bookkeeping.
 */
export async function renumberColumn(db: Db, stage: OpportunityStage, exceptId: string): Promise<void> {
  await db.execute(sql`
    update ${opportunities} as o
    set position = r.n, version = o.version + 1, updated_at = date_trunc('milliseconds', now())
    from (
      select id, row_number() over (order by position, id)::float8 as n
      from ${opportunities}
      where stage = ${stage} and deleted_at is null and id <> ${exceptId}
    ) as r
    where o.id = r.id and o.position <> r.n`);
}

/** Moves in one column queue here, so two cards dropped into the same gap get distinct places. */
export async function lockColumn(db: Db, stage: OpportunityStage): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(424242003, hashtext(${stage}))`);
}
