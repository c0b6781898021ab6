import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResultSchema } from '../../../shared/contracts/search.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { search } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/search',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['search'],
        summary: 'Search accounts, contacts, leads and opportunities',
        description:
          'Ranked full-text and fuzzy matches over what you may see. types=account,contact,lead,opportunity narrows it.',
        querystring: searchQuerySchema,
        response: withProblems({ 200: searchResultSchema }),
      },
    },
    async (request) => search(deps, viewerOf(request), request.query),
  );
};
