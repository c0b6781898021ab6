import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createImportSchema,
  importDryRunQuerySchema,
  importPageSchema,
  importPreviewSchema,
  importSchema,
  listImportsQuerySchema,
  MAX_IMPORT_ROWS,
} from '../../../shared/contracts/imports.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { getImport, listImports, previewImport, startImport } from './imports.service.js';

const tags = ['imports'];

/** A 10,000-row file with a dozen columns, JSON-escaped, with room. */
const IMPORT_BODY_LIMIT = 12 * 1024 * 1024;

export const importsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { auth: routeAuth.signedIn, replies: ['Location'] },
      schema: {
        tags,
        summary: 'Import accounts, contacts or leads from a CSV file',
        description:
          `With dryRun=true: the file checked and previewed, nothing written (200). Without: the import starts (202) and its rows are created in the background, each as if you created it (your visibility, the same rules, audit and webhooks); follow it with GET /imports/{id}. Up to ${MAX_IMPORT_ROWS} rows; comma, semicolon or tab separated, a heading row first. ` +
          'Columns are matched to fields by their headings (Name, E-mail, Phone, City, Country, Territory, Owner, Account…) unless the mapping says otherwise. Contacts name their account by its name; territories by name; owners by e-mail.',
        querystring: importDryRunQuerySchema,
        body: createImportSchema,
        response: withProblems({ 200: importPreviewSchema, 202: importSchema }),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      if (request.query.dryRun) return reply.status(200).send(await previewImport(deps, viewer, request.body));
      const started = await startImport(deps, viewer, request.body);
      return reply.status(202).header('location', `/api/v1/imports/${started.id}`).send(started);
    },
  );

  app.get(
    '/imports',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Your imports, newest first (admins: everyone’s)',
        querystring: listImportsQuerySchema,
        response: withProblems({ 200: importPageSchema }),
      },
    },
    async (request) => listImports(deps, viewerOf(request), request.query),
  );

  app.get(
    '/imports/:id',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'An import: how far it got, and the rows that failed and why',
        params: idParamsSchema,
        response: withProblems({ 200: importSchema }),
      },
    },
    async (request) => getImport(deps, viewerOf(request), request.params.id),
  );
};
