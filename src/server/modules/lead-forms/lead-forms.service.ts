import { v7 as uuidv7 } from 'uuid';
import type {
  CreateLeadFormInput,
  LeadForm,
  ListLeadFormsQuery,
  UpdateLeadFormInput,
} from '../../../shared/contracts/lead-forms.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { leadForms } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { requireAssignableUser } from '../users/users.service.js';
import { newFormKey } from './form-keys.js';
import { findLeadForm, insertLeadForm, listLeadFormRows, toLeadForm } from './lead-forms.repository.js';

const ENTITY = 'lead_forms';

/** Where the company's inquiries go is a sales-management decision: managers and admins keep the forms. */
function requireFormRight(viewer: Viewer) {
  if (viewer.role === 'rep') throw new AppError('forbidden', 'only managers and admins keep the lead forms');
}

function lifecycle(viewer: Viewer): Lifecycle<typeof leadForms, LeadForm> {
  return {
    table: leadForms,
    entity: ENTITY,
    label: 'lead form',
    find: (tx, id, options) => findLeadForm(tx, id, options),
    toApi: toLeadForm,
    authorize: () => requireFormRight(viewer),
  };
}

export function listLeadForms(deps: Deps, viewer: Viewer, query: ListLeadFormsQuery) {
  requireFormRight(viewer);
  return listLeadFormRows(deps.database.db, query);
}

export async function getLeadForm(deps: Deps, viewer: Viewer, id: string): Promise<LeadForm> {
  requireFormRight(viewer);
  const row = await findLeadForm(deps.database.db, id);
  if (!row) throw notFound('lead form');
  return toLeadForm(row);
}

export async function createLeadForm(
  deps: Deps,
  viewer: Viewer,
  input: CreateLeadFormInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<LeadForm> {
  requireFormRight(viewer);
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, async (tx) => {
    const ownerId = input.ownerId ?? viewer.userId;
    await requireAssignableUser(tx, viewer, ownerId, 'ownerId');
    const form = toLeadForm(await insertLeadForm(tx, { id: uuidv7(), ...input, ownerId, key: newFormKey() }));
    await recordChange(tx, viewer, { action: 'create', entity: ENTITY, entityId: form.id, before: null, after: form });
    return form;
  });
  return result;
}

export async function updateLeadForm(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateLeadFormInput,
  expectedVersion: number | undefined,
): Promise<LeadForm> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => {
        if (input.ownerId) await requireAssignableUser(tx, viewer, input.ownerId, 'ownerId');
        return input;
      },
    }),
  );
  return after;
}

/** A deleted form takes no more inquiries; the leads it brought stay. */
export async function deleteLeadForm(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, (tx) => softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}

export function restoreLeadForm(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<LeadForm> {
  return inTransaction(deps.database.db, (tx) => restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion));
}
