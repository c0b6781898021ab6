import { hash, verify } from '@node-rs/argon2';
import { v7 as uuidv7 } from 'uuid';
import type { ApiKeyScope, TokenPair } from '../../../shared/contracts/auth.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { findManagedTerritoryIds } from '../territories/territories.repository.js';
import { findReportIds, findUserForAuthentication, toUser, type UserRow } from '../users/users.repository.js';
import { invalidToken } from './access-tokens.js';
import {
  clearLoginThrottle,
  consumeRefreshToken,
  findActiveApiKeyByHash,
  findRefreshToken,
  findSessionsEndedWithin,
  hasLiveRefreshToken,
  insertRefreshToken,
  lockedUntilOf,
  recordLoginFailure,
  revokeRefreshTokenFamily,
  touchApiKey,
} from './auth.repository.js';
import { randomToken, sha256 } from './secrets.js';
import type { Identity } from './viewer-cache.js';

export const API_KEY_PREFIX = 'mk_';

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults are argon2id with OWASP's recommended cost (19 MiB, 2 passes).
  return hash(password);
}

/** Verified against a throwaway hash when the user is unknown, so timing does not reveal which e-mails exist. */
const unknownUserHash = hash('meridian-timing-equaliser');

const invalidCredentials = () => new AppError('unauthenticated', 'the e-mail or password is wrong');

/**
 * Wrong passwords lock an e-mail for the client that sent them: after `maxFailures` from one address the
 * e-mail is locked there, and the same person signs in from anywhere else. Locking the e-mail outright
 * would let anyone who knows an address keep its owner out with a handful of requests. A guesser who
 * spreads the attempts over many addresses still meets the account-wide lock, ACCOUNT_WIDE_FACTOR times
 * higher, within the same window.
 */
const ACCOUNT_WIDE_FACTOR = 10;

/** The throttle keys of an e-mail: from one client, and over every client. */
function lockKeys(email: string, client: string) {
  const account = email.trim().toLowerCase();
  return { fromClient: `${account} ${client}`, account };
}

type LockKeys = ReturnType<typeof lockKeys>;

/** 429 while the e-mail is locked out, for this client or everywhere (logins and password changes alike). */
async function refuseWhileLocked(deps: Deps, keys: LockKeys, message: string): Promise<void> {
  const lockedUntil = await lockedUntilOf(deps.database.db, [keys.fromClient, keys.account]);
  if (!lockedUntil) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  throw new AppError('rate_limited', message, { retryAfterSeconds });
}

/** One more wrong password for the e-mail; enough of them within the window lock it. */
async function countPasswordFailure(deps: Deps, keys: LockKeys): Promise<void> {
  const { maxFailures, lockMinutes } = deps.config.loginThrottle;
  const { db } = deps.database;
  await recordLoginFailure(db, keys.fromClient, { maxFailures, windowMinutes: lockMinutes });
  await recordLoginFailure(db, keys.account, {
    maxFailures: maxFailures * ACCOUNT_WIDE_FACTOR,
    windowMinutes: lockMinutes,
  });
}

export async function login(
  deps: Deps,
  credentials: { email: string; password: string },
  clientIp: string,
): Promise<TokenPair> {
  const { db } = deps.database;
  const emailKey = credentials.email.trim().toLowerCase();
  const keys = lockKeys(emailKey, clientIp);
  await refuseWhileLocked(deps, keys, 'too many failed logins for this e-mail; try again later');
  const user = await findUserForAuthentication(db, { email: emailKey });
  const passwordMatches = await verify(user?.passwordHash ?? (await unknownUserHash), credentials.password);
  if (!user?.passwordHash || !passwordMatches || !user.active) {
    await countPasswordFailure(deps, keys);
    throw invalidCredentials();
  }
  // Only this client's count starts again: a right password does not excuse guesses from elsewhere.
  await clearLoginThrottle(db, keys.fromClient);
  return issueTokenPair(deps, db, user, uuidv7());
}

