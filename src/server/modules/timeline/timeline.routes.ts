import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import { timelinePageSchema, timelineQuerySchema } from '../../../shared/contracts/timeline.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getTimeline, type TimelineOwner, timelineOwners } from './timeline.service.js';

/** `GET /{accounts|contacts|leads|opportunities}/{id}/timeline`, one route per record kind. */
export const timelineRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const owner of Object.keys(timelineOwners) as TimelineOwner[]) {
    const { label } = timelineOwners[owner];
    api.get(
      `/${owner}/:id/timeline`,
      {
        config: { auth: routeAuth.signedIn },
        schema: {
          tags: [owner],
          summary: `What happened around the ${label}`,
          description: `Activities, communications, notes, tasks and deal stage changes of the ${label}, newest first, keyset-paginated (nextCursor). Entries you may not see are left out; an invisible ${label} is 404.`,
          params: idParamsSchema,
          querystring: timelineQuerySchema,
          response: withProblems({ 200: timelinePageSchema }),
        },
      },
      async (request) => getTimeline(deps, viewerOf(request), owner, request.params.id, request.query),
    );
  }
};
