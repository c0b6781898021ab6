import { v7 as uuidv7 } from 'uuid';
import type {
  Account,
  AccountSummary,
  CreateAccountInput,
  Hierarchy,
  ListAccountsQuery,
  MergeResult,
  NearbyAccount,
  NearbyAccountsQuery,
  UpdateAccountInput,
} from '../../../shared/contracts/accounts.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { accounts } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changeRecord, type Lifecycle, restoreRecord, softDeleteRecord } from '../../platform/record-lifecycle.js';
import type { Viewer } from '../../platform/viewer.js';
import { mayChange } from '../../platform/visibility.js';
import { toActivity } from '../activities/activities.repository.js';
import { rescoreLinkedLeads } from '../activities/activities.service.js';
import { toAttachment } from '../attachments/attachments.repository.js';
import { recordCarriedAlong, recordChange } from '../audit/audit.service.js';
import { toCommunication } from '../communications/communications.repository.js';
import { demoteSourcePrimaryContact, toContact } from '../contacts/contacts.repository.js';
import { toNote } from '../notes/notes.repository.js';
import { toOpportunity } from '../opportunities/opportunities.repository.js';
import { findPriceList } from '../price-lists/price-lists.repository.js';
import { toTask } from '../tasks/tasks.repository.js';
import { requireTerritories } from '../territories/territories.service.js';
import { requireOwner } from '../users/users.service.js';
import { companyDomain, normalizeCompanyName } from './account-identity.js';
import {
  type AccountRecordEntity,
  type AccountRow,
  accountRecords,
  detachChildAccounts,
  findAccountFamily,
  findDuplicateAccounts,
  findVisibleAccount,
  insertAccount,
  listAccounts as listAccountRows,
  lockAccount,
  lockHierarchy,
  moveAccountLinks,
  moveDeletedAtOfAccountRecords,
  reattachChildAccounts,
  summarizeAccount,
  toAccount,
  wouldCreateAccountCycle,
} from './accounts.repository.js';
import { findNearbyAccounts } from './nearby-accounts.repository.js';

const ENTITY = 'accounts';

function lifecycle(viewer: Viewer): Lifecycle<typeof accounts, Account> {
  return {
    table: accounts,
    entity: ENTITY,
    label: 'account',
    find: (tx, id, options) => findVisibleAccount(tx, viewer, id, options),
    toApi: toAccount,
    authorize: (row) => requireChangeRight(viewer, row),
  };
}

export function listAccounts(deps: Deps, viewer: Viewer, query: ListAccountsQuery) {
  return listAccountRows(deps.database.db, viewer, query);
}

export async function getAccount(deps: Deps, viewer: Viewer, id: string): Promise<Account> {
  return toAccount(await requireVisibleAccount(deps.database.db, viewer, id));
}

export async function createAccount(
  deps: Deps,
  viewer: Viewer,
  input: CreateAccountInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<Account> {
  const { result } = await runIdempotent(deps.database.db, viewer, { ...idempotency, payload: input }, (tx) =>
    createAccountInTransaction(tx, viewer, input),
  );
  return result;
}

/** Creates an account inside the caller's transaction (lead conversion creates one with its contact and deal). */
export async function createAccountInTransaction(tx: Db, viewer: Viewer, input: CreateAccountInput): Promise<Account> {
  const ownerId = input.ownerId === undefined ? viewer.userId : input.ownerId;
  // The new account takes its parent's family: no move of the parent's branch may be under way.
  if (input.parentId) await lockHierarchy(tx);
  await checkReferences(tx, viewer, { parentId: input.parentId, territoryId: input.territoryId, ownerId });
  await requirePriceListChange(tx, viewer, input.priceListId, null);
  const row = await insertAccount(tx, {
    id: uuidv7(),
    ...toColumns({ ...input, ownerId }),
    name: input.name,
    type: input.type,
    normalizedName: normalizeCompanyName(input.name),
    domain: companyDomain(input.website) ?? companyDomain(input.email),
    // A position given is the user's: geocoding (jobs/geocode-accounts) fills only positions nobody gave.
    locationSource: input.location ? 'manual' : null,
  });
  const account = toAccount(row);
  await recordChange(tx, viewer, {
    action: 'create',
    entity: ENTITY,
    entityId: account.id,
    before: null,
    after: account,
  });
  return account;
}

export async function updateAccount(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateAccountInput,
  expectedVersion: number | undefined,
): Promise<Account> {
  const { after } = await inTransaction(deps.database.db, (tx) =>
    changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async (current) => {
        if (input.parentId) {
          await lockHierarchy(tx);
          if (await wouldCreateAccountCycle(tx, id, input.parentId)) {
            throw new AppError('invalid_request', 'an account cannot sit below itself or one of its own sub-accounts', {
              errors: [{ path: 'parentId', message: 'would create a cycle in the account hierarchy' }],
            });
          }
        }
        await checkReferences(tx, viewer, {
          parentId: input.parentId ?? null,
          territoryId: input.territoryId ?? null,
          ownerId: input.ownerId,
        });
        await requirePriceListChange(tx, viewer, input.priceListId, current.priceListId);
        const name = input.name ?? current.name;
        const website = input.website === undefined ? current.website : input.website;
        const email = input.email === undefined ? current.email : input.email;
        return {
          ...toColumns(input),
          ...(input.address ? addressColumns({ ...addressOf(current), ...input.address }) : {}),
          ...(input.location !== undefined && !samePosition(input.location, current)
            ? { locationSource: 'manual' }
            : {}),
          normalizedName: normalizeCompanyName(name),
          domain: companyDomain(website) ?? companyDomain(email),
        };
      },
    }),
  );
  return after;
}

