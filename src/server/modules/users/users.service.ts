import { v7 as uuidv7 } from 'uuid';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User } from '../../../shared/contracts/users.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { lostWrite, staleVersion } from '../../platform/concurrency.js';
import { type HoldingNames, refuseWhileHolding } from '../../platform/holdings.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { changesNothing } from '../../platform/record-lifecycle.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { revokeApiKeysOfUser } from '../api-keys/api-keys.repository.js';
import { recordChange } from '../audit/audit.service.js';
import { revokeRefreshTokensOfUser } from '../auth/auth.repository.js';
import { hashPassword, loadIdentity, requirePresentPassword } from '../auth/auth.service.js';
import { inviteUser } from '../auth/password-links.service.js';
import { requireTerritories } from '../territories/territories.service.js';
import {
  countActiveAdminsOtherThan,
  countHoldings,
  findUserForAuthentication,
  findVisibleUser,
  insertUser,
  listUsers as listUserRows,
  toUser,
  type UserRow,
  wouldCreateManagementCycle,
} from './users.repository.js';

const ENTITY = 'users';

export function listUsers(deps: Deps, viewer: Viewer, query: ListUsersQuery) {
  return listUserRows(deps.database.db, viewer, query);
}

export async function getUser(deps: Deps, viewer: Viewer, id: string): Promise<User> {
  const row = await findVisibleUser(deps.database.db, viewer, id);
  if (!row) throw notFound('user');
  return toUser(row);
}

/** The caller's own record, served from the identity the request was authenticated with. */
export async function getCurrentUser(deps: Deps, viewer: Viewer): Promise<User> {
  return (await loadIdentity(deps, viewer.userId)).user;
}

export async function createUser(
  deps: Deps,
  viewer: Viewer,
  input: CreateUserInput,
  idempotency: Omit<IdempotentRequest, 'payload'> = { key: undefined, operation: 'createUser' },
): Promise<{ user: User; replayed: boolean }> {
  requireAdmin(viewer, 'create users');
  // Hash before the transaction: argon2 is deliberately slow and must not hold a connection.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const { result, replayed } = await runIdempotent(
    deps.database.db,
    viewer,
    { ...idempotency, payload: input },
    async (tx) => {
      if (input.managerId) await requireManager(tx, viewer, input.managerId);
      await requireTerritories(tx, input.territoryIds);
      const row = await insertUser(tx, {
        id: uuidv7(),
        email: input.email,
        name: input.name,
        role: input.role,
        territoryIds: input.territoryIds,
        managerId: input.managerId,
        active: input.active,
        passwordHash,
      });
      const user = toUser(row);
      await recordChange(tx, viewer, {
        action: 'create',
        entity: ENTITY,
        entityId: user.id,
        before: null,
        after: user,
      });
      // Nobody can sign in to an account without a password: its owner is e-mailed a link to choose one.
      if (!passwordHash && user.active)
        await inviteUser(tx, deps, user, (await findUserForAuthentication(tx, { id: viewer.userId })) ?? null);
      return user;
    },
  );
  deps.viewerCache.clear();
  return { user: result, replayed };
}

