import { v7 as uuidv7 } from 'uuid';
import type {
  CreateSalesTargetInput,
  ListSalesTargetsQuery,
  SalesTarget,
  UpdateSalesTargetInput,
} from '../../../shared/contracts/targets.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { salesTargets } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { findVisibleUser } from '../users/users.repository.js';
import {
  findLiveTarget,
  findVisibleTarget,
  insertSalesTarget,
  listSalesTargetRows,
  monthStart,
  type SalesTargetRow,
  toSalesTarget,
} from './targets.repository.js';

const ENTITY = 'targets';

/**
 * Who sets a person's target: an admin, or a manager above that person. Nobody sets their own: a
 * quota is agreed with the one who answers for the team's number.
 */
function requireSetRight(viewer: Viewer, userId: string) {
  if (isAdmin(viewer)) return;
  if (viewer.role !== 'manager') throw new AppError('forbidden', 'only managers and admins set sales targets');
  if (!viewer.reportIds.includes(userId)) {
    throw new AppError('forbidden', 'managers set the targets of the people who report to them, not their own');
  }
}

function lifecycle(viewer: Viewer): Lifecycle<typeof salesTargets, SalesTarget> {
  return {
    table: salesTargets,
    entity: ENTITY,
    label: 'sales target',
    find: (tx, id, options) => findVisibleTarget(tx, viewer, id, options),
    toApi: toSalesTarget,
    authorize: (row) => requireSetRight(viewer, row.userId),
  };
}

async function requireFreeMonth(tx: Db, userId: string, month: string, exceptId?: string) {
  const taken = await findLiveTarget(tx, userId, month, exceptId);
  if (taken) {
    throw new AppError('conflict', `that person already has a target for ${month.slice(0, 7)}: change it instead`, {
      errors: [{ path: 'month', message: 'already has a target' }],
      details: { existingId: taken.id },
    });
  }
}

export function listSalesTargets(deps: Deps, viewer: Viewer, query: ListSalesTargetsQuery) {
  return listSalesTargetRows(deps.database.db, viewer, query);
}

export async function getSalesTarget(deps: Deps, viewer: Viewer, id: string): Promise<SalesTarget> {
  const row = await findVisibleTarget(deps.database.db, viewer, id);
  if (!row) throw notFound('sales target');
  return toSalesTarget(row);
}

export async function createSalesTarget(
  deps: Deps,
  viewer: Viewer,
  input: CreateSalesTargetInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<SalesTarget> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    if (!(await findVisibleUser(tx, viewer, input.userId))) {
      throw new AppError('invalid_request', 'no such user', { errors: [{ path: 'userId', message: 'no such user' }] });
    }
    requireSetRight(viewer, input.userId);
    const month = monthStart(input.month);
    await requireFreeMonth(tx, input.userId, month);
    const row = await insertSalesTarget(tx, {
      id: uuidv7(),
      userId: input.userId,
      month,
      amount: input.amount,
      currency: input.currency ?? deps.config.defaultCurrency,
      setById: viewer.userId,
    });
    const target = toSalesTarget(row);
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: row.id, before: null, after: target });
    return target;
  });
  return result;
}

export async function updateSalesTarget(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateSalesTargetInput,
  expectedVersion: number | undefined,
): Promise<SalesTarget> {
  const { row } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current: SalesTargetRow) => {
        const changes = { ...input };
        const changesSomething = Object.entries(changes).some(
          ([key, value]) => current[key as keyof SalesTargetRow] !== value,
        );
        return changesSomething ? { ...changes, setById: viewer.userId } : changes;
      },
    }),
  );
  return toSalesTarget(row);
}

export async function deleteSalesTarget(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

/** Brings a target back, unless its month has been given another since (`409`, naming it). */
export function restoreSalesTarget(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<SalesTarget> {
  return inTransaction(deps.database.db, async (tx) => {
    const row = await findVisibleTarget(tx, viewer, id, { includeDeleted: true });
    if (row?.deletedAt) await requireFreeMonth(tx, row.userId, row.month, id);
    return restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
  });
}