/**
 * Soft-deletes an account, and with it what hangs off it: contacts, deals, activities, tasks, the
 * communication log and notes (a company that is gone takes its records along, as in Salesforce), each
 * audited, at the account's own deletion time so a restore brings exactly those back. Its child accounts
 * move up to its parent (or become roots), audited, so no live account points at a deleted one; a
 * restore puts them back. Leads converted into it keep pointing at it, as history.
 */
export async function deleteAccount(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  await inTransaction(deps.database.db, async (tx) => {
    // Its children change parent (and family, when it was a root).
    await lockHierarchy(tx);
    const deleted = await softDeleteRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    const children = await detachChildAccounts(tx, id, deleted.parentId);
    await recordCarriedAlong(tx, viewer, ENTITY, children.map(toAccount), 'parentId', id);
    for (const { entity, table } of accountRecords) {
      const rows = await moveDeletedAtOfAccountRecords(tx, table, id, { from: null, to: deleted.deletedAt });
      for (const row of rows) {
        const record = recordApis[entity](row as never);
        const before = { ...record, version: record.version - 1 };
        await recordChange(tx, viewer, { action: 'delete', entity, entityId: record.id, before, after: null });
      }
      if (entity === 'activities') await rescoreLinkedLeads(tx, rows.map(leadOf));
    }
  });
}

/** A lead's score counts its activities: one an account's deletion or restore carried along changes it. */
const leadOf = (row: object) => ('leadId' in row ? (row.leadId as string | null) : null);

