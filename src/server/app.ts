import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { Deps } from './deps.js';
import { allowedMethodsAt } from './http/allowed-methods.js';
import { registerAuthHook } from './http/auth-hook.js';
import { registerConditionalReads } from './http/conditional.js';
import { registerMetrics } from './http/metrics.js';
import { registerNulGuard } from './http/nul-characters.js';
import { transformDocument, transformRoute } from './http/openapi.js';
import { handleClientError, handleError, sendProblem } from './http/problem.js';
import { guardQueryString } from './http/query-parameters.js';
import { createRateLimiter } from './http/rate-limit.js';
import type { RouteAuth } from './http/route-auth.js';
import { registerSecurityHeaders, setSecurityHeaders } from './http/security-headers.js';
import { responseSerializerCompiler } from './http/serializer.js';
import { isAssetPath, registerWeb } from './http/web.js';
import { createLogger } from './logger.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { activitiesRoutes } from './modules/activities/activities.routes.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.js';
import { approvalsRoutes } from './modules/approvals/approvals.routes.js';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { communicationsRoutes } from './modules/communications/communications.routes.js';
import { contactsRoutes } from './modules/contacts/contacts.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { emailTemplatesRoutes } from './modules/email-templates/email-templates.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { integrationsRoutes } from './modules/integrations/integrations.routes.js';
import { leadFormsRoutes } from './modules/lead-forms/lead-forms.routes.js';
import { leadsRoutes } from './modules/leads/leads.routes.js';
import { notesRoutes } from './modules/notes/notes.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { lineItemsRoutes } from './modules/opportunities/line-items.routes.js';
import { opportunitiesRoutes } from './modules/opportunities/opportunities.routes.js';
import { preferencesRoutes } from './modules/preferences/preferences.routes.js';
import { priceListsRoutes } from './modules/price-lists/price-lists.routes.js';
import { productsRoutes } from './modules/products/products.routes.js';
import { queryRoutes } from './modules/query/query.routes.js';
import { quotesRoutes } from './modules/quotes/quotes.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { savedViewsRoutes } from './modules/saved-views/saved-views.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { targetsRoutes } from './modules/targets/targets.routes.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { territoriesRoutes } from './modules/territories/territories.routes.js';
import { timelineRoutes } from './modules/timeline/timeline.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { visitRoutesRoutes } from './modules/visit-routes/visit-routes.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';

export const API_PREFIX = '/api/v1';

/** Routes outside the rate limit: load balancers and Prometheus poll them constantly. */
const operationalPaths = new Set(['/health', '/ready', '/metrics']);

export type BuildAppOptions = {
  /** `false` silences the app (tests); by default it logs with deps.logger or pino at the configured level. */
  logger?: false;
};

