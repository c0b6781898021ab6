import { and, eq, getTableColumns, gte, inArray, isNull, lte, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { Account, AccountSummary, HierarchyNode, ListAccountsQuery } from '../../../shared/contracts/accounts.js';
import { type Db, queryRows } from '../../db/client.js';
import {
  accounts,
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
import { moveDeletedAt } from '../../platform/versioned-rows.repository.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { teamOf, visibleAccounts } from '../../platform/visibility.js';

export type AccountRow = typeof accounts.$inferSelect;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    type: row.type as Account['type'],
    parentId: row.parentId,
    territoryId: row.territoryId,
    ownerId: row.ownerId,
    industry: row.industry,
    website: row.website,
    email: row.email,
    phone: row.phone,
    annualRevenue: row.annualRevenue,
    employees: row.employees,
    visitEveryDays: row.visitEveryDays,
    priceListId: row.priceListId,
    address: { street: row.street, city: row.city, state: row.state, postalCode: row.postalCode, country: row.country },
    location: row.latitude === null || row.longitude === null ? null : { lat: row.latitude, lng: row.longitude },
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Columns of the list answer: everything but the search document, which is large and internal, the
 * family, which only triggers write and only the hierarchy reads, and the restore's bookkeeping.
 */
const { search: _search, familyId: _familyId, detachedFromId: _detachedFromId, ...columns } = getTableColumns(accounts);
export const accountColumns = columns;

/** Accounts sort with nulls (no revenue) first ascending, last descending, as coalesce(-1) places them. */
const accountSorts: SortFields<AccountRow> = {
  name: { expression: accounts.name, type: 'text', value: (row) => row.name },
  createdAt: { expression: accounts.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: accounts.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
  annualRevenue: {
    expression: sql`coalesce(${accounts.annualRevenue}, -1)`,
    type: 'numeric',
    value: (row) => row.annualRevenue ?? -1,
  },
};

/** `q` of accounts: name, website, e-mail and city; typos in the name. */
export function accountTextMatch(text: string): SQL {
  return textMatch(accounts.search, [accounts.name], text);
}

/**
 * Visibility together with a territory filter, written so the planner sees what it means: accounts in
 * the requested territories the viewer covers (all visible), plus those in the other requested ones that
 * the viewer's team owns. The plain AND of the two predicates makes PostgreSQL misjudge the row count and
 * sort a whole territory instead of reading the (territory, name) index in order.
 */
function visibleAccountsInTerritories(viewer: Viewer, territoryIds: string[] | undefined): SQL | undefined {
  if (!territoryIds) return visibleAccounts(viewer);
  const visibility = visibleAccounts(viewer);
  if (!visibility) return inArray(accounts.territoryId, territoryIds);
  const covered = territoryIds.filter((id) => viewer.territoryIds.includes(id));
  const others = territoryIds.filter((id) => !viewer.territoryIds.includes(id));
  return or(
    covered.length > 0 ? inArray(accounts.territoryId, covered) : undefined,
    others.length > 0
      ? and(inArray(accounts.territoryId, others), inArray(accounts.ownerId, teamOf(viewer)))
      : undefined,
  );
}

/**
 * Due for a visit by the account's call cycle (the coverage report's rule): a cycle, and no completed
 * visit or the last one that many days ago or more. One look-up per account in the latest-visit index
 * (activities_account_last_visit_idx), so it is asked only of accounts with a cycle.
 */
export const accountIsDueForVisit = sql`(${accounts.visitEveryDays} is not null
  and coalesce((select max(${activities.completedAt}) from ${activities}
      where ${activities.accountId} = ${accounts.id} and ${activities.type} = 'visit'
        and ${activities.status} = 'completed' and ${activities.deletedAt} is null)
    + ${accounts.visitEveryDays} * interval '1 day' <= now(), true))`;

export async function listAccounts(db: Db, viewer: Viewer, query: ListAccountsQuery) {
  const keyset = keysetPage({
    fields: accountSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: accounts.id,
  });
  const filter = allOf(
    isNull(accounts.deletedAt),
    visibleAccountsInTerritories(viewer, query.territoryId),
    query.id ? inArray(accounts.id, query.id) : undefined,
    query.type ? inArray(accounts.type, query.type) : undefined,
    query.ownerId ? inArray(accounts.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.parentId ? inArray(accounts.parentId, query.parentId) : undefined,
    query.industry ? inArray(accounts.industry, query.industry) : undefined,
    query.country
      ? inArray(
          sql`lower(${accounts.country})`,
          query.country.map((c) => c.toLowerCase()),
        )
      : undefined,
    query.city
      ? inArray(
          sql`lower(${accounts.city})`,
          query.city.map((c) => c.toLowerCase()),
        )
      : undefined,
    query.createdAtFrom ? gte(accounts.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(accounts.createdAt, new Date(query.createdAtTo)) : undefined,
    query.annualRevenueMin === undefined ? undefined : gte(accounts.annualRevenue, query.annualRevenueMin),
    query.annualRevenueMax === undefined ? undefined : lte(accounts.annualRevenue, query.annualRevenueMax),
    query.employeesMin === undefined ? undefined : gte(accounts.employees, query.employeesMin),
    query.employeesMax === undefined ? undefined : lte(accounts.employees, query.employeesMax),
    query.priceListId ? inArray(accounts.priceListId, query.priceListId) : undefined,
    query.visitDue === undefined ? undefined : query.visitDue ? accountIsDueForVisit : not(accountIsDueForVisit),
    query.updatedAtFrom ? gte(accounts.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(accounts.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? accountTextMatch(query.q) : undefined,
  );
  const rows = (await db
    .select(accountColumns)
    .from(accounts)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1)) as AccountRow[];
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(accounts, filter) : undefined;
  return { data: page.rows.map(toAccount), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleAccount(
  db: Db,
  viewer: Viewer,
  id: string,
  options: {
    includeDeleted?: boolean;
    /**
     * A record is about to be put under the account (a contact, a deal, an activity, a child account):
     * the row is share-locked until the transaction ends. A delete or merge of the account locks it for
     * update first, so it waits for this transaction and then takes the new record along, or this one
     * waits for it and finds the account gone. Without the lock both succeed, and a live record is left
     * under a deleted account.
     */
    holdForNewRecords?: boolean;
  } = {},
) {
  const query = db
    .select(accountColumns)
    .from(accounts)
    .where(
      allOf(
        eq(accounts.id, id),
        visibleAccounts(viewer),
        options.includeDeleted ? undefined : isNull(accounts.deletedAt),
      ),
    );
  const [row] = (await (options.holdForNewRecords ? query.for('share') : query)) as AccountRow[];
  return row;
}

/**
 * Share-locks a live account a new record is put under, whoever asks (findVisibleAccount's
 * `holdForNewRecords` for an account the caller named). Unscoped on purpose: the account came with a
 * record the caller may see (a contact or deal of theirs), which is what was checked, and the account
 * itself may be another team's. False when it is gone.
 */
export async function holdLiveAccount(db: Db, id: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select 1 from ${accounts} where ${accounts.id} = ${id} and ${accounts.deletedAt} is null for share`,
  );
  return rows.length > 0;
}

/** Locks the account row until the transaction ends: parent, primary-contact and merge changes queue on it. */
export async function lockAccount(db: Db, id: string): Promise<void> {
  await db.execute(sql`select 1 from ${accounts} where ${accounts.id} = ${id} for update`);
}

/**
 * Serialises every change of any account's place in the tree: two concurrent changes (A under B, B under
 * A) would each pass the cycle check alone and make a cycle together, and an account added under a
 * branch that is moving to another family would take the family the branch is leaving.
 */
export async function lockHierarchy(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(424242002)`);
}

export async function insertAccount(db: Db, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = (await db.insert(accounts).values(row).returning(accountColumns)) as AccountRow[];
  return inserted as AccountRow;
}

/** Whether `accountId` is `candidateParentId` or one of its ancestors: then the parent would close a loop. */
export async function wouldCreateAccountCycle(db: Db, accountId: string, candidateParentId: string): Promise<boolean> {
  if (accountId === candidateParentId) return true;
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`
      with recursive ancestors(id, parent_id, depth) as (
        select id, parent_id, 0 from accounts where id = ${candidateParentId}
        union all
        select a.id, a.parent_id, an.depth + 1 from accounts a join ancestors an on a.id = an.parent_id where an.depth < 1000
      )
      select exists (select 1 from ancestors where id = ${accountId}) as found`,
  );
  return rows[0]?.found === true;
}

type FamilyRow = {
  id: string;
  parent_id: string | null;
  visible: boolean;
  name: string;
  type: string;
  territory_id: string | null;
  owner_id: string | null;
  annual_revenue: number | null;
};

/**
 * The family tree of an account as the viewer may see it, from its topmost visible ancestor, depth-first
 * with children in name order, with per-node rollups. One index range reads every live member of its
 * family (`family_id`, kept by triggers) with the columns it needs; the live tree around the account, the
 * visible tree and its rollups are linear passes here.
 */
export async function findAccountFamily(db: Db, viewer: Viewer, accountId: string): Promise<HierarchyNode[]> {
  const visible = visibleAccounts(viewer) ?? sql`true`;
  const rows = await queryRows<FamilyRow>(
    db,
    sql`
      select ${accounts.id}, ${accounts.parentId}, ${accounts.name}, ${accounts.type}, ${accounts.territoryId},
        ${accounts.ownerId}, ${accounts.annualRevenue}, ${visible} as visible
      from ${accounts}
      where ${accounts.familyId} = (
          select family_id from accounts where id = ${accountId} and deleted_at is null
        )
        and ${accounts.deletedAt} is null`,
  );
  return assembleVisibleFamily(liveTreeOf(rows, accountId), accountId);
}

/**
 * The tree holding `accountId` among the live members of its family, its root's parent null. A deleted
 * account is not among them, so the tree ends above a deleted parent as a walk through live accounts does
 * (deleting an account moves its children up, so that is rare: a restore under a since deleted parent).
 */
function liveTreeOf(rows: FamilyRow[], accountId: string): FamilyRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  let root = byId.get(accountId);
  for (let steps = 0; root?.parent_id && byId.has(root.parent_id) && steps < rows.length; steps += 1) {
    root = byId.get(root.parent_id);
  }
  if (!root) return [];
  const children = groupByParent(rows, (row) => row.parent_id);
  const tree: FamilyRow[] = [{ ...root, parent_id: null }];
  for (let index = 0; index < tree.length && tree.length <= rows.length; index += 1) {
    tree.push(...(children.get((tree[index] as FamilyRow).id) ?? []));
  }
  return tree;
}

/**
 * The visible part of a family (API.md "Visibility": what the caller may not see is absent, and every
 * count is over what they may see). An account hangs from its nearest visible ancestor, so a dealer
 * whose distributor is in another territory sits under the distributor's visible parent, or is a root
 * itself. Only the tree holding `accountId` is returned: depth-first from its root, children by name then
 * id, with children, descendants and revenue rolled up over visible accounts alone.
 */
function assembleVisibleFamily(rows: FamilyRow[], accountId: string): HierarchyNode[] {
  const familyChildren = groupByParent(rows, (row) => row.parent_id);
  const visibleParent = new Map<string, string | null>();
  const walk: { row: FamilyRow; nearestVisible: string | null }[] = (familyChildren.get(null) ?? []).map((row) => ({
    row,
    nearestVisible: null,
  }));
  while (walk.length > 0) {
    const { row, nearestVisible } = walk.pop() as { row: FamilyRow; nearestVisible: string | null };
    if (row.visible) visibleParent.set(row.id, nearestVisible);
    const below = row.visible ? row.id : nearestVisible;
    for (const child of familyChildren.get(row.id) ?? []) walk.push({ row: child, nearestVisible: below });
  }

  let rootId: string | null | undefined = accountId;
  while (visibleParent.get(rootId as string)) rootId = visibleParent.get(rootId as string);
  const root = rows.find((row) => row.id === rootId && row.visible);
  if (!root) return [];

  const children = inNameOrder(
    groupByParent(
      rows.filter((row) => visibleParent.has(row.id)),
      (row) => visibleParent.get(row.id) ?? null,
    ),
  );
  const ordered: { row: FamilyRow; depth: number; parentId: string | null }[] = [];
  const stack = [{ row: root, depth: 0, parentId: null as string | null }];
  while (stack.length > 0) {
    const entry = stack.pop() as (typeof stack)[number];
    ordered.push(entry);
    const below = [...(children.get(entry.row.id) ?? [])].reverse();
    stack.push(...below.map((child) => ({ row: child, depth: entry.depth + 1, parentId: entry.row.id })));
  }
  // Children come after their parent in `ordered`, so walking it backwards finishes every subtree first.
  const rollups = new Map<string, { descendants: number; revenue: number }>();
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const { row } = ordered[index] as (typeof ordered)[number];
    let descendants = 0;
    let revenue = row.annual_revenue !== null ? Number(row.annual_revenue) : 0;
    for (const child of children.get(row.id) ?? []) {
      const childRollup = rollups.get(child.id) as { descendants: number; revenue: number };
      descendants += childRollup.descendants + 1;
      revenue += childRollup.revenue;
    }
    rollups.set(row.id, { descendants, revenue: Math.round(revenue * 100) / 100 });
  }
  return ordered.map(({ row, depth, parentId }) => {
    const rollup = rollups.get(row.id) as { descendants: number; revenue: number };
    return {
      id: row.id,
      parentId,
      depth,
      visible: true,
      name: row.name,
      type: row.type as HierarchyNode['type'],
      territoryId: row.territory_id,
      ownerId: row.owner_id,
      annualRevenue: row.annual_revenue !== null ? Number(row.annual_revenue) : null,
      childrenCount: children.get(row.id)?.length ?? 0,
      descendantCount: rollup.descendants,
      subtreeAnnualRevenue: rollup.revenue,
    };
  });
}

/** Rows by their parent's id. */
function groupByParent(
  rows: FamilyRow[],
  parentOf: (row: FamilyRow) => string | null,
): Map<string | null, FamilyRow[]> {
  const groups = new Map<string | null, FamilyRow[]>();
  for (const row of rows) {
    const key = parentOf(row);
    const siblings = groups.get(key);
    if (siblings) siblings.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Each group in name order (case-insensitive, then id). The lower-cased names are made once per row,
 * not twice per comparison: a 1,000-account family makes thousands of comparisons.
 */
function inNameOrder(groups: Map<string | null, FamilyRow[]>): Map<string | null, FamilyRow[]> {
  const sortKeys = new Map<FamilyRow, string>();
  const keyOf = (row: FamilyRow) => {
    let key = sortKeys.get(row);
    if (key === undefined) {
      key = row.name.toLowerCase();
      sortKeys.set(row, key);
    }
    return key;
  };
  for (const siblings of groups.values()) {
    siblings.sort((a, b) => keyOf(a).localeCompare(keyOf(b)) || a.id.localeCompare(b.id));
  }
  return groups;
}

/**
 * Counts and totals of what hangs off an account, over what the viewer may see, in one query. The
 * account itself is visible (the service checked), and every record linked to a visible account is
 * visible by the visibility rules, so its opportunities, activities and tasks need no further predicate;
 * sub-accounts each need their own.
 */
export async function summarizeAccount(db: Db, viewer: Viewer, accountId: string): Promise<AccountSummary> {
  const visibleAccount = visibleAccounts(viewer) ?? sql`true`;
  const [row] = await queryRows<{
    contacts: number;
    decision_makers: number;
    child_accounts: number;
    descendant_accounts: number;
    subtree_revenue: number;
    open_deals: number;
    won_deals: number;
    lost_deals: number;
    by_currency: { currency: string; open_amount: number; weighted_amount: number; won_amount: number }[] | null;
    activities: number;
    activities_30d: number;
    planned_activities: number;
    last_activity_at: string | null;
    open_tasks: number;
    overdue_tasks: number;
    attachments: number;
  }>(
    db,
    sql`
      with recursive subtree(id, depth) as (
        select id, 0 from accounts where id = ${accountId}
        union all
        select a.id, s.depth + 1 from accounts a join subtree s on a.parent_id = s.id
        where a.deleted_at is null and s.depth < 1000
      ),
      visible_subtree as (
        select s.id, s.depth, ${accounts.annualRevenue} as annual_revenue
        from subtree s join ${accounts} on ${accounts.id} = s.id
        where ${visibleAccount}
      ),
      account_contacts as (
        select role from contacts where account_id = ${accountId} and deleted_at is null
      ),
      deals as (
        select stage, currency, amount, probability from opportunities
        where account_id = ${accountId} and deleted_at is null
      ),
      deal_amounts as (
        select currency,
          coalesce(sum(amount) filter (where stage not in ('closed_won', 'closed_lost')), 0)::float8 as open_amount,
          coalesce(sum(amount * probability / 100.0) filter (where stage not in ('closed_won', 'closed_lost')), 0)::float8 as weighted_amount,
          coalesce(sum(amount) filter (where stage = 'closed_won'), 0)::float8 as won_amount
        from deals group by currency
      ),
      account_activities as (
        select status, coalesce(completed_at, scheduled_at, created_at) as happened_at from activities
        where account_id = ${accountId} and deleted_at is null
      ),
      account_tasks as (
        select status, due_at from tasks
        where account_id = ${accountId} and deleted_at is null and status in ('open', 'in_progress')
      )
      select
        (select count(*) from account_contacts)::int as contacts,
        (select count(*) from account_contacts where role = 'decision_maker')::int as decision_makers,
        (select count(*) from visible_subtree where depth = 1)::int as child_accounts,
        (select count(*) from visible_subtree where depth > 0)::int as descendant_accounts,
        (select coalesce(sum(annual_revenue), 0) from visible_subtree)::float8 as subtree_revenue,
        (select count(*) from deals where stage not in ('closed_won', 'closed_lost'))::int as open_deals,
        (select count(*) from deals where stage = 'closed_won')::int as won_deals,
        (select count(*) from deals where stage = 'closed_lost')::int as lost_deals,
        (select json_agg(deal_amounts order by currency) from deal_amounts) as by_currency,
        (select count(*) from account_activities)::int as activities,
        (select count(*) from account_activities where happened_at >= now() - interval '30 days' and happened_at <= now())::int as activities_30d,
        (select count(*) from account_activities where status = 'planned')::int as planned_activities,
        (select max(happened_at) from account_activities where happened_at <= now()) as last_activity_at,
        (select count(*) from account_tasks)::int as open_tasks,
        (select count(*) from account_tasks where due_at < now())::int as overdue_tasks,
        (select count(*) from attachments where account_id = ${accountId} and deleted_at is null)::int as attachments`,
  );
  const lastActivityAt = row?.last_activity_at ? new Date(row.last_activity_at).toISOString() : null;
  return {
    accountId,
    contacts: row?.contacts ?? 0,
    decisionMakers: row?.decision_makers ?? 0,
    childAccounts: row?.child_accounts ?? 0,
    descendantAccounts: row?.descendant_accounts ?? 0,
    subtreeAnnualRevenue: Number(row?.subtree_revenue ?? 0),
    opportunities: {
      open: row?.open_deals ?? 0,
      won: row?.won_deals ?? 0,
      lost: row?.lost_deals ?? 0,
      byCurrency: (row?.by_currency ?? []).map((amounts) => ({
        currency: amounts.currency,
        openAmount: Number(amounts.open_amount),
        weightedAmount: Math.round(Number(amounts.weighted_amount) * 100) / 100,
        wonAmount: Number(amounts.won_amount),
      })),
    },
    activities: {
      total: row?.activities ?? 0,
      last30Days: row?.activities_30d ?? 0,
      planned: row?.planned_activities ?? 0,
      lastActivityAt,
    },
    tasks: { open: row?.open_tasks ?? 0, overdue: row?.overdue_tasks ?? 0 },
    attachments: row?.attachments ?? 0,
  };
}

/**
 * Accounts that look like the same company, over what the viewer may see: the same normalised name,
 * the same domain, or a similar name (trigram similarity), best first.
 */
export async function findDuplicateAccounts(
  db: Db,
  viewer: Viewer,
  probe: { normalizedName: string | null; domain: string | null; excludeId: string | undefined; limit: number },
) {
  const sameName = probe.normalizedName ? sql`${accounts.normalizedName} = ${probe.normalizedName}` : sql`false`;
  const sameDomain = probe.domain ? sql`${accounts.domain} = ${probe.domain}` : sql`false`;
  const similarity = probe.normalizedName
    ? sql`similarity(${accounts.normalizedName}, ${probe.normalizedName})`
    : sql`0::float8`;
  const similarName = probe.normalizedName ? sql`${accounts.normalizedName} % ${probe.normalizedName}` : sql`false`;
  const rows = await db
    .select({
      ...accountColumns,
      sameName: sql<boolean>`${sameName}`,
      sameDomain: sql<boolean>`${sameDomain}`,
      similarity: sql<number>`${similarity}::float8`,
    })
    .from(accounts)
    .where(
      and(
        isNull(accounts.deletedAt),
        visibleAccounts(viewer),
        probe.excludeId ? ne(accounts.id, probe.excludeId) : undefined,
        or(sameName, sameDomain, similarName),
      ),
    )
    .orderBy(
      sql`(case when ${sameName} then 1 else 0 end + case when ${sameDomain} then 1 else 0 end) desc`,
      sql`${similarity} desc`,
    )
    .limit(probe.limit);
  return rows.map(({ sameName: nameMatches, sameDomain: domainMatches, similarity: score, ...row }) => ({
    row: row as AccountRow,
    sameName: Boolean(nameMatches),
    sameDomain: Boolean(domainMatches),
    similarity: Number(score),
  }));
}

/** A global-search hit among accounts. */
export type AccountSearchHit = { id: string; name: string; type: string; city: string | null; score: number };

/** Ranked account hits for global search: one query, visibility-scoped. */
export async function searchAccounts(db: Db, viewer: Viewer, text: string, limit: number, phase: SearchPhase) {
  const names = [accounts.name];
  const rank = textRank(accounts.search, names, text, [accounts.email]);
  const match = phaseMatch(phase, { document: accounts.search, names, text });
  if (!match) return [];
  return rankSearchMatches<AccountSearchHit>(db, {
    table: accounts,
    fields: { id: accounts.id, name: accounts.name, type: accounts.type, city: accounts.city, score: rank },
    where: and(isNull(accounts.deletedAt), visibleAccounts(viewer), match, notAmong(accounts.id, phase.excludedIds)),
    tieBreak: 'name',
    limit,
  });
}

/**
 * Hangs the live child accounts of `parentId` from `newParentId` (null: they become roots), bumping their
 * version; answers them as they are now.
 */
/** The children of a deleted account, moved up to its parent (or made roots), marked to come back with it. */
export async function detachChildAccounts(db: Db, parentId: string, newParentId: string | null): Promise<AccountRow[]> {
  return (await db
    .update(accounts)
    .set({
      parentId: newParentId,
      detachedFromId: parentId,
      updatedAt: new Date(),
      version: sql`${accounts.version} + 1`,
    })
    .where(and(eq(accounts.parentId, parentId), isNull(accounts.deletedAt)))
    .returning(accountColumns)) as AccountRow[];
}

/**
 * The children the deletion of `parentId` moved up, back under it: those still where the deletion put
 * them (under `parentAtDeletion`); one moved elsewhere since stays there. Every mark is cleared.
 */
export async function reattachChildAccounts(
  db: Db,
  parentId: string,
  parentAtDeletion: string | null,
): Promise<AccountRow[]> {
  const children = (await db
    .update(accounts)
    .set({ parentId, detachedFromId: null, updatedAt: new Date(), version: sql`${accounts.version} + 1` })
    .where(
      and(
        eq(accounts.detachedFromId, parentId),
        isNull(accounts.deletedAt),
        parentAtDeletion === null ? isNull(accounts.parentId) : eq(accounts.parentId, parentAtDeletion),
      ),
    )
    .returning(accountColumns)) as AccountRow[];
  await db.update(accounts).set({ detachedFromId: null }).where(eq(accounts.detachedFromId, parentId));
  return children;
}

/** The records that hang off an account: deleted with it, at the same instant, and restored with it. */
export const accountRecords = [
  { entity: 'contacts', table: contacts },
  { entity: 'opportunities', table: opportunities },
  { entity: 'activities', table: activities },
  { entity: 'tasks', table: tasks },
  { entity: 'communications', table: communications },
  { entity: 'notes', table: notes },
  { entity: 'attachments', table: attachments },
] as const;

type AccountRecordTable = (typeof accountRecords)[number]['table'];
export type AccountRecordEntity = (typeof accountRecords)[number]['entity'];

/**
 * The records of `accountId` in `table` whose deletedAt is `from` (null: the live ones) given `to`: an
 * account's deletion deletes its live records at its own deletion time, and its restore brings back those
 * deleted at that very time (not one deleted on its own before).
 */
export function moveDeletedAtOfAccountRecords<Table extends AccountRecordTable>(
  db: Db,
  table: Table,
  accountId: string,
  deletedAt: { from: Date | null; to: Date | null },
): Promise<Table['$inferSelect'][]> {
  return moveDeletedAt(db, table, eq(table.accountId, accountId), deletedAt);
}

/**
 * Every kind of record that points at an account, for merge: what hangs off it, and the leads converted
 * into it. Modules add their links here as they arrive, so a merge can never leave records behind.
 */
export const accountLinks: RecordReference[] = [
  ...accountRecords.map(({ entity, table }) => ({ name: entity, table, column: table.accountId })),
  { name: 'leads', table: leads, column: leads.convertedAccountId },
  // A quote follows its deal's visibility and deletion; a merge still moves the account it is addressed to.
  { name: 'quotes', table: quotes, column: quotes.accountId },
];

/**
 * Moves every linked record and child account from `sourceId` to `survivorId` (bumping their version,
 * so a stale If-Match notices); answers how many of each moved.
 */
export async function moveAccountLinks(db: Db, sourceId: string, survivorId: string): Promise<Record<string, number>> {
  const moved = await repointReferences(db, accountLinks, sourceId, survivorId);
  const children = await db
    .update(accounts)
    .set({ parentId: survivorId, updatedAt: new Date(), version: sql`${accounts.version} + 1` })
    .where(and(eq(accounts.parentId, sourceId), ne(accounts.id, survivorId)))
    .returning({ id: accounts.id });
  moved.childAccounts = children.length;
  return moved;
}
