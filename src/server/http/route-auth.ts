import type { Role } from '../../shared/contracts/users.js';
import type { Viewer } from '../platform/viewer.js';

/**
 * What a route requires, declared on every route as `config.auth`. The auth hook enforces it, and a
 * start-up check plus a test refuse any /api/v1 route that does not declare one.
 */
export type RouteAuth =
  /** No credentials at all: login, asking for a password link (and the operational endpoints outside /api/v1). */
  | { kind: 'public'; reason: string }
  /** The credential is a refresh token in the body (refresh, logout), checked by the service. */
  | { kind: 'refreshToken' }
  /** The credential is the one-time token of an approval e-mail's link, checked by the service. */
  | { kind: 'approvalLink' }
  /** The credential is the token in a calendar subscription's address, checked by the service. */
  | { kind: 'calendarFeed' }
  /** The credential is the one-time token of a password reset or invitation e-mail, checked by the service. */
  | { kind: 'passwordLink' }
  /**
   * A JWT or API key; optionally limited to some roles. GET needs scope read, anything else write, except
   * a route that only reads whatever its method (`readsOnly`: a question asked with POST).
   */
  | { kind: 'bearer'; roles?: readonly Role[]; readsOnly?: boolean };

export const routeAuth = {
  public: (reason: string): RouteAuth => ({ kind: 'public', reason }),
  refreshToken: { kind: 'refreshToken' } as RouteAuth,
  approvalLink: { kind: 'approvalLink' } as RouteAuth,
  calendarFeed: { kind: 'calendarFeed' } as RouteAuth,
  passwordLink: { kind: 'passwordLink' } as RouteAuth,
  signedIn: { kind: 'bearer' } as RouteAuth,
  /** Signed in, and a read-only API key will do: the route changes nothing whatever its method. */
  reader: { kind: 'bearer', readsOnly: true } as RouteAuth,
  admin: { kind: 'bearer', roles: ['admin'] } as RouteAuth,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every bearer route; null elsewhere. */
    viewer: Viewer | null;
  }
}
