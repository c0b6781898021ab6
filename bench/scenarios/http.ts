import { bearer } from '../fetch-json.js';
import type { LoadRequest } from '../load.js';
import { type AccountFixtures, accountScenarios } from './accounts.js';
import { BARE_ROUTE_PATH } from './bare-server.js';
import { deskScenarios } from './desk.js';
import { type PipelineFixtures, pipelineScenarios } from './pipeline.js';

/** Where the scenarios send traffic (both servers listen on 127.0.0.1 only) and what they know of the data. */
export type HttpEnvironment = {
  meridianUrl: string;
  bareUrl: string;
  /** An access token of the generated rep the harness logged in as. */
  accessToken: string;
  /** Sessions and ids the account, contact and search scenarios use. */
  accounts: AccountFixtures;
  /** Lead pools the conversion scenarios use up. */
  pipeline: PipelineFixtures;
};

/** A request of a scenario, with what its answer must look like before any load is sent. */
export type ScenarioRequest = LoadRequest & {
  /** Returns what is wrong with the body, if anything. */
  check?(body: unknown): string | undefined;
};

/**
 * A limit the issue sets on a scenario's latency, checked on the figures of the run, under the load the
 * issue names:
 * - `connections`: at the run's connection count, every connection sending as fast as it is answered
 *   (issue 3 names 32 connections);
 * - `request`: the issue names no load, so the limit is the request's own latency: met when both the
 *   steady load (`--rate` requests a second) and one request at a time meet it. The saturating figure is
 *   still shown: it is the capacity of the machine.
 */
export type LatencyLimit = { target: string; percentile: 95 | 99; ms: number; load: 'connections' | 'request' };

export type HttpScenario = {
  name: string;
  description: string;
  /** One request, or several sent round-robin; each is sent and checked once before the load. */
  requests(environment: HttpEnvironment): readonly ScenarioRequest[] | Promise<readonly ScenarioRequest[]>;
  limit?: LatencyLimit;
  /**
   * The requests are a pool of one-shot writes (each changes what it targets, e.g. converts a lead): the
   * first is checked, the next 10 % are the warm-up, the last 10 % (at most 100) the one-connection probe,
   * the rest the measurement; each is sent exactly once and the load stops when the pool runs out.
   */
  pool?: boolean;
};

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
    // The very request users-me gets, bearer header included: the ceiling is that of the same bytes.
    requests: (environment) => [
      { url: `${environment.bareUrl}${BARE_ROUTE_PATH}`, headers: bearer(environment.accessToken) },
    ],
  },
  {
    name: 'users-me',
    description: 'GET /api/v1/users/me with a bearer token',
    requests: (environment) => [
      { url: `${environment.meridianUrl}/api/v1/users/me`, headers: bearer(environment.accessToken) },
    ],
  },
  {
    name: 'health',
    description: 'GET /health (no auth, no database)',
    requests: (environment) => [{ url: `${environment.meridianUrl}/health` }],
  },
  {
    name: 'users-list',
    description: 'GET /api/v1/users?limit=50 (default sort: name)',
    requests: (environment) => [
      {
        url: `${environment.meridianUrl}/api/v1/users?limit=50`,
        headers: bearer(environment.accessToken),
        check: pageOfUsers(50),
      },
    ],
  },
  {
    name: 'users-list-filtered',
    description: 'GET /api/v1/users?limit=50&role=rep&sort=-createdAt',
    requests: (environment) => [
      {
        url: `${environment.meridianUrl}/api/v1/users?limit=50&role=rep&sort=-createdAt`,
        headers: bearer(environment.accessToken),
        check: pageOfUsers(50),
      },
    ],
  },
  ...accountScenarios,
  ...pipelineScenarios,
  ...deskScenarios,
];
