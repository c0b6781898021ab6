import { v7 as uuidv7 } from 'uuid';
import type {
  CreateTerritoryInput,
  ListTerritoriesQuery,
  Territory,
  UpdateTerritoryInput,
} from '../../../shared/contracts/territories.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { territories } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type HoldingNames, refuseWhileHolding } from '../../platform/holdings.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { findVisibleUser } from '../users/users.repository.js';
import {
  countTerritoryMembers,
  findExistingTerritoryIds,
  findVisibleTerritory,
  insertTerritory,
  listTerritories as listTerritoryRows,
  toTerritory,
} from './territories.repository.js';

function lifecycle(viewer: Viewer): Lifecycle<typeof territories, Territory> {
  return {
    table: territories,
    entity: 'territories',
    label: 'territory',
    find: (tx, id, options) => findVisibleTerritory(tx, viewer, id, options),
    toApi: toTerritory,
    authorize: () => requireAdmin(viewer),
  };
}

export function listTerritories(deps: Deps, viewer: Viewer, query: ListTerritoriesQuery) {
  return listTerritoryRows(deps.database.db, viewer, query);
}

export async function getTerritory(deps: Deps, viewer: Viewer, id: string): Promise<Territory> {
  const row = await findVisibleTerritory(deps.database.db, viewer, id);
  if (!row) throw notFound('territory');
  return toTerritory(row);
}

export async function createTerritory(
  deps: Deps,
  viewer: Viewer,
  input: CreateTerritoryInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Territory> {
  requireAdmin(viewer);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    if (input.managerId) await requireManagerUser(tx, viewer, input.managerId);
    const territory = toTerritory(await insertTerritory(tx, { id: uuidv7(), ...input }));
    await recordChange(tx, viewer, {
      action: 'create',
      entity: 'territories',
      entityId: territory.id,
      before: null,
      after: territory,
    });
    return territory;
  });
  // A new manager of a territory sees more from now on.
  deps.viewerCache.clear();
  return result;
}

export async function updateTerritory(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateTerritoryInput,
  expectedVersion: number | undefined,
): Promise<Territory> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => {
        if (input.managerId) await requireManagerUser(tx, viewer, input.managerId);
        return input;
      },
    }),
  );
  deps.viewerCache.clear();
  return after;
}

/**
 * Deletes a territory nothing is in any more. One that still holds accounts, leads or people is `409`:
 * deleted under them, it would keep deciding who sees what while no list could show or pick it.
 */
export async function deleteTerritory(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    const members = await countTerritoryMembers(tx, id);
    refuseWhileHolding('territory', members, MEMBER_NAMES, '; move them to another territory first');
  });
  deps.viewerCache.clear();
}

const MEMBER_NAMES: HoldingNames<'accounts' | 'leads' | 'users'> = {
  accounts: ['account', 'accounts'],
  leads: ['lead', 'leads'],
  users: ['user', 'users'],
};

export async function restoreTerritory(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Territory> {
  const restored = await inTransaction(deps.database.db, (tx) =>
    restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion),
  );
  deps.viewerCache.clear();
  return restored;
}

function requireAdmin(viewer: Viewer) {
  if (!isAdmin(viewer)) throw new AppError('forbidden', 'only admins manage territories');
}

async function requireManagerUser(tx: Db, viewer: Viewer, userId: string) {
  const user = await findVisibleUser(tx, viewer, userId);
  if (!user?.active || user.role === 'rep') {
    throw new AppError('invalid_request', 'the territory manager must be an active manager or admin', {
      errors: [{ path: 'managerId', message: 'not an active manager or admin' }],
    });
  }
}

/** Every territory id must name a live territory: a typo would silently hide records from the user. */
export async function requireTerritories(tx: Db, territoryIds: string[], path = 'territoryIds') {
  const existing = new Set(await findExistingTerritoryIds(tx, territoryIds));
  const unknown = territoryIds.filter((id) => !existing.has(id));
  if (unknown.length > 0) {
    throw new AppError('invalid_request', `unknown territory ${unknown.join(', ')}`, {
      errors: unknown.map((id) => ({ path, message: `no territory ${id}` })),
    });
  }
}
