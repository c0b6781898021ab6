import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  loginSchema,
  passwordLinkSchema,
  passwordLinkTokenSchema,
  passwordResetRequestSchema,
  refreshSchema,
  setPasswordSchema,
  tokenPairSchema,
} from '../../../shared/contracts/auth.js';
import type { Deps } from '../../deps.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { login, logout, refresh } from './auth.service.js';
import { inspectPasswordLink, requestPasswordReset, setPasswordWithLink } from './password-links.service.js';

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

  app.post(
    '/auth/password-reset',
    {
      config: { auth: routeAuth.public('"Forgot your password?": asked before anyone can sign in') },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a link to choose a new password',
        description:
          "When the e-mail is an active user's, sends them a link (valid one hour, once) to choose a new password. The answer is 202 either way, so it tells nobody which addresses have an account; a second request within a minute sends nothing more.",
        body: passwordResetRequestSchema,
        response: withProblems({ 202: noContent }),
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-link',
    {
      config: { auth: routeAuth.passwordLink },
      schema: {
        tags: ['auth'],
        summary: 'Whom a password link is for',
        description:
          'The name and e-mail of the person a reset or invitation link is for, so its page can greet them. 404 when the link was used, replaced or expired. A POST, so the token stays out of URLs and logs.',
        body: passwordLinkTokenSchema,
        response: withProblems({ 200: passwordLinkSchema }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return inspectPasswordLink(deps, request.body.token);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { auth: routeAuth.passwordLink },
      schema: {
        tags: ['auth'],
        summary: 'Choose a password with an e-mailed link',
        description:
          'Sets the password of the person the link is for. The link then stops working, and every session of theirs ends. 404 when the link was used, replaced or expired; 400 for a password under 12 characters.',
        body: setPasswordSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await setPasswordWithLink(deps, request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
