import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

/** `ETag: "<version>"` on every single-record answer, so clients can send it back in If-Match. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}

/**
 * Versions start at 1: a write guarded by this one finds the record changed (412) whatever its version.
 */
const NO_VERSION_MATCHES = 0;

/**
 * The version an `If-Match` header expects: `"3"`, or a bare `3`. `*` and no header mean "any version".
 * If-Match compares strongly (RFC 9110 13.1.1), so a weak tag (`W/"3"`) matches no version: 412, as for a
 * stale one. Anything else is `400`, as a client that means to guard a write must not be ignored.
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new AppError('validation_failed', 'If-Match must be the ETag of the record, e.g. "3"', {
      errors: [{ path: 'If-Match', message: 'expected a quoted version number' }],
    });
  }
  return match[1] ? NO_VERSION_MATCHES : Number(match[2]);
}

/**
 * Conditional reads (RFC 9110 13.1.2): a GET of the API whose If-None-Match names the ETag of its answer
 * (or is `*`) is answered 304 Not Modified with no body, so a client that keeps a record reads it again
 * only when it changed. The answer is worked out as usual first: visibility is checked as for any read,
 * and a record the caller may not see is still 404.
 */
export function registerConditionalReads(app: FastifyInstance, prefix: string): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const condition = request.headers['if-none-match'];
    const etag = reply.getHeader('etag');
    if (
      condition === undefined ||
      typeof etag !== 'string' ||
      reply.statusCode !== 200 ||
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      !request.url.startsWith(prefix) ||
      !namesEntityTag(condition, etag)
    ) {
      return done(null, payload);
    }
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    done(null, null);
  });
}

/** If-None-Match compares weakly: `W/"3"` names `"3"`. A list names any of its tags. */
function namesEntityTag(condition: string, etag: string): boolean {
  if (condition.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return condition.split(',').some((tag) => opaque(tag) === opaque(etag));
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
