import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createLineItemSchema,
  lineItemListSchema,
  lineItemParamsSchema,
  lineItemSchema,
  updateLineItemSchema,
} from '../../../shared/contracts/products.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { addLineItem, listLineItems, removeLineItem, updateLineItem } from './line-items.service.js';

const tags = ['opportunities'];
const amountRule =
  "While a deal has products, its amount is the sum of their totals (a PATCH of the amount or currency is 409); removing the last leaves the amount as it was. Only open deals' products change.";

export const lineItemsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/opportunities/:id/line-items',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: "A deal's products, with its amount",
        description: amountRule,
        params: idParamsSchema,
        response: withProblems({ 200: lineItemListSchema }),
      },
    },
    async (request) => listLineItems(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/opportunities/:id/line-items',
    {
      config: { auth: routeAuth.signedIn, replies: ['Location', 'ETag'] },
      schema: {
        tags,
        summary: 'Add a product to a deal',
        description: `At the product's list price unless unitPrice is given (required when the product is priced in another currency than the deal). ${amountRule}`,
        params: idParamsSchema,
        body: createLineItemSchema,
        response: withProblems({ 201: lineItemSchema }),
      },
    },
    async (request, reply) => {
      const line = await addLineItem(deps, viewerOf(request), request.params.id, request.body);
      setEtag(reply, line.version);
      return reply
        .status(201)
        .header('location', `/api/v1/opportunities/${request.params.id}/line-items/${line.id}`)
        .send(line);
    },
  );

  app.patch(
    '/opportunities/:id/line-items/:lineItemId',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: "Change a line's quantity, price or discount",
        description: amountRule,
        params: lineItemParamsSchema,
        body: updateLineItemSchema,
        response: withProblems({ 200: lineItemSchema }),
      },
    },
    async (request, reply) => {
      const line = await updateLineItem(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.lineItemId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, line.version);
      return line;
    },
  );

  app.delete(
    '/opportunities/:id/line-items/:lineItemId',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'] },
      schema: {
        tags,
        summary: 'Take a product off a deal',
        description: amountRule,
        params: lineItemParamsSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await removeLineItem(
        deps,
        viewerOf(request),
        request.params.id,
        request.params.lineItemId,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
};
