import { z } from 'zod';
import { deliverDueWebhooks } from '../modules/webhooks/webhook-delivery.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/**
 * Sends the webhook deliveries that are due. Each change that queues one adds a run right away; the run
 * every minute picks up retries and deliveries whose worker died.
 */
export const webhookDeliveryJob: JobDefinition<Record<string, never>> = {
  name: 'webhook-delivery',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const outcome = await deliverDueWebhooks(deps);
    if (outcome.delivered + outcome.retrying + outcome.failed > 0) deps.logger?.info(outcome, 'webhooks delivered');
  },
  schedule: everyMinute,
};
