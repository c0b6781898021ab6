import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { createAccountSchema, updateAccountSchema } from '../../../shared/contracts/accounts.js';
import { idSchema, type Page } from '../../../shared/contracts/common.js';
import { createContactSchema, updateContactSchema } from '../../../shared/contracts/contacts.js';
import type {
  CreateImportInput,
  Import,
  ImportMode,
  ImportPreview,
  ImportResource,
  ImportRowError,
  ListImportsQuery,
} from '../../../shared/contracts/imports.js';
import { createLeadSchema, updateLeadSchema } from '../../../shared/contracts/leads.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { importRecordsJob } from '../../jobs/import-records.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Viewer } from '../../platform/viewer.js';
import { createAccount, updateAccount } from '../accounts/accounts.service.js';
import { viewerForUser } from '../auth/auth.service.js';
import { createContact, updateContact } from '../contacts/contacts.service.js';
import { createLead, updateLead } from '../leads/leads.service.js';
import {
  type CsvFile,
  type ImportColumn,
  type Lookups,
  mapColumns,
  missingFields,
  readCsv,
  rowToInput,
} from './import-file.js';
import {
  activeUserIdsByEmail,
  findImportForJob,
  findVisibleImport,
  insertImport,
  listImportRows,
  saveImportProgress,
  territoryIdsByName,
  toImport,
  visibleAccountIdsByName,
} from './imports.repository.js';

/** What a row is checked against before anything is written: the create or update call's own schema. */
const createSchemas: Record<ImportResource, z.ZodType> = {
  accounts: createAccountSchema,
  contacts: createContactSchema,
  leads: createLeadSchema,
};
const updateSchemas: Record<ImportResource, z.ZodType> = {
  accounts: updateAccountSchema,
  contacts: updateContactSchema,
  leads: updateLeadSchema,
};

/** Rows created between two saves of the progress: a job that dies redoes at most these (idempotently). */
const ROWS_PER_SAVE = 50;
const PREVIEW_ERRORS = 200;
const PREVIEW_RECORDS = 5;

/**
 * Checks a file as an import would read it, writing nothing: the columns and what they fill, the rows
 * that would fail and why (every check but those only a write can make, like a duplicate e-mail), and
 * the first rows as they would be created.
 */
export async function previewImport(deps: Deps, viewer: Viewer, input: CreateImportInput): Promise<ImportPreview> {
  const { file, columns } = readImport(input);
  const lookups = await loadLookups(deps.database.db, viewer, input.resource, columns, file);
  const errors: ImportRowError[] = [];
  const records: Record<string, unknown>[] = [];
  let validRows = 0;
  let updateRows = 0;
  file.rows.forEach((values, index) => {
    const checked = checkRow(input, columns, values, index + 2, lookups, file.decimalMark);
    if (checked.errors.length > 0) errors.push(...checked.errors);
    else {
      validRows += 1;
      if (checked.id) updateRows += 1;
      if (records.length < PREVIEW_RECORDS)
        records.push(checked.id ? { id: checked.id, ...checked.input } : checked.input);
    }
  });
  return {
    resource: input.resource,
    rows: file.rows.length,
    validRows,
    updateRows,
    columns: columns.map((column, index) => ({
      ...column,
      samples: file.rows.slice(0, 3).map((row) => row[index] ?? ''),
    })),
    missingFields: missingFields(input.resource, columns, input.mode),
    errors: errors.slice(0, PREVIEW_ERRORS),
    records,
  };
}

/**
 * Starts an import: the file is read and its columns mapped now (a file that cannot be is `400`), and
 * the rows are created or updated by the import-records job, each through the create or update call of
 * its kind as the sender, so every rule, the visibility, the audit and the webhooks apply as to a record
 * made or changed by hand.
 */
export async function startImport(deps: Deps, viewer: Viewer, input: CreateImportInput): Promise<Import> {
  const { file, columns } = readImport(input);
  const missing = missingFields(input.resource, columns, input.mode);
  if (missing.length > 0) {
    throw new AppError('invalid_request', `no column fills ${missing.join(', ')}: name one in the mapping`, {
      errors: missing.map((field) => ({ path: 'mapping', message: `${field} is required` })),
    });
  }
  const row = await inTransaction(deps.database.db, async (tx) => {
    const created = await insertImport(tx, {
      id: uuidv7(),
      resource: input.resource,
      mode: input.mode,
      csv: input.csv,
      columns,
      allowDuplicates: input.allowDuplicates,
      fileRows: file.rows.length,
      createdById: viewer.userId,
    });
    await enqueueJob(tx, importRecordsJob, { importId: created.id }, { singletonKey: `import:${created.id}` });
    return created;
  });
  return toImport(row);
}

