import { v7 as uuidv7 } from 'uuid';
import type {
  Contact,
  ContactMergeResult,
  CreateContactInput,
  ListContactsQuery,
  UpdateContactInput,
} from '../../../shared/contracts/contacts.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { contacts } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import { releaseLinksTo } from '../../platform/released-links.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { findVisibleAccount, lockAccount } from '../accounts/accounts.repository.js';
import { recordCarriedAlong, recordChange } from '../audit/audit.service.js';
import { requireOwner } from '../users/users.service.js';
import {
  type ContactRow,
  clearPrimaryContact,
  detachReports,
  findContactInAccount,
  findReportIds,
  findVisibleContact,
  findVisibleContactByEmail,
  hasPrimaryContact,
  insertContact,
  listContacts as listContactRows,
  lockContact,
  moveContactLinks,
  reassignReports,
  setReportsTo,
  toContact,
  wouldCreateReportsCycle,
} from './contacts.repository.js';

const ENTITY = 'contacts';

function lifecycle(viewer: Viewer): Lifecycle<typeof contacts, Contact> {
  return {
    table: contacts,
    entity: ENTITY,
    label: 'contact',
    find: (tx, id, options) => findVisibleContact(tx, viewer, id, options),
    toApi: toContact,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listContacts(deps: Deps, viewer: Viewer, query: ListContactsQuery) {
  return listContactRows(deps.database.db, viewer, query);
}

export async function getContact(deps: Deps, viewer: Viewer, id: string): Promise<Contact> {
  const row = await findVisibleContact(deps.database.db, viewer, id);
  if (!row) throw notFound('contact');
  return toContact(row);
}

/**
 * Creates a contact on an account the viewer can see. An e-mail that a visible contact already has is
 * `409` with that contact's id, unless `allowDuplicate`. A primary contact takes the flag from the
 * account's previous one in the same transaction.
 */
export async function createContact(
  deps: Deps,
  viewer: Viewer,
  input: CreateContactInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Contact> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, (tx) =>
    createContactInTransaction(tx, viewer, input),
  );
  return result;
}

/** Creates a contact inside the caller's transaction (lead conversion creates one with its account and deal). */
export async function createContactInTransaction(tx: Db, viewer: Viewer, input: CreateContactInput): Promise<Contact> {
  const { allowDuplicate, ...fields } = input;
  const email = normalizeEmail(fields.email);
  // A new primary contact locks the account for update before anything share-locks it: two such creates
  // would otherwise each hold a share lock and wait for the other's to upgrade.
  if (fields.isPrimary) await lockAccount(tx, fields.accountId);
  await requireAccountForContact(tx, viewer, fields.accountId);
  if (email && !allowDuplicate) await refuseDuplicateEmail(tx, viewer, email, null);
  const ownerId = fields.ownerId === undefined ? viewer.userId : fields.ownerId;
  await requireOwner(tx, viewer, ownerId);
  if (fields.reportsToId) await requireSameAccount(tx, fields.reportsToId, fields.accountId);
  if (fields.isPrimary) await clearPrimaryContact(tx, fields.accountId, null);
  const row = await insertContact(tx, {
    id: uuidv7(),
    ...fields,
    ownerId,
    email,
    phone: normalizePhone(fields.phone),
    mobile: normalizePhone(fields.mobile),
  });
  const contact = toContact(row);
  await recordChange(tx, viewer, {
    action: 'create',
    entity: ENTITY,
    entityId: contact.id,
    before: null,
    after: contact,
  });
  return contact;
}

/** `409` with the other contact's id when a visible contact other than `selfId` has the e-mail. */
async function refuseDuplicateEmail(tx: Db, viewer: Viewer, email: string, selfId: string | null) {
  const existing = await findVisibleContactByEmail(tx, viewer, email, selfId);
  if (!existing) return;
  throw new AppError(
    'conflict',
    'a contact with this e-mail already exists; send allowDuplicate=true to use it anyway',
    {
      details: { existingId: existing.id },
      errors: [{ path: 'email', message: 'already used by another contact' }],
    },
  );
}

export async function updateContact(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateContactInput,
  expectedVersion: number | undefined,
): Promise<Contact> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        const { allowDuplicate, ...fields } = input;
        const email = fields.email === undefined ? undefined : normalizeEmail(fields.email);
        if (email && email !== current.email && !allowDuplicate) await refuseDuplicateEmail(tx, viewer, email, id);
        const accountId = input.accountId ?? current.accountId;
        const movesAccount = accountId !== current.accountId;
        const reportsToId = input.reportsToId === undefined ? current.reportsToId : input.reportsToId;
        const isPrimary = input.isPrimary ?? (movesAccount ? false : current.isPrimary);
        // Primary switches and reporting lines are settled per account: concurrent changes queue on its row,
        // so two switches leave one primary, and c1 → c2, c2 → c3, c3 → c1 sent at once cannot each pass
        // the cycle check alone. Locked for update first, before anything share-locks it.
        if (isPrimary || reportsToId !== current.reportsToId) await lockAccount(tx, accountId);
        if (movesAccount) {
          await requireAccountForContact(tx, viewer, accountId);
          await detachReports(tx, id);
        }
        await requireOwner(tx, viewer, input.ownerId);
        if (reportsToId) {
          if (reportsToId !== current.reportsToId || movesAccount) await requireSameAccount(tx, reportsToId, accountId);
          if (await wouldCreateReportsCycle(tx, id, reportsToId)) {
            throw new AppError(
              'invalid_request',
              'a contact cannot report to themselves or to someone who reports to them',
              {
                errors: [{ path: 'reportsToId', message: 'would create a reporting cycle' }],
              },
            );
          }
        }
        if (isPrimary) await clearPrimaryContact(tx, accountId, id);
        return {
          ...fields,
          isPrimary,
          ...(email === undefined ? {} : { email }),
          ...(input.phone === undefined ? {} : { phone: normalizePhone(input.phone) }),
          ...(input.mobile === undefined ? {} : { mobile: normalizePhone(input.mobile) }),
        };
      },
    }),
  );
  return after;
}

