import { v7 as uuidv7 } from 'uuid';
import type { ListAuditQuery } from '../../../shared/contracts/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { isAdmin, SYSTEM_USER_ID, type Viewer } from '../../platform/viewer.js';
import { queueWebhookEvents } from '../webhooks/webhook-events.js';
import { insertAuditRow, listAuditRowsForAdmin } from './audit.repository.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | (string & {});

/** Fields that change on every write and say nothing by themselves. */
const bookkeepingFields = new Set(['updatedAt', 'version']);

/**
 * Writes the audit row of a change, with only the fields that changed, and queues the webhook events it
 * tells of. Call it with the transaction that makes the change, so the trail, the events and the data
 * can never disagree.
 */
export async function recordChange(
  tx: Db,
  viewer: Viewer,
  change: {
    action: AuditAction;
    entity: string;
    entityId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  const { before, after } = changedFields(change.before, change.after);
  await insertAuditRow(tx, {
    id: uuidv7(),
    actorId: viewer.userId === SYSTEM_USER_ID ? null : viewer.userId,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    before,
    after,
    requestId: viewer.requestId,
  });
  await queueWebhookEvents(tx, viewer, {
    action: change.action,
    entity: change.entity,
    before: change.before,
    after: change.after,
    previousAttributes: change.before && change.after ? before : null,
  });
}

/**
 * Audits records that a change of another record carried along (child accounts moved up, reports handed
 * to a manager): one update row each, from `field` holding `previous` to the record as it is now.
 */
export async function recordCarriedAlong<Api extends Record<string, unknown> & { id: string; version: number }>(
  tx: Db,
  viewer: Viewer,
  entity: string,
  records: readonly Api[],
  field: keyof Api & string,
  previous: string | null,
): Promise<void> {
  for (const after of records) {
    await recordChange(tx, viewer, {
      action: 'update',
      entity,
      entityId: after.id,
      before: { ...after, [field]: previous, version: after.version - 1 },
      after,
    });
  }
}

export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeepingFields.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

export async function listAudit(deps: Deps, viewer: Viewer, query: ListAuditQuery) {
  if (!isAdmin(viewer)) throw new AppError('forbidden', 'only admins may read the audit trail');
  return listAuditRowsForAdmin(deps.database.db, query);
}
