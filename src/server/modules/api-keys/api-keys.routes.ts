import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  updateApiKeySchema,
} from '../../../shared/contracts/auth.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { createApiKey, deleteApiKey, getApiKey, listApiKeys, renameApiKeyOf } from './api-keys.service.js';

const tags = ['api-keys'];

export const apiKeysRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api-keys',
    {
      config: { auth: routeAuth.signedIn, headers: ['Idempotency-Key'], replies: ['Location'] },
      schema: {
        tags,
        summary: 'Create an API key for yourself',
        description:
          'The key (mk_…) is in this answer only; store it safely. Scope read allows GET only. Only a signed-in session may create keys: a request authenticated with an API key gets 403.',
        body: createApiKeySchema,
        response: withProblems({ 201: createdApiKeySchema }),
      },
    },
    async (request, reply) => {
      const { apiKey } = await createApiKey(deps, viewerOf(request), request.body, {
        key: idempotencyKey(request),
        operation: operationOf(request),
      });
      return reply.status(201).header('location', `/api/v1/api-keys/${apiKey.id}`).send(apiKey);
    },
  );

  app.get(
    '/api-keys',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'List your API keys (admins: any user with userId)',
        querystring: listApiKeysQuerySchema,
        response: withProblems({ 200: apiKeyListSchema }),
      },
    },
    async (request) => listApiKeys(deps, viewerOf(request), request.query),
  );

  app.get(
    '/api-keys/:id',
    {
      config: { auth: routeAuth.signedIn, replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Get an API key (never its secret)',
        description: 'Your own keys; admins any. A revoked key or one of someone else is 404.',
        params: idParamsSchema,
        response: withProblems({ 200: apiKeySchema }),
      },
    },
    async (request, reply) => {
      const key = await getApiKey(deps, viewerOf(request), request.params.id);
      setEtag(reply, key.version);
      return key;
    },
  );

  app.patch(
    '/api-keys/:id',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Rename an API key',
        description:
          'Only the name changes; a key with other scopes or expiry is a new key. Your own keys; admins any.',
        params: idParamsSchema,
        body: updateApiKeySchema,
        response: withProblems({ 200: apiKeySchema }),
      },
    },
    async (request, reply) => {
      const key = await renameApiKeyOf(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, key.version);
      return key;
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: idParamsSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await deleteApiKey(deps, viewerOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
