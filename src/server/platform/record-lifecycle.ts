import { AppError, notFound } from '../../shared/errors.js';
import type { Db } from '../db/client.js';
import { recordChange } from '../modules/audit/audit.service.js';
import { lostWrite, staleVersion } from './concurrency.js';
import { recordLinkFields } from './record-links.js';
import { isLinkedRecordLive, type LinkField, linkFields } from './record-links.repository.js';
import { updateVersionedRow, type VersionedTable } from './versioned-rows.repository.js';
import type { Viewer } from './viewer.js';

type Lifecycle<Table extends VersionedTable, Api> = {
  table: Table;
  /** The resource name in audit rows, as in the API path (accounts, contacts…). */
  entity: string;
  /** Human name for messages ("account"). */
  label: string;
  /** The row as the viewer may see it (live or, with includeDeleted, soft-deleted); undefined = 404. */
  find(tx: Db, id: string, options: { includeDeleted: boolean }): Promise<Table['$inferSelect'] | undefined>;
  toApi(row: Table['$inferSelect']): Api;
  /** Throws `forbidden` when the viewer may see but not change the row. */
  authorize(row: Table['$inferSelect']): void;
};

/**
 * Applies a validated partial change in the caller's transaction: finds the visible row, checks the
 * viewer may change it, writes it under If-Match, and audits the changed fields.
 */
export async function changeRecord<Table extends VersionedTable, Api extends Record<string, unknown>>(
  tx: Db,
  viewer: Viewer,
  lifecycle: Lifecycle<Table, Api>,
  id: string,
  change: {
    expectedVersion: number | undefined;
    /** Validates the change against the current row and returns the columns to write. */
    prepare(current: Table['$inferSelect']): Promise<Partial<Table['$inferInsert']>>;
  },
): Promise<{ before: Api; after: Api; row: Table['$inferSelect'] }> {
  const current = await lifecycle.find(tx, id, { includeDeleted: false });
  if (!current) throw notFound(lifecycle.label);
  lifecycle.authorize(current);
  if (change.expectedVersion !== undefined && change.expectedVersion !== (current as { version: number }).version) {
    throw staleVersion((current as { version: number }).version);
  }
  const columns = await change.prepare(current);
  if (changesNothing(current, columns)) {
    // Nothing to write: the version stays, so other clients' If-Match stays good, and nothing is audited.
    const unchanged = lifecycle.toApi(current);
    return { before: unchanged, after: unchanged, row: current };
  }
  const row = await updateVersionedRow(tx, lifecycle.table, id, columns, { expectedVersion: change.expectedVersion });
  if (!row) throw lostWrite(lifecycle.label, change.expectedVersion, (current as { version: number }).version + 1);
  const before = lifecycle.toApi(current);
  const after = lifecycle.toApi(row);
  await recordChange(tx, viewer, { action: 'update', entity: lifecycle.entity, entityId: id, before, after });
  return { before, after, row };
}

/**
 * Whether writing `columns` would leave `current` as it is. Only a sure "same" counts (equal values, equal
 * instants, or equal JSON whatever the key order: jsonb hands keys back in its own order); anything else is
 * written, so a real change is never dropped.
 */
export function changesNothing(current: Record<string, unknown>, columns: Record<string, unknown>): boolean {
  return Object.entries(columns).every(([key, value]) => {
    const was = current[key];
    if (value === undefined || Object.is(was, value)) return true;
    if (was instanceof Date && value instanceof Date) return was.getTime() === value.getTime();
    if (typeof was === 'object' && was !== null && typeof value === 'object' && value !== null) {
      return canonicalJson(was) === canonicalJson(value);
    }
    return false;
  });
}

