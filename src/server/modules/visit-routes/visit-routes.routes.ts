import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  applyVisitRouteSchema,
  visitRouteQuerySchema,
  visitRouteSchema,
} from '../../../shared/contracts/visit-routes.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { applyVisitRoute, planVisitRoute } from './visit-routes.service.js';

const tags = ['activities'];

export const visitRoutesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/visit-route',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: "Plan a day's visits",
        description:
          "The planned visits (activities of type visit) of one person on a day of their time zone, in the order that drives least, from a start (startLat, startLng: where the rep is, or their office) or from whichever visit is best, optionally back (returnToStart), with when each would be reached keeping each visit's time on site. Drive times are Google's (Routes API) when configured, else estimated from straight-line distances; travelTimes says which. Changes nothing: POST /visit-route/apply reschedules. For the caller's own day (ownerId=me) or a rep's their manager or an admin plans (403 otherwise). Visits without a place (their own location or their account's) are listed as unplaced.",
        querystring: visitRouteQuerySchema,
        response: withProblems({ 200: visitRouteSchema }),
      },
    },
    async (request) => planVisitRoute(deps, viewerOf(request), request.query),
  );

  api.post(
    '/visit-route/apply',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: "Reschedule a day's visits to a route",
        description:
          "Moves each routable visit of the day to when the route in the given order reaches it, in one transaction (audited, each visit's version goes up). The order must list every routable visit of the day once, as the plan returned them or rearranged; when the day changed since, nothing moves (409).",
        body: applyVisitRouteSchema,
        response: withProblems({ 200: visitRouteSchema }),
      },
    },
    async (request) => applyVisitRoute(deps, viewerOf(request), request.body),
  );
};