/** Assembles the HTTP application over the given dependencies. Tests call this with their own database. */
export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(options.logger === false
      ? { logger: false }
      : { loggerInstance: (deps.logger ?? createLogger(config)) as FastifyBaseLogger }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's (or proxy's) X-Request-Id is kept when it looks like an id; anything else (kilobytes
    // of text, control characters) would be echoed and written into every audit row, so it gets a new one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // On shutdown, idle keep-alive sockets close at once; requests in flight are allowed to finish.
    forceCloseConnections: 'idle',
    // `/api/v1/accounts/` is the list, as clients that join paths naively expect, not an id that is empty.
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    clientErrorHandler: handleClientError,
    // The router's own refusals (a malformed percent-escape, a path parameter longer than any id) are
    // client mistakes too: problem+json like every other error, not Fastify's bare JSON.
    frameworkErrors: (error, request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than any identifier'
          : 'the URL is not valid (a malformed percent-escape?)';
      setSecurityHeaders(request, reply, API_PREFIX);
      sendProblem(reply, request, new AppError('validation_failed', message));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(handleError);
  // The API speaks JSON only: a text body is a client mistake worth a clear 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  registerNulGuard(app);

  const apiRoutes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const auth = route.config?.auth;
    // Rule: every API route says who may call it. A route that forgets would be open to the world.
    if (!auth) throw new Error(`route ${String(route.method)} ${route.url} declares no auth (config.auth)`);
    guardQueryString(route);
    const body = route.schema?.body as z.ZodType | undefined;
    const multipart = route.config?.multipartBody !== undefined;
    for (const method of [route.method].flat()) {
      apiRoutes.push({ method: String(method), url: route.url, auth, body, multipart });
    }
  });
  app.decorate('apiRoutes', apiRoutes);

  const ipLimiter = createRateLimiter({ limit: config.rateLimit.ipPerMinute, windowMs: 60_000 });
  app.addHook('onRequest', (request, _reply, done) => {
    // The API is what is limited. The dashboard's files are not counted: a page opened cold fetches
    // dozens of them, and an office behind one address opening Meridian at nine would be refused its pages.
    if (!request.url.startsWith(`${API_PREFIX}/`)) return done();
    const limit = ipLimiter.hit(request.ip);
    if (limit.allowed) return done();
    done(
      new AppError('rate_limited', 'too many requests from this address; slow down', {
        retryAfterSeconds: limit.retryAfterSeconds,
      }),
    );
  });

  registerSecurityHeaders(app, API_PREFIX);
  registerConditionalReads(app, API_PREFIX);
  // Answers of a kilobyte or more travel compressed to a client that accepts it (browsers do): a page of
  // 50 accounts is 33 KB of JSON and 7.6 KB gzipped, which a rep on a phone network feels. Each route
  // gets the hook when it is declared, so this comes before them; the dashboard's files are compressed at
  // build time and pass as they are. Request bodies may come compressed too (Content-Encoding).
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  await app.register(fastifyCors, {
    // Only the configured origins may call the API from a browser; the dashboard itself is same-origin.
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    // Every method of the API: the plugin's default (GET, HEAD, POST) would stop a browser client at
    // the preflight of every edit and delete.
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['etag', 'location', 'x-request-id', 'retry-after'],
  });

  const metrics = registerMetrics(app, deps.database);
  registerAuthHook(app, deps, createRateLimiter({ limit: config.rateLimit.userPerMinute, windowMs: 60_000 }));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Meridian API',
        version: '1.0.0',
        description:
          'The HTTP contract of Meridian, the CRM for teams that sell through distributors, dealers and field reps.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token from /auth/login or an API key (mk_…)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: transformRoute,
    transformObject: transformDocument,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // The plugin's policy asks browsers to fetch everything over https, which breaks the docs of a server
    // reached over plain http by address (http://10.0.0.5:8001/docs): its own scripts would be refused.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  await app.register(systemRoutes, { deps, metrics });
  await app.register(
    async (api) => {
      await api.register(authRoutes, { deps });
      await api.register(usersRoutes, { deps });
      await api.register(apiKeysRoutes, { deps });
      await api.register(auditRoutes, { deps });
      await api.register(territoriesRoutes, { deps });
      await api.register(webhooksRoutes, { deps });
      await api.register(importsRoutes, { deps });
      await api.register(productsRoutes, { deps });
      await api.register(priceListsRoutes, { deps });
      await api.register(savedViewsRoutes, { deps });
      await api.register(leadFormsRoutes, { deps });
      await api.register(emailTemplatesRoutes, { deps });
      await api.register(lineItemsRoutes, { deps });
      await api.register(accountsRoutes, { deps });
      await api.register(contactsRoutes, { deps });
      await api.register(activitiesRoutes, { deps });
      await api.register(visitRoutesRoutes, { deps });
      await api.register(calendarRoutes, { deps });
      await api.register(preferencesRoutes, { deps });
      await api.register(communicationsRoutes, { deps });
      await api.register(notesRoutes, { deps });
      await api.register(attachmentsRoutes, { deps });
      await api.register(targetsRoutes, { deps });
      await api.register(quotesRoutes, { deps });
      await api.register(opportunitiesRoutes, { deps });
      await api.register(approvalsRoutes, { deps });
      await api.register(leadsRoutes, { deps });
      await api.register(reportsRoutes, { deps });
      await api.register(timelineRoutes, { deps });
      await api.register(dashboardRoutes, { deps });
      await api.register(settingsRoutes, { deps });
      await api.register(integrationsRoutes, { deps });
      await api.register(tasksRoutes, { deps });
      await api.register(notificationsRoutes, { deps });
      await api.register(searchRoutes, { deps });
      await api.register(queryRoutes, { deps });
    },
    { prefix: API_PREFIX },
  );

  const web = await registerWeb(app);
  const allowedMethods = allowedMethodsAt(apiRoutes);
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !isAssetPath(request.url) && web.hasBuild;
    // The dashboard routes on the client: any page URL gets its shell, and it shows the right screen.
    if (wantsPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    const path = request.url.split('?')[0] ?? '';
    const allowed = path.startsWith(API_PREFIX)
      ? allowedMethods(path)
      : operationalPaths.has(path.replace(/\/+$/, ''))
        ? ['GET', 'HEAD']
        : [];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        request,
        new AppError('method_not_allowed', `${path} takes ${allowed.join(', ')}, not ${request.method}`),
      );
    }
    return sendProblem(
      reply,
      request,
      new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
    );
  });

  return app;
}

/** An /api/v1 route as the route-table test checks it: its declared auth and the schema of its body. */
export type ApiRoute = {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
  body: z.ZodType | undefined;
  /** The route reads a multipart/form-data body itself (an upload), checking its fields as a schema would. */
  multipart: boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared auth and body, for the route-table test and the docs. */
    apiRoutes: ApiRoute[];
  }
}
