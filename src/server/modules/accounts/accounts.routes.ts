import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountPageSchema,
  accountSchema,
  accountSummarySchema,
  createAccountSchema,
  duplicatesQuerySchema,
  duplicatesSchema,
  hierarchySchema,
  listAccountsQuerySchema,
  mergeAccountSchema,
  mergeResultSchema,
  nearbyAccountsQuerySchema,
  nearbyAccountsSchema,
  updateAccountSchema,
} from '../../../shared/contracts/accounts.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createAccount,
  deleteAccount,
  findDuplicates,
  getAccount,
  getAccountHierarchy,
  getAccountSummary,
  listAccounts,
  listNearbyAccounts,
  mergeAccounts,
  restoreAccount,
  updateAccount,
} from './accounts.service.js';

const tags = ['accounts'];

export const accountsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Registered before the resource routes so "/accounts/duplicates" and "/accounts/nearby" are not read as ids.
  api.get(
    '/accounts/duplicates',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Find likely duplicates of a company',
        description:
          'Matches the normalised name, the e-mail/web domain and similar names among the accounts you can see.',
        querystring: duplicatesQuerySchema,
        response: withProblems({ 200: duplicatesSchema }),
      },
    },
    async (request) => findDuplicates(deps, viewerOf(request), request.query),
  );

  api.get(
    '/accounts/nearby',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Accounts near a place, nearest first',
        description:
          'The accounts you can see with a known position within withinKm of lat/lng (as the crow flies), nearest first, each with its distance: where a rep in the field can drop in. Filters: type, ownerId (me), visitDue.',
        querystring: nearbyAccountsQuerySchema,
        response: withProblems({ 200: nearbyAccountsSchema }),
      },
    },
    async (request) => listNearbyAccounts(deps, viewerOf(request), request.query),
  );

  registerResourceRoutes(app, {
    path: '/accounts',
    exportable: true,
    bulk: true,
    tag: 'accounts',
    noun: 'account',
    deleteDescription:
      'Its contacts, deals, activities, tasks, communications and notes are deleted with it, and its child accounts move up to its parent. A restore brings all of them back, and the children under it again unless they were moved since.',
    schemas: {
      record: accountSchema,
      page: accountPageSchema,
      listQuery: listAccountsQuerySchema,
      create: createAccountSchema,
      update: updateAccountSchema,
    },
    service: {
      list: (viewer, query) => listAccounts(deps, viewer, query),
      get: (viewer, id) => getAccount(deps, viewer, id),
      create: (viewer, input, idempotency) => createAccount(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateAccount(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteAccount(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreAccount(deps, viewer, id, expectedVersion),
    },
  });

  api.get(
    '/accounts/:id/hierarchy',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'The family tree an account belongs to',
        description:
          'From the topmost ancestor, depth-first, with per-node rollups. Accounts you may not see show only their place.',
        params: idParamsSchema,
        response: withProblems({ 200: hierarchySchema }),
      },
    },
    async (request) => getAccountHierarchy(deps, viewerOf(request), request.params.id),
  );

  api.get(
    '/accounts/:id/summary',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Counts and totals of what hangs off an account',
        params: idParamsSchema,
        response: withProblems({ 200: accountSummarySchema }),
      },
    },
    async (request) => getAccountSummary(deps, viewerOf(request), request.params.id),
  );

  api.post(
    '/accounts/:id/merge',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Merge another account into this one',
        description:
          'Contacts, child accounts and every other linked record move to this account; the source is kept soft-deleted, pointing here. If-Match guards this account.',
        params: idParamsSchema,
        body: mergeAccountSchema,
        response: withProblems({ 200: mergeResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await mergeAccounts(
        deps,
        viewerOf(request),
        request.params.id,
        request.body.sourceId,
        expectedVersion(request),
      );
      setEtag(reply, result.account.version);
      return result;
    },
  );
};
