import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import { authenticate } from '../modules/auth/auth.service.js';
import type { RateLimiter } from './rate-limit.js';
import type { RouteAuth } from './route-auth.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every bearer route before its body is even parsed, puts the Viewer on the request,
 * checks the role and key scope the route needs, and counts the request against the user's rate limit.
 */
export function registerAuthHook(app: FastifyInstance, deps: Deps, userLimiter: RateLimiter) {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.routeOptions.config.auth;
    if (auth?.kind !== 'bearer') return;
    const viewer = await authenticate(deps, bearerToken(request), request.id);
    request.viewer = viewer;

    const limit = userLimiter.hit(viewer.userId);
    if (!limit.allowed) {
      throw new AppError('rate_limited', 'too many requests for this user; slow down', {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    }
    reply.header('x-ratelimit-remaining', String(limit.remaining));
    requirePermission(auth, request.method, viewer.role, viewer.scopes);
  });
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) {
    throw new AppError('unauthenticated', 'send Authorization: Bearer <token> with an access token or API key');
  }
  return match[1];
}

function requirePermission(
  auth: Extract<RouteAuth, { kind: 'bearer' }>,
  method: string,
  role: string,
  scopes: string[],
) {
  const needed = auth.readsOnly || READ_METHODS.has(method) ? 'read' : 'write';
  // A write key can read too; a read key can only read.
  const allowed = needed === 'read' ? scopes.length > 0 : scopes.includes('write');
  if (!allowed) throw new AppError('forbidden', `this API key has no ${needed} scope`);
  if (auth.roles && !auth.roles.includes(role as never)) {
    throw new AppError('forbidden', `this needs the role ${auth.roles.join(' or ')}`);
  }
}
