import { z } from 'zod';
import { deliverDueTexts } from '../modules/communications/sms-delivery.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/**
 * Sends the queued text messages that are due. Queuing one adds a run at its time; the run every minute
 * picks up retries and messages whose worker died.
 */
export const smsDeliveryJob: JobDefinition<Record<string, never>> = {
  name: 'sms-delivery',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const outcome = await deliverDueTexts(deps);
    if (outcome.sent + outcome.failed + outcome.retrying > 0) deps.logger?.info(outcome, 'text messages delivered');
  },
  schedule: everyMinute,
};
