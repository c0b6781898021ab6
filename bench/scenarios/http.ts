import type { LoadTarget } from '../load.js';
import { BARE_ROUTE_PATH } from './bare-server.js';

/** Where the scenarios send traffic: both servers listen on 127.0.0.1 only. */
export type HttpEnvironment = {
  meridianUrl: string;
  bareUrl: string;
  /** An access token of the generated rep the harness logged in as. */
  accessToken: string;
};

export type HttpScenario = {
  name: string;
  description: string;
  target(environment: HttpEnvironment): LoadTarget;
  /** Checks one response body before the load starts; returns what is wrong, if anything. */
  check?(body: unknown): string | undefined;
};

const bearer = (environment: HttpEnvironment) => ({ authorization: `Bearer ${environment.accessToken}` });

const pageOfUsers =
  (size: number) =>
  (body: unknown): string | undefined => {
    const data = (body as { data?: unknown }).data;
    if (!Array.isArray(data)) return 'the answer has no data array';
    return data.length === size ? undefined : `expected a full page of ${size} users, got ${data.length}`;
  };

/**
 * In the order they run. bare-route and users-me run back to back, so the ratio between them is measured
 * under the same conditions (same moment, same warm machine).
 */
export const httpScenarios: readonly HttpScenario[] = [
  {
    name: 'bare-route',
    description: 'bare Fastify, one route, the users-me JSON body (framework ceiling)',
    target: (environment) => ({ url: `${environment.bareUrl}${BARE_ROUTE_PATH}` }),
  },
  {
    name: 'users-me',
    description: 'GET /api/v1/users/me with a bearer token',
    target: (environment) => ({ url: `${environment.meridianUrl}/api/v1/users/me`, headers: bearer(environment) }),
  },
  {
    name: 'health',
    description: 'GET /health (no auth, no database)',
    target: (environment) => ({ url: `${environment.meridianUrl}/health` }),
  },
  {
    name: 'users-list',
    description: 'GET /api/v1/users?limit=50 (default sort: name)',
    target: (environment) => ({
      url: `${environment.meridianUrl}/api/v1/users?limit=50`,
      headers: bearer(environment),
    }),
    check: pageOfUsers(50),
  },
  {
    name: 'users-list-filtered',
    description: 'GET /api/v1/users?limit=50&role=rep&sort=-createdAt',
    target: (environment) => ({
      url: `${environment.meridianUrl}/api/v1/users?limit=50&role=rep&sort=-createdAt`,
      headers: bearer(environment),
    }),
    check: pageOfUsers(50),
  },
];
