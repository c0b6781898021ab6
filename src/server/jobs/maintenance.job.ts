import { z } from 'zod';
import { purgeExpiredIdempotencyKeys } from '../platform/idempotency.js';
import { deleteCompletedJobsBefore } from './jobs.repository.js';
import type { JobDefinition } from './queue.js';

const HOUR_MS = 3_600_000;
const COMPLETED_JOB_RETENTION_MS = 7 * 24 * HOUR_MS;

/** Hourly housekeeping: idempotency keys past their 24 hours, and finished jobs older than a week. */
export const maintenanceJob: JobDefinition<Record<string, never>> = {
  name: 'maintenance',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const { db } = deps.database;
    const keys = await purgeExpiredIdempotencyKeys(db);
    const finished = await deleteCompletedJobsBefore(db, new Date(Date.now() - COMPLETED_JOB_RETENTION_MS));
    deps.logger?.info({ idempotencyKeys: keys, completedJobs: finished }, 'maintenance done');
  },
  schedule: {
    next: (after) => new Date(Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS),
    key: (at) => at.toISOString().slice(0, 13),
    payload: () => ({}),
  },
};
