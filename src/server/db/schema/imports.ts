import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestampColumn } from './columns.js';
import { users } from './users.js';

/**
 * A CSV file of accounts, contacts or leads being created or updated by the import-records job, as the
 * user who sent it: the file as sent and its column mapping, and how far the job got, so a job that dies
 * resumes where it stopped (each row's create is idempotent, keyed by the import and the line; an update
 * sets the same values again).
 */
export const imports = pgTable(
  'imports',
  {
    ...recordColumns(),
    /** accounts | contacts | leads */
    resource: text('resource').notNull(),
    /** create | update | upsert */
    mode: text('mode').notNull().default('create'),
    /** queued | running | completed | failed */
    status: text('status').notNull().default('queued'),
    csv: text('csv').notNull(),
    /** The columns in file order, each with the field it fills or null. */
    columns: jsonb('columns').$type<{ heading: string; field: string | null }[]>().notNull(),
    allowDuplicates: boolean('allow_duplicates').notNull().default(false),
    fileRows: integer('file_rows').notNull(),
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    failedRows: integer('failed_rows').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; field: string | null; message: string }[]>().notNull().default([]),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    finishedAt: timestampColumn('finished_at'),
  },
  (table) => [index('imports_created_by_idx').on(table.createdById, table.createdAt, table.id)],
);
