import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createTaskSchema,
  listTasksQuerySchema,
  taskPageSchema,
  taskSchema,
  updateTaskSchema,
} from '../../../shared/contracts/tasks.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, setEtag } from '../../http/conditional.js';
import { noBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { completeTask, createTask, deleteTask, getTask, listTasks, restoreTask, updateTask } from './tasks.service.js';
import { registerWorkloadRoutes } from './workload.routes.js';

export const tasksRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  registerResourceRoutes(app, {
    path: '/tasks',
    exportable: true,
    bulk: true,
    tag: 'tasks',
    noun: 'task',
    schemas: {
      record: taskSchema,
      page: taskPageSchema,
      listQuery: listTasksQuerySchema,
      create: createTaskSchema,
      update: updateTaskSchema,
    },
    service: {
      list: (viewer, query) => listTasks(deps, viewer, query),
      get: (viewer, id) => getTask(deps, viewer, id),
      create: (viewer, input, idempotency) => createTask(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateTask(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteTask(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreTask(deps, viewer, id, expectedVersion),
    },
  });

  api.post(
    '/tasks/:id/complete',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task',
        description:
          'Sets status completed and completedAt now. A completed or cancelled task is 409. Honours If-Match.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: taskSchema }),
      },
    },
    async (request, reply) => {
      const task = await completeTask(deps, viewerOf(request), request.params.id, expectedVersion(request));
      setEtag(reply, task.version);
      return task;
    },
  );

  // The workload report reads tasks only, so it lives here rather than in the reports module.
  registerWorkloadRoutes(app, deps);
};
