import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import { handOverResultSchema, handOverSchema } from '../../../shared/contracts/hand-over.js';
import {
  createUserSchema,
  listUsersQuerySchema,
  updateUserSchema,
  userPageSchema,
  userSchema,
} from '../../../shared/contracts/users.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { noBody } from '../../http/request-bodies.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { handOverRecords } from './hand-over.service.js';
import {
  createUser,
  deleteUser,
  getCurrentUser,
  getUser,
  listUsers,
  resendInvitation,
  restoreUser,
  updateUser,
} from './users.service.js';

const tags = ['users'];

export const usersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/users',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'List users',
        querystring: listUsersQuerySchema,
        response: withProblems({ 200: userPageSchema }),
      },
    },
    async (request) => listUsers(deps, viewerOf(request), request.query),
  );

  app.get(
    '/users/me',
    {
      config: { auth: routeAuth.signedIn, replies: ['ETag'] },
      schema: { tags, summary: 'The signed-in user', response: withProblems({ 200: userSchema }) },
    },
    async (request, reply) => {
      const user = await getCurrentUser(deps, viewerOf(request));
      setEtag(reply, user.version);
      // One address for every user, and a version that is no user's own: a browser that kept one
      // person's answer would revalidate it for the next person to sign in there, and a 304 would hand
      // them the first one's record. Who is signed in is read afresh every time.
      reply.header('cache-control', 'no-store');
      return user;
    },
  );

  app.get(
    '/users/:id',
    {
      config: { auth: routeAuth.signedIn, replies: ['ETag'] },
      schema: { tags, summary: 'Get a user', params: idParamsSchema, response: withProblems({ 200: userSchema }) },
    },
    async (request, reply) => {
      const user = await getUser(deps, viewerOf(request), request.params.id);
      setEtag(reply, user.version);
      return user;
    },
  );

  app.post(
    '/users',
    {
      config: { auth: routeAuth.admin, headers: ['Idempotency-Key'], replies: ['Location', 'ETag'] },
      schema: {
        tags,
        summary: 'Create a user (admins)',
        description: 'Send an Idempotency-Key header to make retries safe.',
        body: createUserSchema,
        response: withProblems({ 201: userSchema }),
      },
    },
    async (request, reply) => {
      const { user } = await createUser(deps, viewerOf(request), request.body, {
        key: idempotencyKey(request),
        operation: operationOf(request),
      });
      setEtag(reply, user.version);
      return reply.status(201).header('location', `/api/v1/users/${user.id}`).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Change a user',
        description:
          'Admins change anyone; others only their own name and password. If-Match guards against lost updates.',
        params: idParamsSchema,
        body: updateUserSchema,
        response: withProblems({ 200: userSchema }),
      },
    },
    async (request, reply) => {
      const user = await updateUser(deps, viewerOf(request), request.params.id, request.body, expectedVersion(request));
      setEtag(reply, user.version);
      return user;
    },
  );

  app.delete(
    '/users/:id',
    {
      config: { auth: routeAuth.admin, headers: ['If-Match'] },
      schema: {
        tags,
        summary: 'Delete a user (soft; admins)',
        params: idParamsSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await deleteUser(deps, viewerOf(request), request.params.id, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/restore',
    {
      config: { auth: routeAuth.admin, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Restore a deleted user (admins)',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: userSchema }),
      },
    },
    async (request, reply) => {
      const user = await restoreUser(deps, viewerOf(request), request.params.id, expectedVersion(request));
      setEtag(reply, user.version);
      return user;
    },
  );

  app.post(
    '/users/:id/invitation',
    {
      config: { auth: routeAuth.admin },
      schema: {
        tags,
        summary: 'E-mail a user the link to choose their password (admins)',
        description:
          'Sends the invitation again: a link, valid seven days and once, to choose a password and sign in. Older links of the user stop working. 409 for a deactivated user.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 202: noContent }),
      },
    },
    async (request, reply) => {
      await resendInvitation(deps, viewerOf(request), request.params.id);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/users/:id/hand-over',
    {
      config: { auth: routeAuth.signedIn, headers: ['Idempotency-Key'] },
      schema: {
        tags,
        summary: "Hand a user's records over to another user",
        description:
          "When someone leaves, goes on leave or changes territory: the accounts and contacts they own, their open leads and deals, the open tasks given to them and their planned activities become another active user's, in one transaction (records: some kinds only; territoryId: only what lies in one territory; includeClosed: won and lost deals, converted and disqualified leads too). Each record is a new version, audited and told to webhooks as an owner change; the recipient is notified. dryRun answers the counts and changes nothing. Admins, the user's managers and the user may (403); an unknown or inactive recipient is 400. Send an Idempotency-Key to make a retry safe.",
        params: idParamsSchema,
        body: handOverSchema,
        response: withProblems({ 200: handOverResultSchema }),
      },
    },
    async (request) =>
      handOverRecords(deps, viewerOf(request), request.params.id, request.body, {
        key: idempotencyKey(request),
        operation: operationOf(request),
      }),
  );
};
