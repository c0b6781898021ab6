import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { idSchema } from '../../../shared/contracts/common.js';
import type { Import, ImportRowError, ListImportsQuery } from '../../../shared/contracts/imports.js';
import type { Db } from '../../db/client.js';
import { accounts, imports, territories, users } from '../../db/schema/index.js';
import { allOf, keysetPage, type SortFields } from '../../platform/keyset.js';
import type { Viewer } from '../../platform/viewer.js';
import { visibleAccounts } from '../../platform/visibility.js';

export type ImportRow = typeof imports.$inferSelect;

/** Rows' problems kept per import: enough to fix a file by, never a second copy of a huge one. */
export const ERRORS_KEPT = 1_000;

export function toImport(row: ImportRow): Import {
  return {
    id: row.id,
    resource: row.resource as Import['resource'],
    mode: row.mode as Import['mode'],
    status: row.status as Import['status'],
    fileRows: row.fileRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    failedRows: row.failedRows,
    columns: row.columns,
    errors: row.errors,
    createdById: row.createdById,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** An import is its sender's; admins see every one. */
function visibleImports(viewer: Viewer) {
  return viewer.role === 'admin' ? undefined : eq(imports.createdById, viewer.userId);
}

const importSorts: SortFields<ImportRow> = {
  createdAt: { expression: imports.createdAt, type: 'timestamptz', value: (row) => row.createdAt },
};

export async function listImportRows(db: Db, viewer: Viewer, query: ListImportsQuery) {
  const keyset = keysetPage({
    fields: importSorts,
    sort: query.sort,
    defaultSort: '-createdAt',
    cursor: query.cursor,
    idColumn: imports.id,
  });
  const filter = allOf(isNull(imports.deletedAt), visibleImports(viewer));
  const rows = await db
    .select()
    .from(imports)
    .where(allOf(filter, keyset.after))
    .orderBy(...keyset.orderBy)
    .limit(query.limit + 1);
  const page = keyset.paginate(rows, query.limit);
  const total = query.includeTotal ? await db.$count(imports, filter) : undefined;
  return { data: page.rows.map(toImport), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
}

export async function findVisibleImport(db: Db, viewer: Viewer, id: string) {
  const [row] = await db
    .select()
    .from(imports)
    .where(allOf(eq(imports.id, id), isNull(imports.deletedAt), visibleImports(viewer)));
  return row;
}

/** The import the job works on, whoever sent it (the job acts as its sender). */
export async function findImportForJob(db: Db, id: string) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row;
}

export async function insertImport(db: Db, row: typeof imports.$inferInsert): Promise<ImportRow> {
  const [inserted] = await db.insert(imports).values(row).returning();
  return inserted as ImportRow;
}

/** Saves the job's progress: counts, the new problems (up to ERRORS_KEPT in all), and the state. */
export async function saveImportProgress(
  db: Db,
  id: string,
  progress: {
    processedRows: number;
    created: number;
    updated: number;
    failed: number;
    errors: ImportRowError[];
    status: ImportRow['status'];
    finished: boolean;
  },
): Promise<void> {
  await db
    .update(imports)
    .set({
      processedRows: progress.processedRows,
      createdRows: sql`${imports.createdRows} + ${progress.created}`,
      updatedRows: sql`${imports.updatedRows} + ${progress.updated}`,
      failedRows: sql`${imports.failedRows} + ${progress.failed}`,
      errors: sql`(select coalesce(jsonb_agg(e), '[]'::jsonb) from (select e from jsonb_array_elements(${imports.errors} || ${JSON.stringify(progress.errors)}::jsonb) e limit ${ERRORS_KEPT}) kept)`,
      status: progress.status,
      finishedAt: progress.finished ? sql`date_trunc('milliseconds', now())` : null,
      version: sql`${imports.version} + 1`,
      updatedAt: sql`date_trunc('milliseconds', now())`,
    })
    .where(eq(imports.id, id));
}

/** Live territories by lower-case name, and by id (an exported file names them so). */
export async function territoryIdsByName(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(isNull(territories.deletedAt));
  return new Map(rows.flatMap((row) => [[row.name.toLowerCase(), row.id] as const, [row.id, row.id] as const]));
}

/** Active users by lower-case e-mail, and by id. */
export async function activeUserIdsByEmail(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.active, true), isNull(users.deletedAt)));
  return new Map(rows.flatMap((row) => [[row.email.toLowerCase(), row.id] as const, [row.id, row.id] as const]));
}

/**
 * The viewer's live accounts with these names (any case) or ids, by lower-case name or id: one id, or
 * several of a name.
 */
export async function visibleAccountIdsByName(db: Db, viewer: Viewer, names: string[]): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>();
  const wanted = [...new Set(names.map((name) => name.toLowerCase()))];
  for (let start = 0; start < wanted.length; start += 500) {
    const chunk = wanted.slice(start, start + 500);
    const ids = chunk.filter((name) => idSchema.safeParse(name).success);
    const rows = await db
      .select({ id: accounts.id, name: sql<string>`lower(${accounts.name})` })
      .from(accounts)
      .where(
        allOf(
          ids.length > 0
            ? or(inArray(sql`lower(${accounts.name})`, chunk), inArray(accounts.id, ids))
            : inArray(sql`lower(${accounts.name})`, chunk),
          isNull(accounts.deletedAt),
          visibleAccounts(viewer),
        ),
      );
    for (const row of rows) {
      if (ids.includes(row.id)) byName.set(row.id, [row.id]);
      if (chunk.includes(row.name)) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
    }
  }
  return byName;
}
