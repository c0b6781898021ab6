import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { microsoft365StatusSchema } from '../../../shared/contracts/integrations.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { microsoft365Status } from './integrations.service.js';

export const integrationsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/integrations/microsoft365',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags: ['system'],
        summary: 'How the Microsoft 365 syncs are doing (admins)',
        description:
          'Which syncs are on, how many users’ mail folders and Outlook events are in hand, and who something fails for, with Microsoft Graph’s reason.',
        response: withProblems({ 200: microsoft365StatusSchema }),
      },
    },
    async () => microsoft365Status(deps),
  );
};
