import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginSchema, refreshSchema, tokenPairSchema } from '../../../shared/contracts/auth.js';
import type { Deps } from '../../deps.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { login, logout, refresh } from './auth.service.js';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/auth/login',
    {
      config: { auth: routeAuth.public('the way in: exchanges an e-mail and password for tokens') },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password',
        description:
          'Answers a short-lived access token and a refresh token. Repeated failures lock the e-mail for a while (429): for the client address that sent them, and everywhere after ten times as many.',
        body: loginSchema,
        response: withProblems({ 200: tokenPairSchema }),
      },
    },
    async (request) => login(deps, request.body, request.ip),
  );

  app.post(
    '/auth/refresh',
    {
      config: { auth: routeAuth.refreshToken },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new token pair',
        description:
          'The refresh token is single-use: each call answers a new one. Reusing an old one ends the session.',
        body: refreshSchema,
        response: withProblems({ 200: tokenPairSchema }),
      },
    },
    async (request) => refresh(deps, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: routeAuth.refreshToken },
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token',
        body: refreshSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await logout(deps, request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );
};
