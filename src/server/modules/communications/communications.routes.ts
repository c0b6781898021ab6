import type { FastifyPluginAsync } from 'fastify';
import {
  communicationPageSchema,
  communicationSchema,
  createCommunicationSchema,
  listCommunicationsQuerySchema,
  updateCommunicationSchema,
} from '../../../shared/contracts/communications.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import {
  createCommunication,
  deleteCommunication,
  getCommunication,
  listCommunications,
  restoreCommunication,
  updateCommunication,
} from './communications.service.js';

export const communicationsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/communications',
    tag: 'communications',
    noun: 'communication',
    schemas: {
      record: communicationSchema,
      page: communicationPageSchema,
      listQuery: listCommunicationsQuerySchema,
      create: createCommunicationSchema,
      update: updateCommunicationSchema,
    },
    service: {
      list: (viewer, query) => listCommunications(deps, viewer, query),
      get: (viewer, id) => getCommunication(deps, viewer, id),
      create: (viewer, input, idempotency) => createCommunication(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateCommunication(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteCommunication(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreCommunication(deps, viewer, id, expectedVersion),
    },
  });
};