/** Only admins change other users; anyone may change their own name and password. */
export async function updateUser(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateUserInput,
  expectedVersion: number | undefined,
): Promise<User> {
  const selfServiceFields = new Set(['name', 'password', 'currentPassword']);
  const changesOnlyOwnProfile =
    id === viewer.userId && Object.keys(input).every((field) => selfServiceFields.has(field));
  if (!isAdmin(viewer) && !changesOnlyOwnProfile) {
    const visible = await findVisibleUser(deps.database.db, viewer, id);
    if (!visible) throw notFound('user');
    throw new AppError('forbidden', 'only admins may change users other than themselves, or roles and access');
  }
  const { password, currentPassword, ...fields } = input;
  if (password && id === viewer.userId) await requirePresentPassword(deps, id, currentPassword);
  const passwordHash = password ? await hashPassword(password) : undefined;

  const updated = await inTransaction(deps.database.db, async (tx) => {
    const current = await findVisibleUser(tx, viewer, id);
    if (!current) throw notFound('user');
    if (fields.managerId) {
      await requireManager(tx, viewer, fields.managerId);
      if (await wouldCreateManagementCycle(tx, id, fields.managerId)) {
        throw new AppError('invalid_request', 'a user cannot report to themselves or to someone who reports to them', {
          errors: [{ path: 'managerId', message: 'would create a management cycle' }],
        });
      }
    }
    if (fields.territoryIds) await requireTerritories(tx, fields.territoryIds);
    const losesAdmin = (fields.role !== undefined && fields.role !== 'admin') || fields.active === false;
    if (current.role === 'admin' && losesAdmin) await requireAnotherAdmin(tx, id);

    if (!passwordHash && changesNothing(current, fields)) {
      // Nothing to write: the version stays, so other clients' If-Match stays good, and nothing is audited.
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current.version);
      return toUser(current);
    }
    const row = await updateVersionedRow(
      tx,
      users,
      id,
      { ...fields, ...(passwordHash ? { passwordHash } : {}) },
      { expectedVersion },
    );
    if (!row) throw lostWrite('user', expectedVersion, current.version);
    if (passwordHash || fields.active === false) await revokeRefreshTokensOfUser(tx, id);
    if (fields.active === false) await revokeApiKeysOfUser(tx, id);
    const after = toUser(row);
    await recordChange(tx, viewer, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      before: { ...toUser(current), ...(passwordHash ? { password: '(unchanged)' } : {}) },
      after: { ...after, ...(passwordHash ? { password: '(changed)' } : {}) },
    });
    return after;
  });
  deps.viewerCache.clear();
  return updated;
}

/**
 * E-mails a user the link to choose their password again (the first invitation's expired, or it went
 * astray). Older links stop working. Admins only; an inactive user is `409`: they could not sign in.
 */
export async function resendInvitation(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  requireAdmin(viewer, 'invite users');
  await inTransaction(deps.database.db, async (tx) => {
    const user = await findVisibleUser(tx, viewer, id);
    if (!user) throw notFound('user');
    if (!user.active) throw new AppError('conflict', 'the user is deactivated: reactivate them first');
    await inviteUser(tx, deps, user, (await findUserForAuthentication(tx, { id: viewer.userId })) ?? null);
  });
}

/** Soft delete: the user can no longer sign in, their sessions and keys end, and the record stays for audit. */
export async function deleteUser(deps: Deps, viewer: Viewer, id: string, expectedVersion: number | undefined) {
  requireAdmin(viewer, 'delete users');
  if (id === viewer.userId) throw new AppError('conflict', 'you cannot delete your own account');
  await inTransaction(deps.database.db, async (tx) => {
    const current = await findVisibleUser(tx, viewer, id);
    if (!current) throw notFound('user');
    if (current.role === 'admin') await requireAnotherAdmin(tx, id);
    const row = await updateVersionedRow(tx, users, id, { deletedAt: new Date() }, { expectedVersion });
    if (!row) throw lostWrite('user', expectedVersion, current.version);
    await refuseWhileHoldingRecords(tx, id);
    await revokeRefreshTokensOfUser(tx, id);
    await revokeApiKeysOfUser(tx, id);
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      before: toUser(current),
      after: null,
    });
  });
  deps.viewerCache.clear();
}

/**
 * A user who still owns records, has open tasks, manages a territory or has people reporting to them is
 * not deleted (`409`, saying what they hold): the records would point at someone no list can show or
 * pick. Deactivating keeps them and ends the access; handing the records over first allows the delete.
 */
async function refuseWhileHoldingRecords(tx: Db, userId: string) {
  refuseWhileHolding(
    'user',
    await countHoldings(tx, userId),
    HOLDING_NAMES,
    ': give them to someone else first (POST /users/{id}/hand-over), or deactivate the user (active: false) to end their access and keep their records',
  );
}

