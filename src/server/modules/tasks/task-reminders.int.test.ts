import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { jobs, notifications } from '../../db/schema/index.js';
import { createJobWorker, enqueueJob, scheduleRecurringJobs } from '../../jobs/queue.js';
import { taskRemindersJob } from '../../jobs/task-reminders.job.js';

let t: TestApp;
let rep: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser({ name: 'Reminded Rep' });
});
afterAll(async () => {
  await t.close();
});

const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function createTask(payload: Record<string, unknown>) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/tasks',
    as: t.admin,
    payload: { assigneeId: rep.id, ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const patch = (id: string, payload: Record<string, unknown>) =>
  t.request({ method: 'PATCH', url: `/api/v1/tasks/${id}`, as: t.admin, payload });
/**
 * Queues a run of the job now and lets a worker run everything due, as the server's worker would. Each run
 * also queues the next minute's occurrence, which is due too when the test crosses a minute: hence "at least".
 */
async function runReminderJob() {
  await enqueueJob(t.deps.database.db, taskRemindersJob, {});
  expect(await createJobWorker(t.deps, [taskRemindersJob]).runDueJobs()).toBeGreaterThanOrEqual(1);
}
const remindersOf = (taskId: string) =>
  t.deps.database.db.select().from(notifications).where(eq(notifications.entityId, taskId));

describe('task reminders', () => {
  it('raise one notification for a due reminder, however often the job runs, and none for a future one', async () => {
    const dueAt = '2099-05-04T14:30:00.000Z';
    const due = await createTask({ title: 'Renew contract', reminderAt: at(-MINUTE), dueAt });
    const future = await createTask({ title: 'Later', reminderAt: at(60 * MINUTE) });
    const completed = await createTask({ title: 'Done', reminderAt: at(-MINUTE), status: 'completed' });
    const deleted = await createTask({ title: 'Gone', reminderAt: at(-MINUTE) });
    await t.request({ method: 'DELETE', url: `/api/v1/tasks/${deleted.id}`, as: t.admin });

    await runReminderJob();
    await runReminderJob();

    const raised = await remindersOf(due.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      userId: rep.id,
      kind: 'task_reminder',
      title: 'Reminder: Renew contract',
      body: 'Due Mon, 4 May 2099, 14:30 (UTC)',
      entity: 'tasks',
      entityId: due.id,
      readAt: null,
    });
    for (const task of [future, completed, deleted]) expect(await remindersOf(task.id)).toHaveLength(0);
    // Raising a reminder is not a change of the task: nobody's If-Match goes stale.
    const after = await t.request({ method: 'GET', url: `/api/v1/tasks/${due.id}`, as: t.admin });
    expect(after.json().version).toBe(1);

    const inbox = (await t.request({ method: 'GET', url: '/api/v1/notifications', as: rep })).json();
    expect(inbox.data.map((notification: { entityId: string }) => notification.entityId)).toContain(due.id);
  });

  it('queue a run of the job for the reminder’s own time, so it goes out on the minute', async () => {
    const runsAt = async (instant: string) =>
      (
        await t.deps.database.db
          .select()
          .from(jobs)
          .where(eq(jobs.singletonKey, `task-reminders:at:${instant}`))
      ).map((job) => job.runAt.toISOString());
    const reminderAt = new Date(Math.ceil((Date.now() + 10 * MINUTE) / 1000) * 1000).toISOString();
    const task = await createTask({ title: 'On the dot', reminderAt });
    expect(await runsAt(reminderAt)).toEqual([reminderAt]);

    const moved = new Date(Date.parse(reminderAt) + 7 * MINUTE + 30_000).toISOString();
    expect((await patch(task.id, { reminderAt: moved })).statusCode).toBe(200);
    expect(await runsAt(moved)).toEqual([moved]);
    // A second task at the same instant shares the run.
    await createTask({ title: 'Same minute', reminderAt: moved });
    expect(await runsAt(moved)).toHaveLength(1);
    // A reminder already past is caught by the every-minute run; none is queued for it.
    const past = at(-MINUTE);
    await createTask({ title: 'Late', reminderAt: past });
    expect(await runsAt(new Date(past).toISOString())).toEqual([]);
  });

  it('raise each reminder once when two runs race', async () => {
    const tasks = await Promise.all(
      Array.from({ length: 5 }, (_, index) => createTask({ title: `Race ${index}`, reminderAt: at(-MINUTE) })),
    );
    await Promise.all([taskRemindersJob.handle(t.deps, {}), taskRemindersJob.handle(t.deps, {})]);
    for (const task of tasks) expect(await remindersOf(task.id)).toHaveLength(1);
  });

  it('re-arm when reminderAt changes, and only then', async () => {
    const task = await createTask({ title: 'Re-arm me', reminderAt: at(-2 * MINUTE) });
    await runReminderJob();
    expect(await remindersOf(task.id)).toHaveLength(1);

    expect((await patch(task.id, { title: 'Re-arm me, renamed' })).statusCode).toBe(200);
    expect((await patch(task.id, { reminderAt: task.reminderAt })).statusCode).toBe(200);
    await runReminderJob();
    expect(await remindersOf(task.id)).toHaveLength(1);

    expect((await patch(task.id, { reminderAt: at(-MINUTE) })).statusCode).toBe(200);
    await runReminderJob();
    const raised = await remindersOf(task.id);
    expect(raised).toHaveLength(2);
    expect(raised.map((notification) => notification.title)).toContain('Reminder: Re-arm me, renamed');

    // A future reminder moved into the past fires at the next run.
    const later = await createTask({ title: 'Moved earlier', reminderAt: at(60 * MINUTE) });
    await runReminderJob();
    expect(await remindersOf(later.id)).toHaveLength(0);
    await patch(later.id, { reminderAt: at(-MINUTE) });
    await runReminderJob();
    expect(await remindersOf(later.id)).toHaveLength(1);
  });

  it('recur every minute, one job per minute', async () => {
    await t.deps.database.db.delete(jobs).where(eq(jobs.name, taskRemindersJob.name));
    const now = new Date('2026-11-24T10:15:30Z');
    await scheduleRecurringJobs(t.deps.database.db, [taskRemindersJob], now);
    await scheduleRecurringJobs(t.deps.database.db, [taskRemindersJob], now);
    const queued = await t.deps.database.db.select().from(jobs).where(eq(jobs.name, taskRemindersJob.name));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ singletonKey: 'task-reminders:2026-11-24T10:16', status: 'queued' });
    expect(queued[0]?.runAt.toISOString()).toBe('2026-11-24T10:16:00.000Z');
  });
});
