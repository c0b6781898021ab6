import { v7 as uuidv7 } from 'uuid';
import type {
  CreateSavedViewInput,
  ListSavedViewsQuery,
  SavedView,
  UpdateSavedViewInput,
  ViewResource,
} from '../../../shared/contracts/saved-views.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { savedViews } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { recordChange } from '../audit/audit.service.js';
import {
  findOwnViewByName,
  findVisibleSavedView,
  insertSavedView,
  listSavedViewRows,
  type SavedViewRow,
  toSavedView,
} from './saved-views.repository.js';
import { checkedViewQuery } from './view-query.js';

const ENTITY = 'saved_views';

function lifecycle(viewer: Viewer): Lifecycle<typeof savedViews, SavedView> {
  return {
    table: savedViews,
    entity: ENTITY,
    label: 'view',
    find: (tx, id, options) => findVisibleSavedView(tx, viewer, id, options),
    toApi: toSavedView,
    authorize: (row) => {
      if (!mayChange(viewer, row.ownerId)) {
        throw new AppError('forbidden', "only the view's owner, their managers and admins may change it");
      }
    },
  };
}

/** One name per person and list: choosing "Dealers" from a menu must open one view. */
async function requireFreeName(
  tx: Db,
  view: { ownerId: string | null; resource: string; name: string },
  exceptId?: string,
) {
  const taken = await findOwnViewByName(tx, view, exceptId);
  if (taken) {
    throw new AppError('conflict', `you have a view of this list called ${view.name}`, {
      errors: [{ path: 'name', message: 'already used' }],
      details: { existingId: taken.id },
    });
  }
}

export function listSavedViews(deps: Deps, viewer: Viewer, query: ListSavedViewsQuery) {
  return listSavedViewRows(deps.database.db, viewer, query);
}

export async function getSavedView(deps: Deps, viewer: Viewer, id: string): Promise<SavedView> {
  const row = await findVisibleSavedView(deps.database.db, viewer, id);
  if (!row) throw notFound('view');
  return toSavedView(row);
}

export async function createSavedView(
  deps: Deps,
  viewer: Viewer,
  input: CreateSavedViewInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<SavedView> {
  const query = checkedViewQuery(input.resource, input.query);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    await requireFreeName(tx, { ownerId: viewer.userId, resource: input.resource, name: input.name });
    const view = toSavedView(await insertSavedView(tx, { id: uuidv7(), ...input, query, ownerId: viewer.userId }));
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: view.id, before: null, after: view });
    return view;
  });
  return result;
}

export async function updateSavedView(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateSavedViewInput,
  expectedVersion: number | undefined,
): Promise<SavedView> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current: SavedViewRow) => {
        const resource = current.resource as ViewResource;
        if (input.name) await requireFreeName(tx, { ownerId: current.ownerId, resource, name: input.name }, id);
        return input.query === undefined ? input : { ...input, query: checkedViewQuery(resource, input.query) };
      },
    }),
  );
  return after;
}

export async function deleteSavedView(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export function restoreSavedView(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<SavedView> {
  return inTransaction(deps.database.db, async (tx) => {
    const row = await findVisibleSavedView(tx, viewer, id, { includeDeleted: true });
    if (row) await requireFreeName(tx, { ownerId: row.ownerId, resource: row.resource, name: row.name }, id);
    return restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
  });
}