const HOLDING_NAMES: HoldingNames<keyof Awaited<ReturnType<typeof countHoldings>>> = {
  accounts: ['account', 'accounts'],
  contacts: ['contact', 'contacts'],
  leads: ['lead', 'leads'],
  deals: ['deal', 'deals'],
  tasks: ['open task', 'open tasks'],
  territories: ['territory to manage', 'territories to manage'],
  reports: ['person reporting to them', 'people reporting to them'],
};

export async function restoreUser(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<User> {
  requireAdmin(viewer, 'restore users');
  const restored = await inTransaction(deps.database.db, async (tx) => {
    const current = await findVisibleUser(tx, viewer, id, { includeDeleted: true });
    if (!current) throw notFound('user');
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current.version);
    if (!current.deletedAt) return toUser(current);
    const row = await updateVersionedRow(tx, users, id, { deletedAt: null }, { expectedVersion, state: 'deleted' });
    if (!row) {
      if (expectedVersion !== undefined) throw staleVersion(current.version + 1);
      throw new AppError('conflict', 'the user was restored by someone else just now');
    }
    const user = toUser(row as UserRow);
    await recordChange(tx, viewer, { action: 'restore', entity: ENTITY, entityId: id, before: null, after: user });
    return user;
  });
  deps.viewerCache.clear();
  return restored;
}

function requireAdmin(viewer: Viewer, what: string) {
  if (!isAdmin(viewer)) throw new AppError('forbidden', `only admins may ${what}`);
}

async function requireManager(tx: Db, viewer: Viewer, managerId: string) {
  const manager = await findVisibleUser(tx, viewer, managerId);
  if (!manager) {
    throw new AppError('invalid_request', 'the manager does not exist', {
      errors: [{ path: 'managerId', message: 'no such user' }],
    });
  }
  // As for territories: reps are managed, they manage no one (a manager sees their reports' records).
  if (manager.role === 'rep' || !manager.active) {
    throw new AppError('invalid_request', 'the manager must be an active manager or admin', {
      errors: [{ path: 'managerId', message: 'not an active manager or admin' }],
    });
  }
}

async function requireAnotherAdmin(tx: Db, userId: string) {
  if ((await countActiveAdminsOtherThan(tx, userId)) === 0) {
    throw new AppError('conflict', 'Meridian needs at least one active admin; make someone else admin first');
  }
}

/**
 * The owner a create or change gives a record: an active user, or nobody (null) only when a manager or
 * an admin says so. A rep who left their own record without an owner could no longer change it (only
 * owners, their managers and admins may), so the record would be stuck until an admin stepped in.
 * Undefined (the field not sent) checks nothing.
 */
export async function requireOwner(tx: Db, viewer: Viewer, ownerId: string | null | undefined): Promise<void> {
  if (ownerId === undefined) return;
  if (ownerId === null) {
    if (viewer.role === 'rep') {
      throw new AppError('invalid_request', 'a record needs an owner: give it to a colleague rather than to nobody', {
        errors: [{ path: 'ownerId', message: 'only managers and admins may leave a record without an owner' }],
      });
    }
    return;
  }
  await requireAssignableUser(tx, viewer, ownerId, 'ownerId');
}

/**
 * An owner or assignee must be a live, active user the viewer can see. `problem` words the refusal for a
 * user the caller did not name (a lead's owner, carried over by a conversion).
 */
export async function requireAssignableUser(
  tx: Db,
  viewer: Viewer,
  userId: string,
  path: string,
  problem = { detail: 'the user does not exist or is not active', message: 'no such active user' },
) {
  const user = await findVisibleUser(tx, viewer, userId);
  if (!user?.active) {
    throw new AppError('invalid_request', problem.detail, { errors: [{ path, message: problem.message }] });
  }
}
