import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createEmailTemplateSchema,
  emailTemplatePageSchema,
  emailTemplateSchema,
  listEmailTemplatesQuerySchema,
  renderEmailTemplateSchema,
  renderedEmailSchema,
  templateFields,
  updateEmailTemplateSchema,
} from '../../../shared/contracts/email-templates.js';
import type { Deps } from '../../deps.js';
import { optionalBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createEmailTemplate,
  deleteEmailTemplate,
  getEmailTemplate,
  listEmailTemplates,
  renderEmailTemplate,
  restoreEmailTemplate,
  updateEmailTemplate,
} from './email-templates.service.js';

export const emailTemplatesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/email-templates',
    tag: 'email-templates',
    noun: 'e-mail template',
    deleteDescription: 'Soft delete; restore brings it back. E-mails written from it stay as they were sent.',
    schemas: {
      record: emailTemplateSchema,
      page: emailTemplatePageSchema,
      listQuery: listEmailTemplatesQuerySchema,
      create: createEmailTemplateSchema,
      update: updateEmailTemplateSchema,
    },
    service: {
      list: (viewer, query) => listEmailTemplates(deps, viewer, query),
      get: (viewer, id) => getEmailTemplate(deps, viewer, id),
      create: (viewer, input, idempotency) => createEmailTemplate(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateEmailTemplate(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteEmailTemplate(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreEmailTemplate(deps, viewer, id, expectedVersion),
    },
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/email-templates/:id/render',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['email-templates'],
        summary: 'Fill a template from the records an e-mail is about',
        description: `The subject and body with each {{field}} filled (${templateFields.join(', ')}), from the records given as the caller sees them and from the caller; \`missing\` lists the fields nothing filled (left empty). Nothing is sent or saved: the answer goes into a new e-mail (POST /communications).`,
        params: idParamsSchema,
        body: optionalBody(renderEmailTemplateSchema),
        response: withProblems({ 200: renderedEmailSchema }),
      },
    },
    async (request) => renderEmailTemplate(deps, viewerOf(request), request.params.id, request.body ?? {}),
  );
};
