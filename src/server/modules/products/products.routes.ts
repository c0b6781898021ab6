import type { FastifyPluginAsync } from 'fastify';
import {
  createProductSchema,
  listProductsQuerySchema,
  productPageSchema,
  productSchema,
  updateProductSchema,
} from '../../../shared/contracts/products.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  restoreProduct,
  updateProduct,
} from './products.service.js';

export const productsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/products',
    exportable: true,
    tag: 'products',
    noun: 'product',
    deleteDescription: 'The deals that have the product keep their lines; it can no longer be added to one.',
    schemas: {
      record: productSchema,
      page: productPageSchema,
      listQuery: listProductsQuerySchema,
      create: createProductSchema,
      update: updateProductSchema,
    },
    service: {
      list: (viewer, query) => listProducts(deps, viewer, query),
      get: (viewer, id) => getProduct(deps, viewer, id),
      create: (viewer, input, idempotency) => createProduct(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateProduct(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteProduct(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreProduct(deps, viewer, id, expectedVersion),
    },
  });
};
