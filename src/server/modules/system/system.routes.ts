import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import type { Metrics } from '../../http/metrics.js';
import { routeAuth } from '../../http/route-auth.js';

const statusSchema = z.object({ status: z.string() });
const operational = (reason: string) => ({ auth: routeAuth.public(reason) });

/** Liveness, readiness, metrics and the OpenAPI document: outside /api/v1 and without auth. */
export const systemRoutes: FastifyPluginAsyncZod<{ deps: Deps; metrics: Metrics }> = async (app, { deps, metrics }) => {
  app.get(
    '/health',
    {
      config: operational('liveness probe'),
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: statusSchema },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: operational('readiness probe'),
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers',
        security: [],
        response: { 200: statusSchema, 503: problemSchema },
      },
    },
    async () => {
      try {
        await deps.database.ping();
      } catch {
        throw new AppError('service_unavailable', 'the database does not answer');
      }
      return { status: 'ready' };
    },
  );

  app.get(
    '/metrics',
    {
      config: { ...operational('Prometheus scrape'), produces: 'text/plain' },
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics',
        security: [],
        response: { 200: z.string().meta({ description: 'The Prometheus text exposition format' }) },
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.read()),
  );

  app.get('/openapi.json', { config: operational('API description'), schema: { hide: true } }, async () =>
    app.swagger(),
  );
};
