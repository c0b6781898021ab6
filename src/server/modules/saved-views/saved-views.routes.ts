import type { FastifyPluginAsync } from 'fastify';
import {
  createSavedViewSchema,
  listSavedViewsQuerySchema,
  savedViewPageSchema,
  savedViewSchema,
  updateSavedViewSchema,
} from '../../../shared/contracts/saved-views.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import {
  createSavedView,
  deleteSavedView,
  getSavedView,
  listSavedViews,
  restoreSavedView,
  updateSavedView,
} from './saved-views.service.js';

export const savedViewsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/views',
    tag: 'views',
    noun: 'saved view',
    deleteDescription: 'Soft delete; restore brings it back.',
    schemas: {
      record: savedViewSchema,
      page: savedViewPageSchema,
      listQuery: listSavedViewsQuerySchema,
      create: createSavedViewSchema,
      update: updateSavedViewSchema,
    },
    service: {
      list: (viewer, query) => listSavedViews(deps, viewer, query),
      get: (viewer, id) => getSavedView(deps, viewer, id),
      create: (viewer, input, idempotency) => createSavedView(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateSavedView(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteSavedView(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreSavedView(deps, viewer, id, expectedVersion),
    },
  });
};
