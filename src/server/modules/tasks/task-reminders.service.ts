import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { createNotifications, type NewNotification } from '../notifications/notifications.service.js';
import type { ClaimedReminder } from './task-reminders.repository.js';
import { claimDueReminders } from './task-reminders.repository.js';

/** Reminders handled per transaction: bounded, so a backlog never holds thousands of row locks at once. */
const BATCH_SIZE = 500;

/**
 * Raises an in-app notification for every due reminder of a task still to do, exactly once: each batch
 * is claimed and notified in one transaction, so a crash leaves the reminder due rather than lost or
 * doubled. Answers how many reminders went out.
 */
export async function raiseDueTaskReminders(deps: Deps, now = new Date()): Promise<number> {
  let raised = 0;
  for (;;) {
    const claimed = await inTransaction(deps.database.db, async (tx) => {
      const reminders = await claimDueReminders(tx, now, BATCH_SIZE);
      await createNotifications(tx, reminders.flatMap(reminderNotification));
      return reminders.length;
    });
    raised += claimed;
    if (claimed < BATCH_SIZE) return raised;
  }
}

/** To the assignee (the creator when nobody is assigned). */
function reminderNotification(task: ClaimedReminder): NewNotification[] {
  const userId = task.assigneeId ?? task.createdById;
  if (!userId) return [];
  return [
    {
      userId,
      kind: 'task_reminder',
      title: `Reminder: ${task.title}`,
      body: task.dueAt ? `Due ${formatUtcMinute(task.dueAt)}` : 'No due date',
      entity: 'tasks',
      entityId: task.id,
    },
  ];
}

/** "2026-05-04 14:30 UTC": the server does not know the reader's time zone, so it says which one it uses. */
function formatUtcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
