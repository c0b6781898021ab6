import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

/** `ETag: "<version>"` on every single-record answer, so clients can send it back in If-Match. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}

/**
 * The version an `If-Match` header expects: `"3"`, `W/"3"` or a bare `3`. `*` and no header mean
 * "any version". Anything else is `400`, as a client that means to guard a write must not be ignored.
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new AppError('validation_failed', 'If-Match must be the ETag of the record, e.g. "3"', {
      errors: [{ path: 'If-Match', message: 'expected a quoted version number' }],
    });
  }
  return Number(match[1]);
}

/** The Idempotency-Key header of a create, checked for a sane shape. */
export function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
      errors: [{ path: 'Idempotency-Key', message: 'invalid key' }],
    });
  }
  return header;
}

/** The operation an idempotency key is bound to, e.g. "POST /api/v1/users". */
export function operationOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}