export function listImports(deps: Deps, viewer: Viewer, query: ListImportsQuery): Promise<Page<Import>> {
  return listImportRows(deps.database.db, viewer, query);
}

export async function getImport(deps: Deps, viewer: Viewer, id: string): Promise<Import> {
  const row = await findVisibleImport(deps.database.db, viewer, id);
  if (!row) throw notFound('import');
  return toImport(row);
}

/**
 * The job's work: the rows not yet done, each created as the sender with an idempotency key of the
 * import and the line (so rows redone after a crash are not created twice), progress saved every
 * ROWS_PER_SAVE rows. A sender who has left since makes the import fail: nobody to create them as.
 */
export async function runImport(deps: Deps, importId: string): Promise<void> {
  const { db } = deps.database;
  const row = await findImportForJob(db, importId);
  if (!row || row.status === 'completed' || row.status === 'failed') return;
  let viewer: Viewer;
  try {
    viewer = await viewerForUser(deps, row.createdById);
  } catch {
    await saveImportProgress(db, importId, {
      processedRows: row.processedRows,
      created: 0,
      updated: 0,
      failed: row.fileRows - row.processedRows,
      errors: [{ row: 1, field: null, message: 'the user who started the import can no longer sign in' }],
      status: 'failed',
      finished: true,
    });
    return;
  }
  const input: CreateImportInput = {
    resource: row.resource as ImportResource,
    mode: row.mode as ImportMode,
    csv: row.csv,
    allowDuplicates: row.allowDuplicates,
  };
  const file = readCsv(row.csv);
  const lookups = await loadLookups(db, viewer, input.resource, row.columns, file);
  for (let start = row.processedRows; start < file.rows.length; start += ROWS_PER_SAVE) {
    const errors: ImportRowError[] = [];
    const done = { created: 0, updated: 0 };
    const end = Math.min(start + ROWS_PER_SAVE, file.rows.length);
    for (let index = start; index < end; index += 1) {
      const line = index + 2;
      const outcome = await importRow(
        deps,
        viewer,
        importId,
        input,
        row.columns,
        file.rows[index] ?? [],
        line,
        lookups,
        file.decimalMark,
      );
      if (Array.isArray(outcome)) errors.push(...outcome);
      else done[outcome] += 1;
    }
    const failed = new Set(errors.map((error) => error.row)).size;
    const finished = end === file.rows.length;
    await saveImportProgress(db, importId, {
      processedRows: end,
      ...done,
      failed,
      errors,
      status: finished ? 'completed' : 'running',
      finished,
    });
  }
}

async function importRow(
  deps: Deps,
  viewer: Viewer,
  importId: string,
  input: CreateImportInput,
  columns: ImportColumn[],
  values: string[],
  line: number,
  lookups: Lookups,
  decimalMark: CsvFile['decimalMark'],
): Promise<'created' | 'updated' | ImportRowError[]> {
  const checked = checkRow(input, columns, values, line, lookups, decimalMark);
  if (checked.errors.length > 0) return checked.errors;
  const idempotency = { key: `import:${importId}:${line}`, operation: `import ${input.resource}` };
  const fields = checked.input as never;
  try {
    if (checked.id) {
      if (input.resource === 'accounts') await updateAccount(deps, viewer, checked.id, fields, undefined);
      else if (input.resource === 'contacts') await updateContact(deps, viewer, checked.id, fields, undefined);
      else await updateLead(deps, viewer, checked.id, fields, undefined);
      return 'updated';
    }
    if (input.resource === 'accounts') await createAccount(deps, viewer, fields, idempotency);
    else if (input.resource === 'contacts') await createContact(deps, viewer, fields, idempotency);
    else await createLead(deps, viewer, fields, idempotency);
    return 'created';
  } catch (error) {
    if (!(error instanceof AppError)) {
      // A bug or a database error on one row: that row fails (the log has why), the rest still go in.
      deps.logger?.error({ err: error, importId, line }, 'import row failed');
      return [
        { row: line, field: null, message: 'could not be created because of an error in Meridian; try this row again' },
      ];
    }
    const [first] = error.errors ?? [];
    // The record the row names is gone, or not the sender's to see: the ID is at fault.
    const field = error.code === 'not_found' ? 'id' : first ? fieldOf(first.path) : null;
    return [{ row: line, field, message: rowMessage(error) }];
  }
}

