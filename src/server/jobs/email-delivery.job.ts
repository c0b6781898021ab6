import { z } from 'zod';
import { deliverDueEmails } from '../modules/communications/email-delivery.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/**
 * Sends the queued e-mail that is due. Queuing a message adds a run at its time, so "send now" goes
 * within the worker's poll; the run every minute picks up retries and messages whose worker died.
 */
export const emailDeliveryJob: JobDefinition<Record<string, never>> = {
  name: 'email-delivery',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const outcome = await deliverDueEmails(deps);
    if (outcome.sent + outcome.failed + outcome.retrying > 0) deps.logger?.info(outcome, 'e-mail delivered');
  },
  schedule: everyMinute,
};
