import { and, eq, gte, ilike, inArray, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import type { ListSavedViewsQuery, SavedView } from '../../../shared/contracts/saved-views.js';
import type { Db } from '../../db/client.js';
import { savedViews } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { ownedOrShared } from '../../platform/visibility.js';
import { escapeLike } from '../users/users.repository.js';

export type SavedViewRow = typeof savedViews.$inferSelect;

export function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    resource: row.resource as SavedView['resource'],
    query: row.query,
    columns: row.columns,
    shared: row.shared,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const visibleViews = (viewer: Viewer) => ownedOrShared(viewer, savedViews);

const viewSorts: SortFields<SavedViewRow> = {
  name: { expression: savedViews.name, type: 'text', value: (row) => row.name },
  updatedAt: { expression: savedViews.updatedAt, type: 'timestamptz', value: (row) => row.updatedAt },
};

export async function listSavedViewRows(db: Db, viewer: Viewer, query: ListSavedViewsQuery) {
  const keyset = keysetPage({
    fields: viewSorts,
    sort: query.sort,
    defaultSort: 'name',
    cursor: query.cursor,
    idColumn: savedViews.id,
  });
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const filter = allOf(
    isNull(savedViews.deletedAt),
    visibleViews(viewer),
    query.resource ? inArray(savedViews.resource, query.resource) : undefined,
    query.shared === undefined ? undefined : eq(savedViews.shared, query.shared),
    query.ownerId ? inArray(savedViews.ownerId, resolvePeople(query.ownerId, viewer)) : undefined,
    query.updatedAtFrom ? gte(savedViews.updatedAt, new Date(query.updatedAtFrom)) : undefined,
    query.updatedAtTo ? lte(savedViews.updatedAt, new Date(query.updatedAtTo)) : undefined,
    text ? ilike(savedViews.name, text) : undefined,
  );
  const rows = await db
    .select()
    .from(savedViews)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(savedViews, filter) : undefined;
  return { data: page.rows.map(toSavedView), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleSavedView(
  db: Db,
  viewer: Viewer,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(
      and(
        eq(savedViews.id, id),
        options.includeDeleted ? undefined : isNull(savedViews.deletedAt),
        visibleViews(viewer),
      ),
    );
  return row;
}

/** The owner's live view of this list with this name (any case), other than `exceptId`. */
export async function findOwnViewByName(
  db: Db,
  view: { ownerId: string | null; resource: string; name: string },
  exceptId?: string,
) {
  const [row] = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(
      allOf(
        view.ownerId === null ? isNull(savedViews.ownerId) : eq(savedViews.ownerId, view.ownerId),
        eq(savedViews.resource, view.resource),
        ilike(savedViews.name, escapeLike(view.name)),
        isNull(savedViews.deletedAt),
        exceptId ? ne(savedViews.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function insertSavedView(db: Db, row: typeof savedViews.$inferInsert): Promise<SavedViewRow> {
  const [inserted] = await db.insert(savedViews).values(row).returning();
  return inserted as SavedViewRow;
}
