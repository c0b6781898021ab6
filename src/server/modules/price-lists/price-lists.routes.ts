import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createPriceListSchema,
  listPriceListsQuerySchema,
  listPricesQuerySchema,
  priceListPageSchema,
  priceListSchema,
  priceParamsSchema,
  productPricePageSchema,
  productPriceSchema,
  setPriceSchema,
  updatePriceListSchema,
} from '../../../shared/contracts/price-lists.js';
import type { Deps } from '../../deps.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createPriceList,
  deletePriceList,
  getPriceList,
  listOpportunityPrices,
  listPriceListPrices,
  listPriceLists,
  removePrice,
  restorePriceList,
  setPrice,
  updatePriceList,
} from './price-lists.service.js';

const pricingRule =
  "A product's price on a list: the price fixed for it there, else its list price less the list's discount when it is listed in the list's currency, else none (unitPrice null).";

export const priceListsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/price-lists',
    tag: 'price-lists',
    noun: 'price list',
    deleteDescription:
      'Soft delete; restore brings it back. A list accounts are on is 409: move them off it, or make it inactive.',
    schemas: {
      record: priceListSchema,
      page: priceListPageSchema,
      listQuery: listPriceListsQuerySchema,
      create: createPriceListSchema,
      update: updatePriceListSchema,
    },
    service: {
      list: (viewer, query) => listPriceLists(deps, viewer, query),
      get: (viewer, id) => getPriceList(deps, viewer, id),
      create: (viewer, input, idempotency) => createPriceList(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updatePriceList(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deletePriceList(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restorePriceList(deps, viewer, id, expectedVersion),
    },
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/price-lists/:id/prices',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['price-lists'],
        summary: "The catalogue at a price list's prices",
        description: `Every active product with its list price and its price on the list, in the list's currency. ${pricingRule}`,
        params: idParamsSchema,
        querystring: listPricesQuerySchema,
        response: withProblems({ 200: productPricePageSchema }),
      },
    },
    async (request) => listPriceListPrices(deps, viewerOf(request), request.params.id, request.query),
  );

  typed.put(
    '/price-lists/:id/prices/:productId',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['price-lists'],
        summary: "Fix a product's price on a price list",
        description:
          "In the list's currency; it wins over the list's discount. Sending it again changes nothing more. Managers and admins only; lines already on deals keep their prices.",
        params: priceParamsSchema,
        body: setPriceSchema,
        response: withProblems({ 200: productPriceSchema }),
      },
    },
    async (request) =>
      setPrice(deps, viewerOf(request), request.params.id, request.params.productId, request.body.unitPrice),
  );

  typed.delete(
    '/price-lists/:id/prices/:productId',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['price-lists'],
        summary: "Take a product's fixed price off a price list",
        description: "The product costs its list price less the list's discount again. Managers and admins only.",
        params: priceParamsSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await removePrice(deps, viewerOf(request), request.params.id, request.params.productId);
      return reply.status(204).send(null);
    },
  );

  typed.get(
    '/opportunities/:id/prices',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: ['opportunities'],
        summary: "What a deal's new lines cost",
        description: `The active products at the prices a line added to this deal takes when no unitPrice is given: its account's price list when the account has an active one in the deal's currency (priceList), else the catalogue's list prices in the deal's currency. ${pricingRule}`,
        params: idParamsSchema,
        querystring: listPricesQuerySchema,
        response: withProblems({ 200: productPricePageSchema }),
      },
    },
    async (request) => listOpportunityPrices(deps, viewerOf(request), request.params.id, request.query),
  );
};
