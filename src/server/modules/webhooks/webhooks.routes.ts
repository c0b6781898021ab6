import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createdWebhookSchema,
  createWebhookSchema,
  listWebhookDeliveriesQuerySchema,
  listWebhooksQuerySchema,
  rotatedWebhookSecretSchema,
  updateWebhookSchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookPageSchema,
  webhookSchema,
} from '../../../shared/contracts/webhooks.js';
import type { Deps } from '../../deps.js';
import { noBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  redeliverWebhookEvent,
  restoreWebhook,
  rotateWebhookSecret,
  updateWebhook,
} from './webhooks.service.js';

const tags = ['webhooks'];

const deliveryDescription =
  'Each event is POSTed as JSON (see WebhookEvent) with the headers Meridian-Event-Id, Meridian-Event-Type, ' +
  'Meridian-Delivery-Attempt and Meridian-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with ' +
  "the webhook's secret>. A 2xx answer within 10 s delivers it; otherwise it is retried after 1 min, 5 min, " +
  '30 min, 2 h, 5 h, 10 h and 24 h, then failed. 410 Gone turns the webhook off. Events can arrive more than ' +
  'once and out of order: use the event id to drop repeats, and the record’s version to order them.';

export const webhooksRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/webhooks',
    tag: 'webhooks',
    noun: 'webhook',
    deleteDescription: 'A deleted webhook gets no more events; restore it to have its pending deliveries sent.',
    schemas: {
      record: webhookSchema,
      page: webhookPageSchema,
      listQuery: listWebhooksQuerySchema,
      create: createWebhookSchema,
      update: updateWebhookSchema,
      created: createdWebhookSchema,
    },
    createAuth: routeAuth.admin,
    changeAuth: routeAuth.admin,
    service: {
      list: (viewer, query) => listWebhooks(deps, viewer, query),
      get: (viewer, id) => getWebhook(deps, viewer, id),
      create: (viewer, input, idempotency) => createWebhook(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateWebhook(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteWebhook(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreWebhook(deps, viewer, id, expectedVersion),
    },
  });

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: "Replace a webhook's signing secret",
        description:
          'The new secret is in this answer only; deliveries from now on, retries included, are signed with it.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: rotatedWebhookSecretSchema }),
      },
    },
    async (request) => rotateWebhookSecret(deps, viewerOf(request), request.params.id),
  );

  app.post(
    '/webhooks/:id/ping',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: 'Send a test event (ping) to a webhook',
        description: `Queues an event of type ping for this webhook alone and answers its delivery; follow it in the deliveries. ${deliveryDescription}`,
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 202: webhookDeliverySchema }),
      },
    },
    async (request, reply) => reply.status(202).send(await pingWebhook(deps, viewerOf(request), request.params.id)),
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: "A webhook's deliveries, newest first",
        description: `Delivered and failed deliveries are kept for 30 days. ${deliveryDescription}`,
        params: idParamsSchema,
        querystring: listWebhookDeliveriesQuerySchema,
        response: withProblems({ 200: webhookDeliveryPageSchema }),
      },
    },
    async (request) => listWebhookDeliveries(deps, viewerOf(request), request.params.id, request.query),
  );

  app.get(
    '/webhooks/:id/deliveries/:eventId',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: 'One delivery, with the event exactly as it is POSTed',
        params: webhookDeliveryParamsSchema,
        response: withProblems({ 200: webhookDeliveryDetailSchema }),
      },
    },
    async (request) => getWebhookDelivery(deps, viewerOf(request), request.params.id, request.params.eventId),
  );

  app.post(
    '/webhooks/:id/deliveries/:eventId/redeliver',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: 'Send a delivery again',
        description:
          'Pending from now with its attempts counted afresh: for a failed delivery once the endpoint is fixed.',
        params: webhookDeliveryParamsSchema,
        body: noBody,
        response: withProblems({ 202: webhookDeliverySchema }),
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await redeliverWebhookEvent(deps, viewerOf(request), request.params.id, request.params.eventId)),
  );
};
