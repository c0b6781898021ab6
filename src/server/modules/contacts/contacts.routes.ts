import type { FastifyPluginAsync } from 'fastify';
import {
  contactPageSchema,
  contactSchema,
  createContactQuerySchema,
  createContactSchema,
  listContactsQuerySchema,
  updateContactSchema,
} from '../../../shared/contracts/contacts.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js';

export const contactsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/contacts',
    exportable: true,
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
};
