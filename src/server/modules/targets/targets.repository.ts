import { type AnyColumn, and, eq, gte, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { ListSalesTargetsQuery, SalesTarget } from '../../../shared/contracts/targets.js';
import { type Db, queryRows } from '../../db/client.js';
import { salesTargets, users } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { isAdmin, resolvePeople, type Viewer } from '../../platform/viewer.js';
import { teamOf } from '../../platform/visibility.js';

export type SalesTargetRow = typeof salesTargets.$inferSelect;

/** `2027-03` ↔ the first day of the month, as stored. */
export const monthStart = (month: string) => `${month}-01`;
const monthOf = (date: string) => date.slice(0, 7);

export function toSalesTarget(row: SalesTargetRow): SalesTarget {
  return {
    id: row.id,
    userId: row.userId,
    month: monthOf(row.month),
    amount: row.amount,
    currency: row.currency,
    setById: row.setById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Whose targets a viewer sees: their own and those of everyone below them (a manager's team); admins see
 * all. A target is about a person, so it is seen along the reporting line, not through territories.
 */
export function visibleTargets(viewer: Viewer): SQL | undefined {
  return isAdmin(viewer) ? undefined : inArray(salesTargets.userId, teamOf(viewer));
}

/** The people working any of the territories, as a condition on a user id column. */
export function workingTerritories(userId: AnyColumn, territoryIds: string[]): SQL {
  const territories = sql`array[${sql.join(
    territoryIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  return sql`exists (select 1 from ${users} as worker where worker.id = ${userId}
    and worker.territory_ids && ${territories} and worker.deleted_at is null)`;
}

/** The live people working any of the territories: the territory narrowing of a report about people. */
export async function findPeopleWorking(db: Db, territoryIds: string[]): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(workingTerritories(users.id, territoryIds));
  return rows.map((row) => row.id);
}

const targetSorts: SortFields<SalesTargetRow> = {
  month: { expression: salesTargets.month, type: 'date', value: (row) => row.month },
  amount: { expression: salesTargets.amount, type: 'numeric', value: (row) => row.amount },
  createdAt: { expression: salesTargets.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: salesTargets.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listSalesTargetRows(db: Db, viewer: Viewer, query: ListSalesTargetsQuery) {
  const keyset = keysetPage({
    fields: targetSorts,
    sort: query.sort,
    defaultSort: 'month',
    cursor: query.cursor,
    idColumn: salesTargets.id,
  });
  const filter = allOf(
    isNull(salesTargets.deletedAt),
    visibleTargets(viewer),
    query.userId ? inArray(salesTargets.userId, resolvePeople(query.userId, viewer)) : undefined,
    query.territoryId ? workingTerritories(salesTargets.userId, query.territoryId) : undefined,
    query.monthFrom ? gte(salesTargets.month, monthStart(query.monthFrom)) : undefined,
    query.monthTo ? lte(salesTargets.month, monthStart(query.monthTo)) : undefined,
    query.currency ? inArray(salesTargets.currency, query.currency) : undefined,
    query.updatedAtFrom ? gte(salesTargets.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(salesTargets.updatedAt, new Date(query.updatedAtTo)) : undefined,
  );
  const rows = await db
    .select()
    .from(salesTargets)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(salesTargets, filter) : undefined;
  return {
    data: page.rows.map(toSalesTarget),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

export async function findVisibleTarget(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<SalesTargetRow | undefined> {
  const [row] = await db
    .select()
    .from(salesTargets)
    .where(
      allOf(
        eq(salesTargets.id, id),
        visibleTargets(viewer),
        options.includeDeleted ? undefined : isNull(salesTargets.deletedAt),
      ),
    );
  return row;
}

/** The live target of a person for a month, whoever may see it (uniqueness is everyone's). */
export async function findLiveTarget(
  db: Db,
  userId: string,
  month: string,
  exceptId?: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: salesTargets.id })
    .from(salesTargets)
    .where(
      and(
        eq(salesTargets.userId, userId),
        eq(salesTargets.month, month),
        isNull(salesTargets.deletedAt),
        exceptId ? ne(salesTargets.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function insertSalesTarget(db: Db, row: typeof salesTargets.$inferInsert): Promise<SalesTargetRow> {
  const [inserted] = await db.insert(salesTargets).values(row).returning();
  return inserted as SalesTargetRow;
}

type TargetPeriod = { firstMonth: string; lastMonth: string; currency: string };
type TargetPeople = { userIds?: string[]; territoryIds?: string[] };

/**
 * The visible targets of [firstMonth, lastMonth] in one currency, summed per group (`by`): for the
 * people asked, or the people working the territories asked.
 */
async function sumTargets(
  db: Db,
  viewer: Viewer,
  by: SQL,
  period: TargetPeriod,
  people: TargetPeople,
): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; target: number }>(
    db,
    sql`select ${by} as key, round(sum(${salesTargets.amount}), 2)::float8 as target
      from ${salesTargets}
      where ${allOf(
        isNull(salesTargets.deletedAt),
        visibleTargets(viewer),
        gte(salesTargets.month, period.firstMonth),
        lte(salesTargets.month, period.lastMonth),
        eq(salesTargets.currency, period.currency),
        people.userIds ? inArray(salesTargets.userId, people.userIds) : undefined,
        people.territoryIds ? workingTerritories(salesTargets.userId, people.territoryIds) : undefined,
      )}
      group by 1`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.target)]));
}

/** Targets per month (YYYY-MM): the target line of the forecast. */
export function sumTargetsByMonth(db: Db, viewer: Viewer, period: TargetPeriod, people: TargetPeople) {
  return sumTargets(db, viewer, sql`to_char(${salesTargets.month}, 'YYYY-MM')`, period, people);
}

/** Targets per person: attainment. */
export function sumTargetsByUser(db: Db, viewer: Viewer, period: TargetPeriod, people: TargetPeople) {
  return sumTargets(db, viewer, sql`${salesTargets.userId}::text`, period, people);
}
