import type { TaskStatus } from '../../../shared/contracts/tasks.js';
import { AppError } from '../../../shared/errors.js';

/** A reminder after the due time would arrive too late to be of use. */
export function requireReminderBeforeDue(reminderAt: Date | null, dueAt: Date | null): void {
  if (reminderAt === null || dueAt === null || reminderAt.getTime() <= dueAt.getTime()) return;
  throw new AppError('invalid_request', 'the reminder must not be after the due time', {
    errors: [{ path: 'reminderAt', message: 'after dueAt' }],
  });
}

/**
 * The status columns of a task moving to `status`: completedAt is when it was completed, kept while it
 * stays completed and cleared when it is reopened or cancelled.
 */
export function completionOf(
  status: TaskStatus,
  completedAt: Date | null,
  now: Date,
): { status: TaskStatus; completedAt: Date | null } {
  return { status, completedAt: status === 'completed' ? (completedAt ?? now) : null };
}

/** Monday 00:00 UTC of the week `now` falls in, and the Monday after: the workload's "this week". */
export function weekOf(now: Date): { start: Date; end: Date } {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 7));
  return { start, end };
}
