import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  changeStageSchema,
  createOpportunitySchema,
  listOpportunitiesQuerySchema,
  moveOpportunitySchema,
  opportunityPageSchema,
  opportunitySchema,
  stageHistorySchema,
  updateOpportunitySchema,
} from '../../../shared/contracts/opportunities.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { optionalBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  changeOpportunityStage,
  createOpportunity,
  deleteOpportunity,
  getOpportunity,
  getOpportunityHistory,
  listOpportunities,
  moveOpportunity,
  restoreOpportunity,
  updateOpportunity,
} from './opportunities.service.js';

const tags = ['opportunities'];

export const opportunitiesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  registerResourceRoutes(app, {
    path: '/opportunities',
    exportable: true,
    bulk: true,
    tag: 'opportunities',
    noun: 'opportunity',
    schemas: {
      record: opportunitySchema,
      page: opportunityPageSchema,
      listQuery: listOpportunitiesQuerySchema,
      create: createOpportunitySchema,
      update: updateOpportunitySchema,
    },
    service: {
      list: (viewer, query) => listOpportunities(deps, viewer, query),
      get: (viewer, id) => getOpportunity(deps, viewer, id),
      create: (viewer, input, idempotency) => createOpportunity(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateOpportunity(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteOpportunity(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreOpportunity(deps, viewer, id, expectedVersion),
    },
  });

  api.get(
    '/opportunities/:id/history',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: "A deal's stage changes, oldest first",
        params: idParamsSchema,
        response: withProblems({ 200: stageHistorySchema }),
      },
    },
    async (request) => getOpportunityHistory(deps, viewerOf(request), request.params.id),
  );

  api.post(
    '/opportunities/:id/stage',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Move a deal to another stage',
        description:
          'The rules of a PATCH of the stage, with a reason kept in the history. closed_lost needs lossReason; reopening a closed deal needs the owner’s manager or an admin; closing a deal at or above the approval threshold as won needs an approval. Honours If-Match.',
        params: idParamsSchema,
        body: changeStageSchema,
        response: withProblems({ 200: opportunitySchema }),
      },
    },
    async (request, reply) => {
      const record = await changeOpportunityStage(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, record.version);
      return record;
    },
  );

  api.post(
    '/opportunities/:id/move',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Place a deal on the board',
        description:
          'Puts the card between afterId and beforeId (or right below / above one of them, or at the end) of its column, moving it to `stage` first when given, under the stage rules. Honours If-Match.',
        params: idParamsSchema,
        body: optionalBody(moveOpportunitySchema),
        response: withProblems({ 200: opportunitySchema }),
      },
    },
    async (request, reply) => {
      const record = await moveOpportunity(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, record.version);
      return record;
    },
  );
};
