import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  contactMergeResultSchema,
  contactPageSchema,
  contactSchema,
  createContactQuerySchema,
  createContactSchema,
  listContactsQuerySchema,
  mergeContactSchema,
  updateContactSchema,
} from '../../../shared/contracts/contacts.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  mergeContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js';

export const contactsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/contacts',
    exportable: true,
    bulk: true,
    tag: 'contacts',
    noun: 'contact',
    schemas: {
      record: contactSchema,
      page: contactPageSchema,
      listQuery: listContactsQuerySchema,
      create: createContactSchema,
      createQuery: createContactQuerySchema,
      update: updateContactSchema,
    },
    service: {
      list: (viewer, query) => listContacts(deps, viewer, query),
      get: (viewer, id) => getContact(deps, viewer, id),
      create: (viewer, input, idempotency) => createContact(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateContact(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteContact(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreContact(deps, viewer, id, expectedVersion),
    },
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/contacts/:id/merge',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags: ['contacts'],
        summary: 'Merge a duplicate contact into this one',
        description:
          'Both of one account. This contact keeps its fields and takes the duplicate’s where it has none (title, e-mail, phones) and its primary flag; every deal, activity, task, message, note and converted lead naming the duplicate, and whoever reported to it, move here; the duplicate is kept soft-deleted, pointing here. If-Match guards this contact.',
        params: idParamsSchema,
        body: mergeContactSchema,
        response: withProblems({ 200: contactMergeResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await mergeContacts(
        deps,
        viewerOf(request),
        request.params.id,
        request.body.sourceId,
        expectedVersion(request),
      );
      setEtag(reply, result.contact.version);
      return result;
    },
  );
};
