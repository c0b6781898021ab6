import { v7 as uuidv7 } from 'uuid';
import type {
  ApiKey,
  CreateApiKeyInput,
  CreatedApiKey,
  ListApiKeysQuery,
  UpdateApiKeyInput,
} from '../../../shared/contracts/auth.js';
import type { Page } from '../../../shared/contracts/common.js';
import { AppError, notFound } from '../../../shared/errors.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { staleVersion } from '../../platform/concurrency.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import { isAdmin, type Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { API_KEY_PREFIX } from '../auth/auth.service.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import {
  findLiveApiKey,
  insertApiKey,
  listLiveApiKeys,
  renameApiKey,
  revokeApiKey,
  toApiKey,
} from './api-keys.repository.js';

const ENTITY = 'api-keys';

/** Creates a key for the caller. The secret is in this answer only; the database keeps its hash. */
export async function createApiKey(
  deps: Deps,
  viewer: Viewer,
  input: CreateApiKeyInput,
  idempotency: Omit<IdempotentRequest, 'payload'>,
): Promise<{ apiKey: CreatedApiKey; replayed: boolean }> {
  // A leaked key that could mint keys would keep its access through them after it is revoked.
  if (viewer.apiKeyId) {
    throw new AppError('forbidden', 'API keys are created from a signed-in session, not with another API key');
  }
  if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
    throw new AppError('invalid_request', 'expiresAt must be in the future', {
      errors: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
  }
  const { result, replayed } = await runIdempotent(
    deps.database.db,
    viewer,
    { ...idempotency, payload: input },
    async (tx) => {
      const key = `${API_KEY_PREFIX}${randomToken(32)}`;
      const row = await insertApiKey(tx, {
        id: uuidv7(),
        userId: viewer.userId,
        name: input.name,
        prefix: key.slice(0, 11),
        keyHash: sha256(key),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      });
      const apiKey = toApiKey(row);
      await recordChange(tx, viewer, {
        action: 'create',
        entity: ENTITY,
        entityId: apiKey.id,
        before: null,
        after: apiKey,
      });
      return { ...apiKey, key };
    },
  );
  return { apiKey: result, replayed };
}

/** The caller's keys; an admin may ask for another user's or (`all`) everyone's. */
export function listApiKeys(deps: Deps, viewer: Viewer, query: ListApiKeysQuery): Promise<Page<ApiKey>> {
  if (query.userId && query.userId !== viewer.userId && !isAdmin(viewer)) {
    throw new AppError('forbidden', "only admins may list other users' keys");
  }
  return listLiveApiKeys(deps.database.db, query.userId ?? viewer.userId, query);
}

/** One live key of the caller (admins: anyone's); someone else's is 404, as if it did not exist. */
export async function getApiKey(deps: Deps, viewer: Viewer, id: string): Promise<ApiKey> {
  const key = await findLiveApiKey(deps.database.db, id);
  if (!key || (key.userId !== viewer.userId && !isAdmin(viewer))) throw notFound('API key');
  return toApiKey(key);
}

/** Renames a key (its owner's, or an admin's doing); `If-Match` guards against a rename made meanwhile. */
export async function renameApiKeyOf(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: UpdateApiKeyInput,
  expectedVersion: number | undefined,
): Promise<ApiKey> {
  return inTransaction(deps.database.db, async (tx) => {
    const key = await findLiveApiKey(tx, id);
    if (!key || (key.userId !== viewer.userId && !isAdmin(viewer))) throw notFound('API key');
    if (expectedVersion !== undefined && expectedVersion !== key.version) throw staleVersion(key.version);
    if (input.name === key.name) return toApiKey(key);
    const renamed = await renameApiKey(tx, id, input.name, key.version);
    if (!renamed) throw staleVersion(key.version + 1);
    const after = toApiKey(renamed);
    await recordChange(tx, viewer, { action: 'update', entity: ENTITY, entityId: id, before: toApiKey(key), after });
    return after;
  });
}

/** Revokes a key at once. Owners revoke their own keys; admins revoke anyone's. */
export async function deleteApiKey(deps: Deps, viewer: Viewer, id: string): Promise<void> {
  const { db } = deps.database;
  await inTransaction(db, async (tx) => {
    const key = await findLiveApiKey(tx, id);
    if (!key || (key.userId !== viewer.userId && !isAdmin(viewer))) throw notFound('API key');
    await revokeApiKey(tx, id);
    await recordChange(tx, viewer, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      before: toApiKey(key),
      after: null,
    });
  });
}