/**
 * A row as its create or update call takes it (an update when it names its record by ID and the mode
 * allows), checked against that call's schema, or its problems.
 */
function checkRow(
  input: CreateImportInput,
  columns: ImportColumn[],
  values: string[],
  line: number,
  lookups: Lookups,
  decimalMark: CsvFile['decimalMark'],
): { id: string | null; input: Record<string, unknown>; errors: ImportRowError[] } {
  const row = rowToInput(input.resource, columns, values, line, lookups, decimalMark);
  const { id: given, ...fields } = row.input;
  const id = typeof given === 'string' ? given : null;
  const idProblem = recordIdProblem(input.mode, id);
  if (idProblem) row.errors.push({ row: line, field: 'id', message: idProblem });
  const updating = id !== null && input.mode !== 'create';
  if (!updating && input.resource === 'contacts') fields.allowDuplicate = input.allowDuplicates;
  const parsed = (updating ? updateSchemas : createSchemas)[input.resource].safeParse(fields);
  if (parsed.success && row.errors.length === 0) {
    return { id: updating ? id : null, input: parsed.data as Record<string, unknown>, errors: [] };
  }
  // Every problem of the row at once, a field's own (a name not found) before what its absence causes.
  const reported = new Set(row.errors.map((error) => error.field));
  const schemaErrors = (parsed.error?.issues ?? [])
    .map((issue) => ({ row: line, field: fieldOf(issue.path.join('.')), message: issue.message }))
    .filter((error) => !reported.has(error.field));
  return { id: null, input: fields, errors: [...row.errors, ...schemaErrors] };
}

/** What is wrong with a row's Meridian ID for the import's mode, if anything. */
function recordIdProblem(mode: ImportMode, id: string | null): string | null {
  if (id === null) return mode === 'update' ? 'no Meridian ID: an update changes the record each row names' : null;
  if (mode === 'create') {
    return 'the row names a record by its Meridian ID: import in update or upsert mode to change it';
  }
  return idSchema.safeParse(id).success ? null : `“${id}” is not a Meridian ID`;
}

/** The import field an API path names: an id found by lookup is the column that named it. */
function fieldOf(path: string): string | null {
  const leaf = path.replace(/^address\./, '');
  const byTarget: Record<string, string> = {
    territoryId: 'territoryName',
    ownerId: 'ownerEmail',
    accountId: 'accountName',
  };
  return leaf === '' ? null : (byTarget[leaf] ?? leaf);
}

/** What a refused create says, with the existing record a duplicate would repeat. */
function rowMessage(error: AppError): string {
  const existing = error.details?.existingId;
  return typeof existing === 'string' ? `${error.message} (existing ${existing})` : error.message;
}

function readImport(input: CreateImportInput): { file: CsvFile; columns: ImportColumn[] } {
  const file = readCsv(input.csv);
  return { file, columns: mapColumns(input.resource, file.headings, input.mapping) };
}

/** Territories, users and (for contacts) the accounts the file names, read once per import. */
async function loadLookups(
  db: Db,
  viewer: Viewer,
  resource: ImportResource,
  columns: ImportColumn[],
  file: CsvFile,
): Promise<Lookups> {
  const [territoriesByName, usersByEmail] = await Promise.all([territoryIdsByName(db), activeUserIdsByEmail(db)]);
  const accountColumn = columns.findIndex((column) => column.field === 'accountName');
  const accountNames =
    resource === 'contacts' && accountColumn >= 0
      ? file.rows.map((row) => row[accountColumn]?.trim() ?? '').filter(Boolean)
      : [];
  const accountsByName = await visibleAccountIdsByName(db, viewer, accountNames);
  return {
    territory: (name) => territoriesByName.get(name.toLowerCase()),
    user: (email) => usersByEmail.get(email.toLowerCase()),
    account: (name) => {
      const ids = accountsByName.get(name.toLowerCase()) ?? [];
      if (ids.length === 1) return { id: ids[0] as string };
      return {
        problem:
          ids.length === 0
            ? `no account named “${name}” that you can see: import the accounts first`
            : `${ids.length} accounts are named “${name}”: rename one, or add the contact by hand`,
      };
    },
  };
}
