import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarFeedSchema, calendarFeedTokenParamsSchema } from '../../../shared/contracts/calendar.js';
import type { Deps } from '../../deps.js';
import { noBody } from '../../http/request-bodies.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createCalendarFeed,
  deleteCalendarFeed,
  getCalendarFeed,
  renderCalendarFeed,
} from './calendar-feed.service.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/users/me/calendar-feed',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Your calendar subscription',
        description: 'Whether you have one, since when, and when a calendar app last read it (never its address).',
        response: withProblems({ 200: calendarFeedSchema }),
      },
    },
    async (request) => getCalendarFeed(deps, viewerOf(request)),
  );

  api.post(
    '/users/me/calendar-feed',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'Make your calendar subscription (or a new address for it)',
        description:
          'An iCalendar address of your scheduled activities and the tasks you have to do, for Outlook, Google Calendar or Apple Calendar to subscribe to. The address is in this answer only; making a new one ends the old one.',
        body: noBody,
        response: withProblems({ 201: calendarFeedSchema }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await createCalendarFeed(deps, viewerOf(request)));
    },
  );

  api.delete(
    '/users/me/calendar-feed',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'End your calendar subscription',
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await deleteCalendarFeed(deps, viewerOf(request));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/calendar-feeds/:token',
    {
      config: { auth: routeAuth.calendarFeed },
      schema: {
        tags,
        summary: 'A calendar subscription (iCalendar)',
        description:
          'text/calendar for calendar apps: the owner’s scheduled activities (not cancelled) and open tasks with a due time, from 30 days ago to a year ahead, as they may see them. No sign-in: the token in the address is the credential; an ended or replaced address is 404.',
        params: calendarFeedTokenParamsSchema,
      },
    },
    async (request, reply) => {
      const calendar = await renderCalendarFeed(deps, request.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="meridian.ics"')
        .send(calendar);
    },
  );
};