/**
 * Checks a user's present password before they change it: a stolen session or API key must not be
 * enough to take the account over. Wrong guesses count towards the same lock as failed logins.
 */
export async function requirePresentPassword(deps: Deps, userId: string, candidate: string | undefined): Promise<void> {
  const { db } = deps.database;
  const user = await findUserForAuthentication(db, { id: userId });
  // Guesses made in a session lock password changes, and count towards the account-wide lock of logins.
  const keys = user ? lockKeys(user.email, 'password change') : undefined;
  if (keys) await refuseWhileLocked(deps, keys, 'too many wrong passwords; try again later');
  const matches = candidate !== undefined && user?.passwordHash ? await verify(user.passwordHash, candidate) : false;
  if (matches) return;
  if (candidate !== undefined && keys) await countPasswordFailure(deps, keys);
  throw new AppError('invalid_request', 'to change your password, give your present one', {
    errors: [
      {
        path: 'currentPassword',
        message: candidate === undefined ? 'required to change your own password' : 'is not your present password',
      },
    ],
  });
}

/**
 * How long a refresh token just spent still refreshes its session. Two tabs of the dashboard that refresh
 * at once, or a client retrying a refresh whose answer was lost, present the same token twice within
 * moments: each gets a pair of its own instead of the second being taken for theft, which would end the
 * session in every tab (RFC 9700 4.14.2 allows such a reuse interval, as Auth0 and Okta offer).
 */
const REFRESH_REUSE_GRACE_MS = 10_000;

/**
 * Exchanges a refresh token for a new pair. The old token is spent; presenting it again after the grace
 * period above revokes the family.
 */
export async function refresh(deps: Deps, refreshToken: string): Promise<TokenPair> {
  const tokenHash = sha256(refreshToken);
  const { db } = deps.database;
  const pair = await inTransaction(db, async (tx) => {
    const consumed = await consumeRefreshToken(tx, tokenHash);
    return consumed ? issueSuccessor(deps, tx, consumed) : undefined;
  });
  if (pair) return pair;
  const known = await findRefreshToken(db, tokenHash);
  if (!known) throw invalidRefreshToken();
  if (await isReuseWithinGrace(db, known)) return inTransaction(db, (tx) => issueSuccessor(deps, tx, known));
  // A spent token coming back later means it was copied: end every session descended from that login.
  // This runs outside the transaction above, which found nothing to commit.
  await revokeRefreshTokenFamily(db, known.familyId);
  deps.viewerCache.clear();
  throw invalidRefreshToken();
}

type RefreshTokenRow = NonNullable<Awaited<ReturnType<typeof findRefreshToken>>>;

/** A new pair in the session of a refresh token, unless the token has expired or the user is inactive. */
async function issueSuccessor(deps: Deps, db: Db, token: RefreshTokenRow): Promise<TokenPair> {
  if (token.expiresAt.getTime() < Date.now()) {
    throw new AppError('unauthenticated', 'the refresh token has expired; log in again');
  }
  const user = await findUserForAuthentication(db, { id: token.userId });
  if (!user?.active) throw new AppError('unauthenticated', 'the account is not active');
  return issueTokenPair(deps, db, user, token.familyId);
}

/** The token was spent by a refresh moments ago, and its session goes on (no logout, no password change). */
async function isReuseWithinGrace(db: Db, token: RefreshTokenRow): Promise<boolean> {
  if (!token.revokedAt || Date.now() - token.revokedAt.getTime() > REFRESH_REUSE_GRACE_MS) return false;
  return hasLiveRefreshToken(db, token.familyId);
}

const invalidRefreshToken = () => new AppError('unauthenticated', 'the refresh token is not valid; log in again');

export async function logout(deps: Deps, refreshToken: string): Promise<void> {
  const known = await findRefreshToken(deps.database.db, sha256(refreshToken));
  if (!known) return;
  await revokeRefreshTokenFamily(deps.database.db, known.familyId);
  // This process refuses the session's access tokens at once; others within the viewer cache's lifetime.
  deps.viewerCache.clear();
}

