import { z } from 'zod';
import { syncOutlookCalendars } from '../modules/calendar/outlook-sync.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/**
 * Every minute: activities planned, moved, cancelled or deleted since the last run are written into (or
 * removed from) their owners' Outlook calendars (Microsoft 365 with calendar push switched on only).
 */
export const outlookCalendarJob: JobDefinition<Record<string, never>> = {
  name: 'outlook-calendar',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const outcome = await syncOutlookCalendars(deps);
    if (outcome.written + outcome.removed + outcome.retrying > 0)
      deps.logger?.info(outcome, 'Outlook calendars written');
  },
  schedule: everyMinute,
};
