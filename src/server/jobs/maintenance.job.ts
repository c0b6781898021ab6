import { z } from 'zod';
import { deleteRefreshTokensExpiredBefore, deleteStaleLoginThrottles } from '../modules/auth/auth.repository.js';
import { pruneDeliveries } from '../modules/webhooks/webhooks.repository.js';
import { purgeExpiredIdempotencyKeys } from '../platform/idempotency.js';
import { deleteCompletedJobsBefore } from './jobs.repository.js';
import type { JobDefinition } from './queue.js';

const HOUR_MS = 3_600_000;
const COMPLETED_JOB_RETENTION_MS = 7 * 24 * HOUR_MS;
/**
 * Every login and every refresh (one per access token's life) leaves a row. A spent token coming back
 * revokes its family (theft), so a spent token is kept while it could still be tried: until it expires,
 * and a month more, so a copy presented late still ends the sessions descended from it.
 */
const EXPIRED_REFRESH_TOKEN_RETENTION_MS = 30 * 24 * HOUR_MS;
/** The webhook delivery log is for troubleshooting what happened lately (API: "kept for 30 days"). */
const WEBHOOK_DELIVERY_RETENTION_MS = 30 * 24 * HOUR_MS;

/**
 * Hourly housekeeping: idempotency keys past their 24 hours, finished jobs older than a week, refresh
 * tokens a month past their expiry, failed-login counts whose window is over, and webhook deliveries
 * settled more than a month ago.
 */
export const maintenanceJob: JobDefinition<Record<string, never>> = {
  name: 'maintenance',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const { db } = deps.database;
    const keys = await purgeExpiredIdempotencyKeys(db);
    const finished = await deleteCompletedJobsBefore(db, new Date(Date.now() - COMPLETED_JOB_RETENTION_MS));
    const refreshTokens = await deleteRefreshTokensExpiredBefore(
      db,
      new Date(Date.now() - EXPIRED_REFRESH_TOKEN_RETENTION_MS),
    );
    const loginThrottles = await deleteStaleLoginThrottles(db, deps.config.loginThrottle.lockMinutes);
    const webhookDeliveries = await pruneDeliveries(db, new Date(Date.now() - WEBHOOK_DELIVERY_RETENTION_MS));
    deps.logger?.info(
      { idempotencyKeys: keys, completedJobs: finished, refreshTokens, loginThrottles, webhookDeliveries },
      'maintenance done',
    );
  },
  schedule: {
    next: (after) => new Date(Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS),
    key: (at) => at.toISOString().slice(0, 13),
    payload: () => ({}),
  },
};
