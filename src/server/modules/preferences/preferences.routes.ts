import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { preferencesSchema, updatePreferencesSchema } from '../../../shared/contracts/preferences.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getPreferences, updatePreferences } from './preferences.service.js';

const tags = ['users'];

export const preferencesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/users/me/preferences',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Your preferences',
        description: 'Your time zone and which notifications also reach you by e-mail.',
        response: withProblems({ 200: preferencesSchema }),
      },
    },
    async (request) => getPreferences(deps, viewerOf(request)),
  );

  api.patch(
    '/users/me/preferences',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Change your preferences',
        description:
          'Fields left out keep their value. `emailNotifications` is the whole list of kinds to e-mail (an empty list: none).',
        body: updatePreferencesSchema,
        response: withProblems({ 200: preferencesSchema }),
      },
    },
    async (request) => updatePreferences(deps, viewerOf(request), request.body),
  );
};
