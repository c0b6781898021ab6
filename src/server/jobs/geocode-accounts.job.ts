import { z } from 'zod';
import { geocodeAccounts } from '../modules/accounts/account-geocoding.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/** Every minute: positions for accounts that have an address and none (Google Maps configured only). */
export const geocodeAccountsJob: JobDefinition<Record<string, never>> = {
  name: 'geocode-accounts',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const outcome = await geocodeAccounts(deps);
    if (outcome.placed + outcome.unplaced > 0) deps.logger?.info(outcome, 'accounts geocoded');
  },
  schedule: everyMinute,
};