/** JSON with every object's keys sorted, so two equal values print the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}

/** Soft delete: the row leaves lists and GET, stays for restore and audit. */
export async function softDeleteRecord<Table extends VersionedTable, Api extends Record<string, unknown>>(
  tx: Db,
  viewer: Viewer,
  lifecycle: Lifecycle<Table, Api>,
  id: string,
  expectedVersion: number | undefined,
  extra: Partial<Table['$inferInsert']> = {},
): Promise<Table['$inferSelect']> {
  const current = await lifecycle.find(tx, id, { includeDeleted: false });
  if (!current) throw notFound(lifecycle.label);
  lifecycle.authorize(current);
  const row = await updateVersionedRow(
    tx,
    lifecycle.table,
    id,
    { ...extra, deletedAt: new Date() } as Partial<Table['$inferInsert']>,
    { expectedVersion },
  );
  if (!row) throw lostWrite(lifecycle.label, expectedVersion, (current as { version: number }).version);
  await recordChange(tx, viewer, {
    action: 'delete',
    entity: lifecycle.entity,
    entityId: id,
    before: lifecycle.toApi(current),
    after: null,
  });
  return row;
}

/**
 * Brings a soft-deleted row back; restoring a live row is a no-op that answers it. Under If-Match the
 * row must still be at that version (the one its deletion left), live or not, or it is `412`.
 */
export async function restoreRecord<Table extends VersionedTable, Api extends Record<string, unknown>>(
  tx: Db,
  viewer: Viewer,
  lifecycle: Lifecycle<Table, Api>,
  id: string,
  expectedVersion: number | undefined,
  /** Columns to adjust so the restored row fits the data as it is now (e.g. a primary flag taken since). */
  adjust: (row: Table['$inferSelect']) => Promise<Partial<Table['$inferInsert']>> = async () => ({}),
): Promise<Api> {
  const current = await lifecycle.find(tx, id, { includeDeleted: true });
  if (!current) throw notFound(lifecycle.label);
  lifecycle.authorize(current);
  const currentVersion = (current as { version: number }).version;
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw staleVersion(currentVersion);
  if (!(current as { deletedAt: Date | null }).deletedAt) return lifecycle.toApi(current);
  const detached = await settleLinksOfRestored(tx, lifecycle.label, current as Record<string, unknown>);
  const changes = { ...detached, ...(await adjust(current)), deletedAt: null } as Partial<Table['$inferInsert']>;
  const row = await updateVersionedRow(tx, lifecycle.table, id, changes, { expectedVersion, state: 'deleted' });
  if (!row) {
    if (expectedVersion !== undefined) throw staleVersion(currentVersion + 1);
    throw new AppError('conflict', `the ${lifecycle.label} was restored by someone else just now`);
  }
  const restored = lifecycle.toApi(row);
  await recordChange(tx, viewer, {
    action: 'restore',
    entity: lifecycle.entity,
    entityId: id,
    before: null,
    after: restored,
  });
  return restored;
}

/**
 * No live record points at a deleted one, a restored one included. The account a record hangs off must be
 * live: restoring the account brings back what was deleted with it, so that comes first (`409` until
 * then). Any other link to a deleted record (a parent account, the contact someone reported to, a lead or
 * deal a task was about) is let go, as deleting that record would have done had this one been live.
 */
async function settleLinksOfRestored(tx: Db, label: string, row: Record<string, unknown>) {
  const detached: Partial<Record<LinkField, null>> = {};
  for (const field of linkFields) {
    const id = row[field];
    if (typeof id !== 'string' || (await isLinkedRecordLive(tx, field, id))) continue;
    if (field === 'accountId') {
      throw new AppError('conflict', `the ${label}'s account is deleted; restore the account first`, {
        errors: [{ path: field, message: 'is deleted' }],
      });
    }
    detached[field] = null;
  }
  // Let go of every record it was about, it would be about nothing: the lead or deal comes back first.
  const linked = recordLinkFields.filter((field) => typeof row[field] === 'string');
  if (linked.length > 0 && linked.every((field) => field in detached)) {
    throw new AppError('conflict', `the ${label} is about deleted records only; restore those first`, {
      errors: linked.map((path) => ({ path, message: 'is deleted' })),
    });
  }
  return detached;
}

export type { Lifecycle };