async function issueTokenPair(deps: Deps, db: Db, user: UserRow, familyId: string): Promise<TokenPair> {
  const accessToken = await deps.accessTokens.sign(user.id, user.role, familyId);
  const refreshToken = randomToken();
  const refreshExpiresAt = new Date(Date.now() + deps.config.refreshTokenTtlDays * 86_400_000);
  await insertRefreshToken(db, {
    id: uuidv7(),
    userId: user.id,
    familyId,
    tokenHash: sha256(refreshToken),
    expiresAt: refreshExpiresAt,
  });
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: deps.accessTokens.ttlSeconds,
    refreshToken,
    refreshExpiresAt: refreshExpiresAt.toISOString(),
    user: toUser(user),
  };
}

/**
 * Turns the bearer credential of a request (a JWT from login or an `mk_` API key) into the viewer.
 * Throws `unauthenticated` for anything missing, malformed, expired, revoked or belonging to an
 * inactive user.
 */
export async function authenticate(deps: Deps, bearer: string, requestId: string | null): Promise<Viewer> {
  if (bearer.startsWith(API_KEY_PREFIX)) return authenticateApiKey(deps, bearer, requestId);
  const { userId, sessionId } = await deps.accessTokens.verify(bearer);
  const identity = await loadIdentity(deps, userId);
  // An access token outlives nothing it came from: logging out, a password change or a stolen refresh
  // token ends the session, and with it every access token issued in it.
  if (sessionId && identity.endedSessionIds.includes(sessionId)) {
    throw new AppError('unauthenticated', 'the session has ended; log in again');
  }
  return toViewer(identity, ['read', 'write'], requestId);
}

async function authenticateApiKey(deps: Deps, key: string, requestId: string | null): Promise<Viewer> {
  const apiKey = await findActiveApiKeyByHash(deps.database.db, sha256(key));
  if (!apiKey) throw invalidToken();
  // Last use is informational: at most one write a minute per key keeps hot keys cheap.
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > 60_000) {
    await touchApiKey(deps.database.db, apiKey.id);
  }
  const identity = await loadIdentity(deps, apiKey.userId);
  return { ...toViewer(identity, apiKey.scopes as ApiKeyScope[], requestId), apiKeyId: apiKey.id };
}

/** The viewer of a user acting directly, not through a token (the CLI's `ask --as`). */
export async function viewerForUser(deps: Deps, userId: string, requestId: string | null = null): Promise<Viewer> {
  return toViewer(await loadIdentity(deps, userId), ['read', 'write'], requestId);
}

/** The user and their reports, from the short-lived cache or the database. */
export async function loadIdentity(deps: Deps, userId: string): Promise<Identity> {
  const cached = deps.viewerCache.get(userId);
  if (cached) return cached;
  const user = await findUserForAuthentication(deps.database.db, { id: userId });
  if (!user) throw invalidToken();
  if (!user.active) throw new AppError('unauthenticated', 'the account is not active');
  const [reportIds, managedTerritoryIds, endedSessionIds] = await Promise.all([
    findReportIds(deps.database.db, user.id),
    findManagedTerritoryIds(deps.database.db, user.id),
    // Older sessions need no check: every access token issued in them has expired.
    findSessionsEndedWithin(deps.database.db, user.id, deps.accessTokens.ttlSeconds),
  ]);
  const identity = {
    user: toUser(user),
    reportIds,
    endedSessionIds,
    // A manager sees the territories they manage as well as the ones they work in.
    territoryIds: [...new Set([...user.territoryIds, ...managedTerritoryIds])],
  };
  deps.viewerCache.set(userId, identity);
  return identity;
}

function toViewer(identity: Identity, scopes: ApiKeyScope[], requestId: string | null): Viewer {
  return {
    userId: identity.user.id,
    role: identity.user.role,
    territoryIds: identity.territoryIds,
    reportIds: identity.reportIds,
    scopes,
    requestId,
  };
}
