import { and, arrayOverlaps, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ListUsersQuery, User } from '../../../shared/contracts/users.js';
import { type Db, queryRows } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as User['role'],
    territoryIds: row.territoryIds,
    managerId: row.managerId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * Visibility of the user directory: every signed-in user sees every colleague, because owner and
 * assignee pickers, timelines and reports name them. Changing users is limited in the service.
 */
function visibleUsers(_viewer: Viewer): SQL | undefined {
  return undefined;
}

const userSorts: SortFields<UserRow> = {
  name: { expression: users.name, type: 'text', value: (row) => row.name },
  email: { expression: sql`lower(${users.email})`, type: 'text', value: (row) => row.email.toLowerCase() },
  createdAt: { expression: users.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
  updatedAt: { expression: users.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listUsers(db: Db, viewer: Viewer, query: ListUsersQuery) {
  const keyset = keysetPage({
    fields: userSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: users.id,
  });
  const filter = allOf(
    isNull(users.deletedAt),
    visibleUsers(viewer),
    query.role ? inArray(users.role, query.role) : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
    query.managerId ? inArray(users.managerId, query.managerId) : undefined,
    query.territoryId ? arrayOverlaps(users.territoryIds, query.territoryId) : undefined,
    query.createdAtFrom ? gte(users.createdAt, new Date(query.createdAtFrom)) : undefined,
    query.createdAtTo ? lte(users.createdAt, new Date(query.createdAtTo)) : undefined,
    query.updatedAtFrom ? gte(users.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(users.updatedAt, new Date(query.updatedAtTo)) : undefined,
    query.q
      ? or(ilike(users.name, `%${escapeLike(query.q)}%`), ilike(users.email, `%${escapeLike(query.q)}%`))
      : undefined,
  );
  const rows = await db
    .select()
    .from(users)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(users, filter) : undefined;
  return { data: page.rows.map(toUser), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

/** A user the viewer can see; `includeDeleted` for restore, which needs the soft-deleted row. */
export async function findVisibleUser(db: Db, viewer: Viewer, id: string, options: { includeDeleted?: boolean } = {}) {
  const [row] = await db
    .select()
    .from(users)
    .where(allOf(eq(users.id, id), visibleUsers(viewer), options.includeDeleted ? undefined : isNull(users.deletedAt)));
  return row;
}

/**
 * Unscoped on purpose: authentication runs before there is a viewer, and looks the user up by the
 * id in their token or the e-mail they log in with.
 */
export async function findUserForAuthentication(db: Db, by: { id: string } | { email: string }) {
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        'id' in by ? eq(users.id, by.id) : eq(sql`lower(${users.email})`, by.email.toLowerCase()),
        isNull(users.deletedAt),
      ),
    );
  return row;
}

/** Everyone below the user in the management chain, however deep, in one recursive query. */
export async function findReportIds(db: Db, managerId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive reports(id) as (
      select id from users where manager_id = ${managerId} and deleted_at is null
      union
      select u.id from users u join reports r on u.manager_id = r.id where u.deleted_at is null
    )
    select id from reports`,
  );
  return rows.map((row) => row.id);
}

/** Whether `candidateManagerId` is `userId` or sits below it: making it the manager would close a loop. */
export async function wouldCreateManagementCycle(db: Db, userId: string, candidateManagerId: string) {
  if (userId === candidateManagerId) return true;
  const reports = await findReportIds(db, userId);
  return reports.includes(candidateManagerId);
}

/** The name of a user, for sentences ("Rob Miller asks you to approve …"); "Someone" when unknown. */
export async function findUserName(db: Db, id: string | null): Promise<string> {
  if (!id) return 'Someone';
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return row?.name ?? 'Someone';
}

/** Display names by id, for reports about people (the user directory is every signed-in user's to read). */
export async function findUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function countUsers(db: Db): Promise<number> {
  return db.$count(users);
}

export async function countActiveAdminsOtherThan(db: Db, userId: string): Promise<number> {
  return db.$count(
    users,
    and(eq(users.role, 'admin'), eq(users.active, true), isNull(users.deletedAt), sql`${users.id} <> ${userId}`),
  );
}

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await db.insert(users).values(row).returning();
  return inserted as UserRow;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * What a user still holds: live records they own (accounts, contacts, leads, deals), open tasks given to
 * them, the territories they manage and the live people who report to them. Read whoever asks (only
 * admins delete users): it is what would point at the user once deleted.
 */
export async function countHoldings(db: Db, userId: string) {
  const owned = (table: string, column = 'owner_id', extra = sql``) =>
    sql`(select count(*)::int from ${sql.identifier(table)}
      where ${sql.identifier(column)} = ${userId}::uuid and deleted_at is null ${extra})`;
  const [row] = await queryRows<
    Record<'accounts' | 'contacts' | 'leads' | 'deals' | 'tasks' | 'territories' | 'reports', number>
  >(
    db,
    sql`select ${owned('accounts')} as accounts, ${owned('contacts')} as contacts, ${owned('leads')} as leads,
      ${owned('opportunities')} as deals,
      ${owned('tasks', 'assignee_id', sql`and status in ('open', 'in_progress')`)} as tasks,
      ${owned('territories', 'manager_id')} as territories, ${owned('users', 'manager_id')} as reports`,
  );
  return row ?? { accounts: 0, contacts: 0, leads: 0, deals: 0, tasks: 0, territories: 0, reports: 0 };
}