export function restoreAccount(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<Account> {
  return inTransaction(deps.database.db, async (tx) => {
    // Back in the tree, it takes its parent's family as it is now.
    await lockHierarchy(tx);
    const deletedAt = (await findVisibleAccount(tx, viewer, id, { includeDeleted: true }))?.deletedAt ?? null;
    const account = await restoreRecord(tx, viewer, lifecycle(viewer), id, expectedVersion);
    if (!deletedAt) return account;
    const children = await reattachChildAccounts(tx, id, account.parentId);
    await recordCarriedAlong(tx, viewer, ENTITY, children.map(toAccount), 'parentId', account.parentId);
    for (const { entity, table } of accountRecords) {
      const rows = await moveDeletedAtOfAccountRecords(tx, table, id, { from: deletedAt, to: null });
      for (const row of rows) {
        const record = recordApis[entity](row as never);
        await recordChange(tx, viewer, { action: 'restore', entity, entityId: record.id, before: null, after: record });
      }
      if (entity === 'activities') await rescoreLinkedLeads(tx, rows.map(leadOf));
    }
    return account;
  });
}

/** How the audit trail shows each kind of record an account's deletion carries along. */
const recordApis: Record<AccountRecordEntity, (row: never) => { id: string; version: number }> = {
  contacts: toContact,
  opportunities: toOpportunity,
  activities: toActivity,
  tasks: toTask,
  communications: toCommunication,
  notes: toNote,
  attachments: toAttachment,
};

/** One query: the family comes back with what the viewer may see marked, and an account they may not is no tree. */
export async function getAccountHierarchy(deps: Deps, viewer: Viewer, id: string): Promise<Hierarchy> {
  const nodes = await findAccountFamily(deps.database.db, viewer, id);
  const root = nodes[0];
  if (!root) throw notFound('account');
  return { rootId: root.id, accountId: id, nodes };
}

export async function getAccountSummary(deps: Deps, viewer: Viewer, id: string): Promise<AccountSummary> {
  await requireVisibleAccount(deps.database.db, viewer, id);
  return summarizeAccount(deps.database.db, viewer, id);
}

/**
 * Merges `sourceId` into the survivor `id`: every linked record and child account moves over, empty
 * fields of the survivor are filled from the source, and the source stays as a soft-deleted record
 * pointing at the survivor. One transaction, audited on both accounts. Under If-Match, the survivor (the
 * account in the path) must still be at that version, or it is `412`.
 */
export async function mergeAccounts(
  deps: Deps,
  viewer: Viewer,
  id: string,
  sourceId: string,
  expectedVersion: number | undefined,
): Promise<MergeResult> {
  if (id === sourceId) throw new AppError('invalid_request', 'an account cannot be merged into itself');
  return inTransaction(deps.database.db, async (tx) => {
    await lockHierarchy(tx);
    // Lock in a fixed order so two merges of the same pair cannot deadlock.
    for (const lockId of [id, sourceId].sort()) await lockAccount(tx, lockId);
    const survivor = await requireVisibleAccount(tx, viewer, id);
    const source = await requireVisibleAccount(tx, viewer, sourceId);
    requireChangeRight(viewer, survivor);
    requireChangeRight(viewer, source);

    const filled = fillEmptyFields(survivor, source);
    // A survivor below the source takes the source's place in the tree; otherwise the source's
    // children, moving under the survivor, would include its own ancestors.
    if (await wouldCreateAccountCycle(tx, sourceId, id)) filled.parentId = source.parentId;
    // The survivor changes even when no field of its own is filled (it gains the source's contacts, deals
    // and children), so it always takes a new version: an ETag read before the merge must not pass If-Match.
    const merged = await changeRecord(tx, viewer, lifecycle(viewer), id, {
      expectedVersion,
      prepare: async () => ({ ...filled, updatedAt: new Date() }),
    });
    await demoteSourcePrimaryContact(tx, { sourceId, survivorId: id });
    const moved = await moveAccountLinks(tx, sourceId, id);
    await softDeleteRecord(tx, viewer, lifecycle(viewer), sourceId, undefined, { mergedIntoId: id });
    await recordChange(tx, viewer, {
      action: 'merge',
      entity: ENTITY,
      entityId: id,
      before: { sourceId },
      after: { sourceId, moved },
    });
    return { account: merged.after, sourceId, moved };
  });
}

/** Likely duplicates of a company (by name, website or e-mail) among the accounts the viewer can see. */
export async function findDuplicates(
  deps: Deps,
  viewer: Viewer,
  probe: {
    name?: string | undefined;
    website?: string | undefined;
    email?: string | undefined;
    excludeId?: string | undefined;
    limit: number;
  },
) {
  const normalizedName = probe.name ? normalizeCompanyName(probe.name) : null;
  const domain = companyDomain(probe.website) ?? companyDomain(probe.email);
  if (!normalizedName && !domain) return { data: [] };
  const matches = await findDuplicateAccounts(deps.database.db, viewer, {
    normalizedName,
    domain,
    excludeId: probe.excludeId,
    limit: probe.limit,
  });
  return {
    data: matches.map((match) => {
      const reasons: ('same_name' | 'same_domain' | 'similar_name')[] = [];
      if (match.sameName) reasons.push('same_name');
      if (match.sameDomain) reasons.push('same_domain');
      if (!match.sameName && match.similarity > 0) reasons.push('similar_name');
      const score = Math.min(
        1,
        Math.max(match.sameName ? 0.9 : 0, match.sameDomain ? 0.8 : 0, match.similarity) +
          (match.sameName && match.sameDomain ? 0.1 : 0),
      );
      return { account: toAccount(match.row), score: Math.round(score * 100) / 100, reasons };
    }),
  };
}

/** The account if the viewer may see it; `404` otherwise (never `403`, which would reveal it exists). */
export async function requireVisibleAccount(db: Db, viewer: Viewer, id: string): Promise<AccountRow> {
  const row = await findVisibleAccount(db, viewer, id);
  if (!row) throw notFound('account');
  return row;
}

function requireChangeRight(viewer: Viewer, row: AccountRow) {
  if (!mayChange(viewer, row.ownerId)) {
    throw new AppError('forbidden', "only the account's owner, their managers and admins may change it");
  }
}

async function checkReferences(
  tx: Db,
  viewer: Viewer,
  references: { parentId: string | null; territoryId: string | null; ownerId: string | null | undefined },
) {
  if (
    references.parentId &&
    !(await findVisibleAccount(tx, viewer, references.parentId, { holdForNewRecords: true }))
  ) {
    throw new AppError('invalid_request', 'the parent account does not exist', {
      errors: [{ path: 'parentId', message: 'no such account' }],
    });
  }
  if (references.territoryId) await requireTerritories(tx, [references.territoryId], 'territoryId');
  await requireOwner(tx, viewer, references.ownerId);
}

/**
 * What an account pays is the company's decision: only managers and admins put an account on a price
 * list or take it off one, and only onto a live, active list. Sending the list it has changes nothing.
 */
async function requirePriceListChange(
  tx: Db,
  viewer: Viewer,
  priceListId: string | null | undefined,
  current: string | null,
) {
  if (priceListId === undefined || priceListId === current) return;
  if (viewer.role === 'rep') {
    throw new AppError('forbidden', "only managers and admins change an account's price list");
  }
  if (priceListId === null) return;
  const list = await findPriceList(tx, priceListId);
  if (!list?.active) {
    throw new AppError('invalid_request', list ? 'the price list is inactive' : 'the price list does not exist', {
      errors: [{ path: 'priceListId', message: list ? 'inactive' : 'no such price list' }],
    });
  }
}

type AddressInput = Partial<NonNullable<CreateAccountInput['address']>>;

type WritableAccount = Partial<Omit<CreateAccountInput, 'address'>> & {
  address?: AddressInput | null;
};

/** API fields → columns, for the fields present in the input. */
function toColumns(input: WritableAccount): Partial<typeof accounts.$inferInsert> {
  const { address, location, ...plain } = input;
  return {
    ...plain,
    // null clears every line, as null clears any other optional field.
    ...(address === undefined ? {} : addressColumns(address ?? {})),
    ...(location === undefined ? {} : { latitude: location?.lat ?? null, longitude: location?.lng ?? null }),
  };
}

/** Whether a location sent is the one the account has (a form sending every field back changes nothing). */
function samePosition(
  location: { lat: number; lng: number } | null,
  current: { latitude: number | null; longitude: number | null },
): boolean {
  return (location?.lat ?? null) === current.latitude && (location?.lng ?? null) === current.longitude;
}

function addressColumns(address: AddressInput) {
  return {
    street: address.street ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postalCode: address.postalCode ?? null,
    country: address.country ?? null,
  };
}

function addressOf(row: AccountRow) {
  return { street: row.street, city: row.city, state: row.state, postalCode: row.postalCode, country: row.country };
}

const fillableFields = [
  'industry',
  'website',
  'email',
  'phone',
  'annualRevenue',
  'employees',
  'street',
  'city',
  'state',
  'postalCode',
  'country',
  'latitude',
  'longitude',
  'description',
  'territoryId',
  'priceListId',
] as const;

/** The survivor keeps what it has; what it lacks comes from the source. */
function fillEmptyFields(survivor: AccountRow, source: AccountRow): Partial<typeof accounts.$inferInsert> {
  const filled: Partial<typeof accounts.$inferInsert> = {};
  for (const field of fillableFields) {
    if (survivor[field] === null && source[field] !== null) Object.assign(filled, { [field]: source[field] });
  }
  if (!survivor.domain && source.domain) filled.domain = source.domain;
  return filled;
}

/** The accounts the viewer sees around a place, nearest first: where to drop in between two visits. */
export async function listNearbyAccounts(
  deps: Deps,
  viewer: Viewer,
  query: NearbyAccountsQuery,
): Promise<{ data: NearbyAccount[] }> {
  const found = await findNearbyAccounts(deps.database.db, viewer, query);
  return { data: found.map(({ row, distanceMeters }) => ({ account: toAccount(row), distanceMeters })) };
}
