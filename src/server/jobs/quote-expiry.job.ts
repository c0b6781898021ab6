import { z } from 'zod';
import { raiseQuoteExpiryNotices } from '../modules/quotes/quote-expiry.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/** Every minute: a notice to the preparer of each sent quote about to lapse (exactly once each). */
export const quoteExpiryJob: JobDefinition<Record<string, never>> = {
  name: 'quote-expiry',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const raised = await raiseQuoteExpiryNotices(deps);
    if (raised > 0) deps.logger?.info({ notices: raised }, 'quote expiry notices raised');
  },
  schedule: everyMinute,
};
