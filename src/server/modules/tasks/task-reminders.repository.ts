import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { isPendingTask } from './tasks.repository.js';

export type ClaimedReminder = {
  id: string;
  title: string;
  dueAt: Date | null;
  assigneeId: string | null;
  createdById: string | null;
};

/**
 * Claims up to `limit` due reminders by setting remindedAt, and answers them. Rows another worker holds
 * are skipped, and a row that worker has just claimed fails the re-checked `reminded_at is null`, so two
 * workers running together never claim the same reminder. Not a change of the task by anyone: version
 * and updatedAt stay, so nobody's If-Match goes stale because a reminder went out. Deliberately
 * unscoped: the system raises every user's reminders.
 */
export async function claimDueReminders(db: Db, now: Date, limit: number): Promise<ClaimedReminder[]> {
  const due = db.$with('due').as(
    db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(lte(tasks.reminderAt, now), isNull(tasks.remindedAt), isNull(tasks.deletedAt), isPendingTask()))
      .orderBy(tasks.reminderAt)
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  return db
    .with(due)
    .update(tasks)
    .set({ remindedAt: now })
    .from(due)
    .where(and(eq(tasks.id, due.id), isNull(tasks.remindedAt)))
    .returning({
      id: tasks.id,
      title: tasks.title,
      dueAt: tasks.dueAt,
      assigneeId: tasks.assigneeId,
      createdById: tasks.createdById,
    });
}
