import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKey,
  deleteIdempotencyKeysOlderThan,
  findIdempotencyRecord,
  saveIdempotentResponse,
} from './idempotency.repository.js';
import type { Viewer } from './viewer.js';

/** How long a key's first answer is replayed (API.md: 24 hours). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export type IdempotentRequest = {
  /** The client's Idempotency-Key; without one the work simply runs. */
  key: string | undefined;
  /** The call, e.g. "POST /api/v1/users"; a key reused for another call is a conflict. */
  operation: string;
  /** The parsed request body; a key reused with another body is a conflict. */
  payload: unknown;
};

/**
 * Runs a create once per Idempotency-Key. The key is claimed, the work done and its answer stored in
 * one transaction, so a crash leaves either nothing (the retry runs the work) or the complete answer
 * (the retry gets it back). Retries with the same key and body get the first answer; the same key with
 * another body is `409`.
 */
export async function runIdempotent<T>(
  db: Db,
  viewer: Viewer,
  request: IdempotentRequest,
  work: (tx: Db) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const { key } = request;
  if (key === undefined) return { result: await inTransaction(db, work), replayed: false };

  const requestHash = hashRequest(request.operation, request.payload);
  return inTransaction(db, async (tx) => {
    await deleteExpiredIdempotencyKey(tx, viewer.userId, key, new Date(Date.now() - IDEMPOTENCY_RETENTION_MS));
    const claimed = await claimIdempotencyKey(tx, {
      userId: viewer.userId,
      key,
      operation: request.operation,
      requestHash,
    });
    if (!claimed) {
      const existing = await findIdempotencyRecord(tx, viewer.userId, key);
      if (!existing || existing.requestHash !== requestHash) {
        throw new AppError('conflict', 'this Idempotency-Key was already used for a different request', {
          errors: [{ path: 'Idempotency-Key', message: 'use a new key for a new request' }],
        });
      }
      return { result: existing.response as T, replayed: true };
    }
    const result = await work(tx);
    await saveIdempotentResponse(tx, viewer.userId, key, { statusCode: 201, response: result });
    return { result, replayed: false };
  });
}

export function purgeExpiredIdempotencyKeys(db: Db): Promise<number> {
  return deleteIdempotencyKeysOlderThan(db, new Date(Date.now() - IDEMPOTENCY_RETENTION_MS));
}

function hashRequest(operation: string, payload: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(payload)).digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` count as the same body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
