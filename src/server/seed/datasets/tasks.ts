import type { TaskStatus, taskPriorities, taskTypes } from '../../../shared/contracts/tasks.js';
import { tasks } from '../../db/schema/index.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { taskTitles } from '../work-vocabulary.js';
import type { accountsDataset } from './accounts.js';
import type { contactsDataset } from './contacts.js';
import type { opportunitiesDataset } from './opportunities.js';
import { accountOfRow, createLinkPicker } from './record-links.js';

export type TasksOptions = {
  accounts: ReturnType<typeof accountsDataset>;
  contacts: ReturnType<typeof contactsDataset>;
  opportunities: ReturnType<typeof opportunitiesDataset>;
  /** Defaults to two per account. */
  count?: number;
  /** Due dates spread around this moment; the real "now" by default ("overdue" and "due today" are read from the clock). */
  now?: Date;
};

export type TasksOutput = { count: number };

type TaskType = (typeof taskTypes)[number];
type TaskPriority = (typeof taskPriorities)[number];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * To-dos on each account: two per account by default, assigned to the account's owner, due from two
 * months ago to a month ahead. Done ones are completed (or cancelled); of the rest, those due in the past
 * are overdue and a few fall due today. A third carry a reminder the day before; reminders already past
 * are marked as raised, so the reminder job does not flood everyone with notifications on its first run.
 */
export function tasksDataset(options: TasksOptions) {
  return defineDataset({
    name: 'tasks',
    table: tasks,
    dependsOn: [options.accounts, options.contacts, options.opportunities],
    expectedRows: options.count,
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      const count = options.count ?? accounts.count * 2;
      const pickLinks = createLinkPicker(
        accounts,
        context.output(options.contacts),
        context.output(options.opportunities),
        {
          contact: 0.3,
          opportunity: 0.3,
        },
      );
      const nowMs = (options.now ?? new Date()).getTime();
      const links = rng.fork('links');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const ids = rng.fork('ids');

      // Always-null columns (description, lead, deleted_at) are left out: they take their defaults.
      let batch: RowOf<typeof tasks>[] = [];
      for (let index = 0; index < count; index += 1) {
        const accountIndex = accountOfRow(index, count, accounts.count);
        const accountCreatedMs = accounts.createdAtMs[accountIndex] ?? nowMs;
        const dueMs = details.chance(0.05)
          ? nowMs + Math.floor(times.float(0, 8) * HOUR_MS) // due later today
          : nowMs + Math.floor(times.float(-60, 30) * DAY_MS);
        const overdueByNow = dueMs < nowMs;
        const status: TaskStatus = details.weighted<TaskStatus>([
          ['open', overdueByNow ? 40 : 75],
          ['in_progress', 10],
          ['completed', overdueByNow ? 45 : 12],
          ['cancelled', overdueByNow ? 5 : 3],
        ]);
        const createdMs = Math.min(nowMs, Math.max(accountCreatedMs, dueMs - Math.floor(times.float(1, 21) * DAY_MS)));
        const completedMs =
          status === 'completed'
            ? Math.min(nowMs, Math.max(createdMs, dueMs - Math.floor(times.float(-2, 3) * DAY_MS)))
            : null;
        const reminderMs = details.chance(0.33) ? dueMs - DAY_MS : null;
        const pending = status === 'open' || status === 'in_progress';
        const createdAt = new Date(createdMs);
        const ownerId = accounts.ownerIds[accountIndex] as string;
        batch.push({
          id: ids.uuidV7(createdAt),
          title: details.pick(taskTitles),
          type: details.weighted<TaskType>([
            ['follow_up', 45],
            ['general', 30],
            ['reminder', 15],
            ['deadline', 10],
          ]),
          priority: details.weighted<TaskPriority>([
            ['low', 20],
            ['medium', 50],
            ['high', 25],
            ['urgent', 5],
          ]),
          status,
          dueAt: new Date(dueMs),
          reminderAt: reminderMs === null ? null : new Date(reminderMs),
          remindedAt:
            reminderMs !== null && (reminderMs <= nowMs || !pending) ? new Date(Math.min(reminderMs, nowMs)) : null,
          assigneeId: ownerId,
          createdById: ownerId,
          completedAt: completedMs === null ? null : new Date(completedMs),
          ...pickLinks(links, accountIndex),
          createdAt,
          updatedAt: new Date(completedMs ?? createdMs),
          version: status === 'open' ? 1 : 2,
        });
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return { count } satisfies TasksOutput;
    },
  });
}
