import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { settingsSchema } from '../../../shared/contracts/settings.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { getSettings } from './settings.service.js';

export const settingsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/settings',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['system'],
        summary: 'The business settings of this installation',
        description: 'Default currency, the approval threshold of large deals and the visit radius, as configured.',
        response: withProblems({ 200: settingsSchema }),
      },
    },
    async () => getSettings(deps),
  );
};
