import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workloadQuerySchema, workloadReportSchema } from '../../../shared/contracts/tasks.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getWorkloadReport } from './workload.service.js';

export function registerWorkloadRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/reports/workload',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['reports'],
        summary: 'Open tasks per assignee',
        description:
          'Open and in-progress tasks per assignee: how many, how many overdue, how many due this week (Monday 00:00 UTC to the next Monday). Computed over the tasks you may see, narrowed to some assignees or to the territories of the linked accounts.',
        querystring: workloadQuerySchema,
        response: withProblems({ 200: workloadReportSchema }),
      },
    },
    async (request) => getWorkloadReport(deps, viewerOf(request), request.query),
  );
}
