import type { FastifyPluginAsync } from 'fastify';
import {
  createTerritorySchema,
  listTerritoriesQuerySchema,
  territoryPageSchema,
  territorySchema,
  updateTerritorySchema,
} from '../../../shared/contracts/territories.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { routeAuth } from '../../http/route-auth.js';
import {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listTerritories,
  restoreTerritory,
  updateTerritory,
} from './territories.service.js';

export const territoriesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/territories',
    tag: 'territories',
    noun: 'territory',
    schemas: {
      record: territorySchema,
      page: territoryPageSchema,
      listQuery: listTerritoriesQuerySchema,
      create: createTerritorySchema,
      update: updateTerritorySchema,
    },
    createAuth: routeAuth.admin,
    changeAuth: routeAuth.admin,
    service: {
      list: (viewer, query) => listTerritories(deps, viewer, query),
      get: (viewer, id) => getTerritory(deps, viewer, id),
      create: (viewer, input, idempotency) => createTerritory(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateTerritory(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteTerritory(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreTerritory(deps, viewer, id, expectedVersion),
    },
  });
};