/**
 * Soft-deletes a contact. Whoever reported to them now reports to their manager (or to no one), and the
 * deals, activities, tasks, messages and notes that named them let go of them, in the same transaction
 * and audited, so no live record points at a deleted contact.
 */
export async function deleteContact(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    const deleted = await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    const reports = await reassignReports(tx, id, deleted.reportsToId);
    await recordCarriedAlong(tx, viewer, ENTITY, reports.map(toContact), 'reportsToId', id);
    await releaseLinksTo(tx, viewer, 'contactId', id);
  });
}

/** Restores a contact; if the account has found another primary contact meanwhile, this one comes back as plain. */
export function restoreContact(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Contact> {
  return inTransaction(deps.database.db, (tx) =>
    restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion, async (row) => {
      if (!row.isPrimary) return {};
      await lockAccount(tx, row.accountId);
      return (await hasPrimaryContact(tx, row.accountId, id)) ? { isPrimary: false } : {};
    }),
  );
}

/**
 * Merges the duplicate `sourceId` into `id`, both of one account: the survivor keeps its own fields and
 * takes the source's where it has none (title, e-mail, phones), and the primary flag when the source had
 * it; every deal, activity, task, message, note and converted lead naming the source, and whoever
 * reported to it, move to the survivor; the source is kept soft-deleted, pointing at the survivor. One
 * transaction, audited; If-Match guards the survivor.
 */
