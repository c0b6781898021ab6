import { z } from 'zod';
import { rescoreOpenLeads } from '../modules/leads/leads.service.js';
import type { JobDefinition } from './queue.js';

const DAY_MS = 86_400_000;
/** 02:00 UTC: after the day's activity is in, before the first rep opens the leads list. */
const RUN_AT_MS_INTO_DAY = 2 * 3_600_000;

/** Daily: a lead's age and recent engagement change with time alone, so open leads are re-scored. */
export const leadRescoreJob: JobDefinition<Record<string, never>> = {
  name: 'lead-rescore',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  lockMs: 30 * 60_000,
  async handle(deps) {
    const changed = await rescoreOpenLeads(deps);
    deps.logger?.info({ changed }, 'open leads re-scored');
  },
  schedule: {
    next: (after) => {
      const today = Math.floor(after.getTime() / DAY_MS) * DAY_MS + RUN_AT_MS_INTO_DAY;
      return new Date(today > after.getTime() ? today : today + DAY_MS);
    },
    key: (at) => at.toISOString().slice(0, 10),
    payload: () => ({}),
  },
};
