import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, listAuditQuerySchema } from '../../../shared/contracts/audit.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (admins)',
        description:
          'Every create, update, delete and restore with actor, changed fields before and after, and request id. Newest first.',
        querystring: listAuditQuerySchema,
        response: withProblems({ 200: auditPageSchema }),
      },
    },
    async (request) => listAudit(deps, viewerOf(request), request.query),
  );
};