export async function mergeContacts(
  deps: Deps,
  viewer: Viewer,
  id: string,
  sourceId: string,
  expectedVersion: number | undefined,
): Promise<ContactMergeResult> {
  if (id === sourceId) {
    throw new AppError('invalid_request', 'a contact cannot be merged into itself', {
      errors: [{ path: 'sourceId', message: 'the contact itself' }],
    });
  }
  return inTransaction(deps.database.db, async (tx) => {
    // Lock in a fixed order so two merges of the same pair cannot deadlock.
    for (const lockId of [id, sourceId].sort()) await lockContact(tx, lockId);
    const survivor = await findVisibleContact(tx, viewer, id);
    const source = await findVisibleContact(tx, viewer, sourceId);
    if (!survivor) throw notFound('contact');
    if (!source)
      throw new AppError('not_found', 'the contact to merge was not found', {
        errors: [{ path: 'sourceId', message: 'not found' }],
      });
    requireChangeRight(viewer, survivor);
    requireChangeRight(viewer, source);
    if (source.accountId !== survivor.accountId) {
      throw new AppError(
        'invalid_request',
        'only contacts of the same account merge: move one to the other’s account first',
        {
          errors: [{ path: 'sourceId', message: 'a contact of another account' }],
        },
      );
    }
    await lockAccount(tx, survivor.accountId);
    // The survivor takes the source's place above it: reporting to the source would report to itself.
    const takenPlace = survivor.reportsToId === sourceId ? source.reportsToId : survivor.reportsToId;
    const reportsToId = takenPlace && !(await wouldCreateReportsCycle(tx, id, takenPlace)) ? takenPlace : null;
    const takesPrimary = source.isPrimary && !survivor.isPrimary;
    if (takesPrimary) await clearPrimaryContact(tx, survivor.accountId, null);
    const merged = await changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      // Always a new version: the survivor gains the source's records even when no field of its own changes.
      prepare: async () => ({
        title: survivor.title ?? source.title,
        email: survivor.email ?? source.email,
        phone: survivor.phone ?? source.phone,
        mobile: survivor.mobile ?? source.mobile,
        reportsToId,
        isPrimary: survivor.isPrimary || takesPrimary,
        updatedAt: new Date(),
      }),
    });
    // Someone above the survivor who reported to the source would, under the survivor, report to themselves:
    // they take the source's own place instead.
    for (const reportId of await findReportIds(tx, sourceId)) {
      if (reportId !== id && (await wouldCreateReportsCycle(tx, reportId, id))) {
        await setReportsTo(tx, reportId, reportsToId === reportId ? null : reportsToId);
      }
    }
    const moved = await moveContactLinks(tx, sourceId, id);
    await softDeleteRecord(tx, viewer, lifecycle(viewer), sourceId, undefined, {
      mergedIntoId: id,
      isPrimary: false,
      reportsToId: null,
    });
    await recordChange(tx, viewer, {
      action: 'merge',
      entity: ENTITY,
      entityId: id,
      before: { sourceId },
      after: { sourceId, moved },
    });
    return { contact: merged.after, sourceId, moved };
  });
}

function requireChangeRight(viewer: Viewer, row: ContactRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the contact's owner, their managers and admins may change it");
  }
}

async function requireAccountForContact(tx: Db, viewer: Viewer, accountId: string) {
  if (!(await findVisibleAccount(tx, viewer, accountId, { holdForNewRecords: true }))) {
    throw new AppError('invalid_request', 'the account does not exist', {
      errors: [{ path: 'accountId', message: 'no such account' }],
    });
  }
}

async function requireSameAccount(tx: Db, reportsToId: string, accountId: string) {
  if (!(await findContactInAccount(tx, reportsToId, accountId))) {
    throw new AppError('invalid_request', 'a contact can only report to someone at the same account', {
      errors: [{ path: 'reportsToId', message: 'not a contact of this account' }],
    });
  }
}

function normalizeEmail(email: string | null | undefined): string | null {
  return email ? email.trim().toLowerCase() : null;
}

/** "+49 (30) 123-456" → "+4930123456": the same number typed two ways compares equal. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}
