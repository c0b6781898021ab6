import { and, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Approval, ApprovalLink, ListApprovalsQuery } from '../../../shared/contracts/approvals.js';
import { type Db, queryRows } from '../../db/client.js';
import { accounts, approvals, opportunities, users } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { isAdmin, resolvePeople, type Viewer } from '../../platform/viewer.js';
import { visibleDeals } from '../../platform/visibility.js';
import { opportunityTextMatch } from '../opportunities/opportunities.repository.js';
import { escapeLike } from '../users/users.repository.js';
import type { LatestApproval } from './approval-rules.js';

export type ApprovalRow = typeof approvals.$inferSelect;

/** The decision token hash never leaves the server. */
export function toApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    requestedById: row.requestedById,
    approverId: row.approverId,
    status: row.status as Approval['status'],
    amount: row.amount,
    currency: row.currency,
    requestComment: row.requestComment,
    decisionComment: row.decisionComment,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * An approval is visible to admins, to its approver and requester, and to whoever can see its deal.
 * The list is narrower (see listApprovals): it is the caller's queue.
 */
function visibleApprovals(viewer: Viewer): SQL | undefined {
  if (isAdmin(viewer)) return undefined;
  const deal = and(eq(opportunities.id, approvals.opportunityId), visibleDeals(viewer));
  return or(
    eq(approvals.approverId, viewer.userId),
    eq(approvals.requestedById, viewer.userId),
    sql`exists (select 1 from ${opportunities} where ${deal})`,
  );
}

/**
 * Which approvals the list holds: every one the caller may see, as every list does, narrowed by
 * requester and approver ("what did I ask for": `requestedById=me`; the caller's queue:
 * `approverId=me&status=pending`).
 */
function listedApprovals(viewer: Viewer, query: ListApprovalsQuery): SQL | undefined {
  return allOf(
    visibleApprovals(viewer),
    query.requestedById ? inArray(approvals.requestedById, resolvePeople(query.requestedById, viewer)) : undefined,
    query.approverId ? inArray(approvals.approverId, resolvePeople(query.approverId, viewer)) : undefined,
  );
}

const approvalSorts: SortFields<ApprovalRow> = {
  createdAt: { expression: approvals.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
};

/**
 * `q` of the approvals list: the deal's name as the deals list's `q` finds it, or words of the request or
 * decision comment. Approvals are few per deal, so the comments are matched without an index.
 */
function approvalTextMatch(text: string): SQL | undefined {
  const deal = and(eq(opportunities.id, approvals.opportunityId), opportunityTextMatch(text));
  const pattern = `%${escapeLike(text)}%`;
  return or(
    sql`exists (select 1 from ${opportunities} where ${deal})`,
    ilike(approvals.requestComment, pattern),
    ilike(approvals.decisionComment, pattern),
  );
}

export async function listApprovals(db: Db, viewer: Viewer, query: ListApprovalsQuery) {
  const keyset = keysetPage({
    fields: approvalSorts,
    sort: query.sort,
    defaultSort: 'createdAt',
    cursor: query.cursor,
    idColumn: approvals.id,
  });
  const filter = allOf(
    isNull(approvals.deletedAt),
    listedApprovals(viewer, query),
    query.status ? inArray(approvals.status, query.status) : undefined,
    query.opportunityId ? inArray(approvals.opportunityId, query.opportunityId) : undefined,
    query.updatedAtFrom ? gte(approvals.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(approvals.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q ? approvalTextMatch(query.q) : undefined,
  );
  const rows = await db
    .select()
    .from(approvals)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(approvals, filter) : undefined;
  return { data: page.rows.map(toApproval), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleApproval(db: Db, viewer: Viewer, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .select()
    .from(approvals)
    .where(allOf(eq(approvals.id, id), isNull(approvals.deletedAt), visibleApprovals(viewer)));
  return row;
}

/** The deal's most recent approval: it alone decides the deal's approval status. */
export async function findLatestApproval(db: Db, opportunityId: string): Promise<LatestApproval> {
  const [row] = await db
    .select({ status: approvals.status, amount: approvals.amount, currency: approvals.currency })
    .from(approvals)
    .where(and(eq(approvals.opportunityId, opportunityId), isNull(approvals.deletedAt)))
    .orderBy(desc(approvals.createdAt), desc(approvals.id))
    .limit(1);
  return row ? { ...row, status: row.status as NonNullable<LatestApproval>['status'] } : undefined;
}

export async function insertApproval(db: Db, row: typeof approvals.$inferInsert): Promise<ApprovalRow> {
  const [inserted] = await db.insert(approvals).values(row).returning();
  return inserted as ApprovalRow;
}

/**
 * Who decides a deal of this owner: their manager while that manager is a live, active user, else the
 * first active admin. Unscoped on purpose: the user directory is visible to everyone.
 */
export async function findApproverFor(db: Db, ownerId: string | null): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`
      select id from (
        select m.id, 0 as rank, m.created_at
        from users o join users m on m.id = o.manager_id
        where o.id = ${ownerId} and m.active and m.deleted_at is null
        union all
        select a.id, 1 as rank, a.created_at
        from users a where a.role = 'admin' and a.active and a.deleted_at is null
      ) as candidates
      order by rank, created_at, id
      limit 1`,
  );
  return row?.id;
}

/** An approval by id, whoever asks: its e-mailed link checks the token, not the viewer. */
export async function findApprovalRow(db: Db, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await db.select().from(approvals).where(eq(approvals.id, id));
  return row;
}

/** Keeps the SHA-256 of the token an approval e-mail's link carries (the token itself is never stored). */
export async function setDecisionTokenHash(db: Db, id: string, tokenHash: string): Promise<void> {
  await db.update(approvals).set({ decisionTokenHash: tokenHash }).where(eq(approvals.id, id));
}

export type Person = { id: string; name: string; email: string };

/** A user's name and address, whoever may see them: for e-mail and the approval link. */
export async function findPerson(db: Db, id: string): Promise<Person | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** What an approver needs to know of the deal. */
export async function findApprovalDeal(db: Db, id: string): Promise<ApprovalLink['deal'] | undefined> {
  const [row] = await db
    .select({
      id: opportunities.id,
      name: opportunities.name,
      accountName: accounts.name,
      stage: opportunities.stage,
      amount: opportunities.amount,
      currency: opportunities.currency,
      closeDate: opportunities.closeDate,
      ownerName: users.name,
    })
    .from(opportunities)
    .leftJoin(accounts, eq(accounts.id, opportunities.accountId))
    .leftJoin(users, eq(users.id, opportunities.ownerId))
    .where(eq(opportunities.id, id));
  return row ? { ...row, amount: Number(row.amount) } : undefined;
}
