import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  type BulkOutcome,
  type BulkResult,
  bulkDeleteSchema,
  bulkResultSchema,
  bulkUpdateSchema,
  MAX_BULK_IDS,
} from '../../shared/contracts/bulk.js';
import { statusOfErrorCode } from '../../shared/errors.js';
import type { Viewer } from '../platform/viewer.js';
import { problemTitle, toAppError } from './problem.js';
import { withProblems } from './responses.js';
import type { RouteAuth } from './route-auth.js';
import { viewerOf } from './viewer.js';

/**
 * `POST {path}/bulk-update` and `{path}/bulk-delete`: what the dashboard's selection does to many records
 * at once (give them to another owner, move them on, delete them). Each record goes through the very
 * service call of its own PATCH or DELETE, in its own transaction, so every rule, permission, audit row
 * and webhook is the same; one record refused (not visible, not the caller's to change, a rule broken)
 * is reported with the problem its own call would have answered and does not hold the others back.
 */
export function registerBulkRoutes<Update extends z.ZodType>(
  app: FastifyInstance,
  spec: {
    path: string;
    noun: string;
    tags: string[];
    auth: RouteAuth;
    record: z.ZodType;
    update: Update;
    service: {
      update(viewer: Viewer, id: string, input: z.infer<Update>, expectedVersion: undefined): Promise<unknown>;
      remove(viewer: Viewer, id: string, expectedVersion: undefined): Promise<void>;
    };
  },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { path, noun, tags, service } = spec;

  api.post(
    `${path}/bulk-update`,
    {
      config: { auth: spec.auth },
      schema: {
        tags,
        summary: `Change several ${noun}s the same way`,
        description: `The same change, as PATCH takes it, to 1–${MAX_BULK_IDS} ${noun}s, each in its own transaction with the rules, audit and webhooks of its PATCH (no If-Match: the change is applied to the record as it is). The answer lists each id with the status its PATCH would have answered and the record or the problem; one refused does not hold back the others. A retry applies the same change again.`,
        body: bulkUpdateSchema(spec.update),
        response: withProblems({ 200: bulkResultSchema(spec.record) }),
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const { ids, changes } = request.body as { ids: string[]; changes: z.infer<Update> };
      return eachRecord(ids, async (id) => ({
        status: 200,
        record: await service.update(viewer, id, changes, undefined),
      }));
    },
  );

  api.post(
    `${path}/bulk-delete`,
    {
      config: { auth: spec.auth },
      schema: {
        tags,
        summary: `Delete several ${noun}s (soft)`,
        description: `Deletes 1–${MAX_BULK_IDS} ${noun}s as DELETE does, each in its own transaction; each can be restored. The answer lists each id with 204 or the problem its DELETE would have answered (404 for one already deleted).`,
        body: bulkDeleteSchema,
        response: withProblems({ 200: bulkResultSchema(spec.record) }),
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return eachRecord(request.body.ids, async (id) => {
        await service.remove(viewer, id, undefined);
        return { status: 204 };
      });
    },
  );
}

/**
 * One after another, in the order given: the records share rows (a contact's account, a column of the
 * board), and their changes would only wait on each other's locks if run at once.
 */
async function eachRecord(
  ids: readonly string[],
  change: (id: string) => Promise<Omit<BulkOutcome<unknown>, 'id'>>,
): Promise<BulkResult<unknown>> {
  const results: BulkOutcome<unknown>[] = [];
  for (const id of ids) {
    try {
      results.push({ id, ...(await change(id)) });
    } catch (error) {
      const appError = toAppError(error);
      // A bug or an unavailable database is the whole request's failure, not one record's.
      if (statusOfErrorCode(appError.code) >= 500) throw error;
      results.push({
        id,
        status: statusOfErrorCode(appError.code),
        problem: {
          title: problemTitle(appError.code),
          detail: appError.message,
          code: appError.code,
          errors: appError.errors ?? [],
        },
      });
    }
  }
  const failed = results.filter((result) => result.status >= 400).length;
  return { results, succeeded: results.length - failed, failed };
}
