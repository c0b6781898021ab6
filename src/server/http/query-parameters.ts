import type { FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { AppError } from '../../shared/errors.js';

/**
 * The query string of every API route is checked before validation (and after authentication, so an
 * unauthenticated caller still learns nothing but 401):
 * - a malformed percent-escape or bytes that are not UTF-8 (`?q=%ZZ`, `?q=%FF`) are 400, as they are in
 *   the path and the body: the parser would otherwise pass them on altered, and a search would quietly
 *   look for something the caller never typed;
 * - unknown parameters are 400 on routes that take none (ARCHITECTURE.md), not only on those with a query
 *   schema, which reject them by being strict. Such a route would otherwise quietly ignore
 *   `POST /notes?dryRun=true` or `DELETE /notes/{id}?hard=true` and do the real thing.
 */
export function guardQueryString(route: RouteOptions): void {
  const takesQuery = Boolean(route.schema?.querystring);
  const check = (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) =>
    done(malformedQuery(request) ?? (takesQuery ? undefined : unknownQuery(request)));
  route.preValidation = [
    check as onRequestHookHandler,
    ...([route.preValidation ?? []].flat() as onRequestHookHandler[]),
  ];
}

function malformedQuery(request: FastifyRequest): AppError | undefined {
  const start = request.url.indexOf('?');
  if (start === -1) return undefined;
  const malformed = request.url
    .slice(start + 1)
    .split('&')
    .find((part) => !decodes(part.replaceAll('+', ' ')));
  if (malformed === undefined) return undefined;
  const name = malformed.split('=')[0] ?? '';
  return new AppError('validation_failed', 'the query string is not valid (a malformed percent-escape?)', {
    errors: [
      {
        path: decodes(name) ? decodeURIComponent(name) : 'query',
        message: 'is not valid percent-encoded UTF-8',
      },
    ],
  });
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function unknownQuery(request: FastifyRequest): AppError | undefined {
  const names = Object.keys(request.query ?? {});
  if (names.length === 0) return undefined;
  return new AppError('validation_failed', 'the query string is not valid: this request takes no query parameters', {
    errors: names.map((name) => ({ path: name, message: `"${name}" is not a parameter of this request` })),
  });
}
