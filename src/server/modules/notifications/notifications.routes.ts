import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  listNotificationsQuerySchema,
  notificationPageSchema,
  notificationSchema,
  readAllNotificationsResultSchema,
} from '../../../shared/contracts/notifications.js';
import type { Deps } from '../../deps.js';
import { noBody } from '../../http/request-bodies.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { listNotifications, readAllNotifications, readNotification } from './notifications.service.js';

const tags = ['notifications'];

/** The caller's own in-app notifications: nobody, admins included, reads another user's inbox. */
export const notificationsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/notifications',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'List your notifications, newest first',
        description: 'Keyset paginated; unread=true for the unread ones only. unreadCount counts all unread ones.',
        querystring: listNotificationsQuerySchema,
        response: withProblems({ 200: notificationPageSchema }),
      },
    },
    async (request) => listNotifications(deps, viewerOf(request), request.query),
  );

  api.post(
    '/notifications/:id/read',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        description: 'Reading it again keeps the first read time. Another user’s notification is 404.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: notificationSchema }),
      },
    },
    async (request) => readNotification(deps, viewerOf(request), request.params.id),
  );

  api.post(
    '/notifications/read-all',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        body: noBody,
        response: withProblems({ 200: readAllNotificationsResultSchema }),
      },
    },
    async (request) => readAllNotifications(deps, viewerOf(request)),
  );
};
