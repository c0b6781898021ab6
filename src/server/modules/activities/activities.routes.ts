import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityPageSchema,
  activitySchema,
  completeActivitySchema,
  completedActivitySchema,
  createActivitySchema,
  listActivitiesQuerySchema,
  updateActivitySchema,
  visitPositionSchema,
} from '../../../shared/contracts/activities.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  restoreActivity,
  updateActivity,
} from './activities.service.js';
import { completeActivity } from './activity-completion.service.js';
import { recordVisitStep } from './visits.service.js';

const tags = ['activities'];

export const activitiesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  registerResourceRoutes(app, {
    path: '/activities',
    exportable: true,
    bulk: true,
    tag: 'activities',
    noun: 'activity',
    schemas: {
      record: activitySchema,
      page: activityPageSchema,
      listQuery: listActivitiesQuerySchema,
      create: createActivitySchema,
      update: updateActivitySchema,
    },
    service: {
      list: (viewer, query) => listActivities(deps, viewer, query),
      get: (viewer, id) => getActivity(deps, viewer, id),
      create: (viewer, input, idempotency) => createActivity(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateActivity(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteActivity(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreActivity(deps, viewer, id, expectedVersion),
    },
  });

  api.post(
    '/activities/:id/complete',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Complete an activity',
        description:
          'Sets status completed, completedAt, the outcome and, when given, next steps and location; creates the follow-up task in the same transaction. Answers the activity, with the follow-up task (or null) as `followUpTask`. Completing twice, or a cancelled activity, is 409. Send If-Match to guard against a newer change.',
        params: idParamsSchema,
        body: completeActivitySchema,
        response: withProblems({ 200: completedActivitySchema }),
      },
    },
    async (request, reply) => {
      const result = await completeActivity(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, result.version);
      return result;
    },
  );

  for (const step of ['check-in', 'check-out'] as const) {
    api.post(
      `/activities/:id/${step}`,
      {
        config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
        schema: {
          tags,
          summary: step === 'check-in' ? 'Check in to a field visit' : 'Check out of a field visit',
          description:
            "Records the time, position and accuracy, and the distance from the linked account's location; the visit is flagged farFromAccount beyond the configured radius. Only visits (409 otherwise); check-in first, each once (409).",
          params: idParamsSchema,
          body: visitPositionSchema,
          response: withProblems({ 200: activitySchema }),
        },
      },
      async (request, reply) => {
        const activity = await recordVisitStep(
          deps,
          viewerOf(request),
          request.params.id,
          step,
          request.body,
          expectedVersion(request),
        );
        setEtag(reply, activity.version);
        return activity;
      },
    );
  }
};
