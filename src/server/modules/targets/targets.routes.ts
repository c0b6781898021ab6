import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  attainmentQuerySchema,
  attainmentReportSchema,
  createSalesTargetSchema,
  listSalesTargetsQuerySchema,
  salesTargetPageSchema,
  salesTargetSchema,
  updateSalesTargetSchema,
} from '../../../shared/contracts/targets.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getAttainmentReport } from './attainment.service.js';
import {
  createSalesTarget,
  deleteSalesTarget,
  getSalesTarget,
  listSalesTargets,
  restoreSalesTarget,
  updateSalesTarget,
} from './targets.service.js';

export const targetsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/targets',
    tag: 'targets',
    noun: 'sales target',
    deleteDescription: 'The month then has no target; restore brings it back unless another was set since (409).',
    schemas: {
      record: salesTargetSchema,
      page: salesTargetPageSchema,
      listQuery: listSalesTargetsQuerySchema,
      create: createSalesTargetSchema,
      update: updateSalesTargetSchema,
    },
    exportable: true,
    // Managers set their people's targets and admins everyone's; everyone reads their own.
    createAuth: { kind: 'bearer', roles: ['admin', 'manager'] },
    changeAuth: { kind: 'bearer', roles: ['admin', 'manager'] },
    service: {
      list: (viewer, query) => listSalesTargets(deps, viewer, query),
      get: (viewer, id) => getSalesTarget(deps, viewer, id),
      create: (viewer, input, idempotency) => createSalesTarget(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateSalesTarget(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteSalesTarget(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreSalesTarget(deps, viewer, id, expectedVersion),
    },
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/reports/attainment',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['reports'],
        summary: 'Sales targets against what was won, per person',
        description:
          'For a period of months (default: the current quarter): each person’s target, deals won with their close date in it, and the open deals closing in it (commit, weighted, best case), counted as the forecast counts them. People are you and those below you (admins: everyone). Amounts are in one currency (currency=…, default the configured one); targets and deals in other currencies are left out.',
        querystring: attainmentQuerySchema,
        response: withProblems({ 200: attainmentReportSchema }),
      },
    },
    async (request) => getAttainmentReport(deps, viewerOf(request), request.query),
  );
};
