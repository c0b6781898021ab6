import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardSchema } from '../../../shared/contracts/dashboard.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getDashboard } from './dashboard.service.js';

export const dashboardRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/dashboard',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['reports'],
        summary: 'Your sales desk: accounts, leads, pipeline, this quarter, activities and tasks',
        description:
          "Computed over the records you may see, narrowed by ownerId and territoryId. Money is of deals in one currency, the configured one unless currency= is given, and so are the pipeline counts; otherCurrencies counts the deals those figures leave out. The quarter's won and lost counts and its win rate count deals in every currency (its amounts and average deal size stay in the one). tasks.dueToday are the open tasks due later today (the day of timeZone, UTC unless given), not yet overdue: overdue and dueToday never count the same task, so the two add up. The other periods are UTC.",
        querystring: dashboardQuerySchema,
        response: withProblems({ 200: dashboardSchema }),
      },
    },
    async (request) => getDashboard(deps, viewerOf(request), request.query),
  );
};
