import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { createNotifications, type NewNotification } from '../notifications/notifications.service.js';
import { preferencesOf } from '../preferences/preferences.repository.js';
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
      const timeZones = await timeZonesOf(
        tx,
        reminders.map(recipientOf).filter((id): id is string => id !== null),
      );
      await createNotifications(
        tx,
        deps,
        reminders.flatMap((task) => reminderNotification(task, timeZones)),
      );
      return reminders.length;
    });
    raised += claimed;
    if (claimed < BATCH_SIZE) return raised;
  }
}

/** To the assignee (the creator when nobody is assigned). */
function recipientOf(task: ClaimedReminder): string | null {
  return task.assigneeId ?? task.createdById;
}

function reminderNotification(task: ClaimedReminder, timeZones: Map<string, string>): NewNotification[] {
  const userId = recipientOf(task);
  if (!userId) return [];
  return [
    {
      userId,
      kind: 'task_reminder',
      title: `Reminder: ${task.title}`,
      body: task.dueAt ? `Due ${formatMinuteIn(task.dueAt, timeZones.get(userId) ?? 'UTC')}` : 'No due date',
      entity: 'tasks',
      entityId: task.id,
    },
  ];
}

/** The users' own time zones (their preferences); those who set none read UTC. */
async function timeZonesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const rows = await preferencesOf(db, userIds);
  return new Map(rows.flatMap((row) => (row.timeZone ? [[row.userId, row.timeZone] as const] : [])));
}

/** "Mon 7 Dec 2026, 14:30 (Europe/Madrid)": the reader's own clock, and which one it is. */
function formatMinuteIn(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} (${timeZone})`;
}
