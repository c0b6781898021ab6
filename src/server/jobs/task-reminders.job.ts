import { z } from 'zod';
import { raiseDueTaskReminders } from '../modules/tasks/task-reminders.service.js';
import { everyMinute, type JobDefinition } from './queue.js';

/** Every minute: an in-app notification for each task reminder that has come due (exactly once each). */
export const taskRemindersJob: JobDefinition<Record<string, never>> = {
  name: 'task-reminders',
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  async handle(deps) {
    const raised = await raiseDueTaskReminders(deps);
    if (raised > 0) deps.logger?.info({ reminders: raised }, 'task reminders raised');
  },
  schedule: everyMinute,
};
