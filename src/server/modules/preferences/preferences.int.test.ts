import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { startSmtpServer } from '../../../../test/helpers/smtp-server.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { createJobWorker } from '../../jobs/queue.js';
import { taskRemindersJob } from '../../jobs/task-reminders.job.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let rep: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({
    MERIDIAN_SMTP_URL: smtp.url,
    MERIDIAN_PUBLIC_URL: 'https://crm.example.com',
    MERIDIAN_MAIL_FROM: 'Meridian <crm@example.com>',
  });
  rep = await t.createUser({ name: 'Rita Patel' });
  colleague = await t.createUser({ name: 'Sam Garcia' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const preferencesOf = (as: TestUser) => t.request({ method: 'GET', url: '/api/v1/users/me/preferences', as });
const changePreferences = (as: TestUser, payload: Record<string, unknown>) =>
  t.request({ method: 'PATCH', url: '/api/v1/users/me/preferences', as, payload });

describe('preferences', () => {
  it('start as UTC with nothing e-mailed, and change field by field for the caller alone', async () => {
    const initial = await preferencesOf(rep);
    expect(initial.statusCode, initial.body).toBe(200);
    expect(initial.json()).toEqual({ timeZone: null, emailNotifications: [], updatedAt: null });

    const changed = await changePreferences(rep, {
      timeZone: 'Europe/Madrid',
      emailNotifications: ['task_reminder', 'email_failed'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      timeZone: 'Europe/Madrid',
      emailNotifications: ['task_reminder', 'email_failed'],
    });

    // A field left out keeps its value.
    const zoneOnly = await changePreferences(rep, { timeZone: 'America/Chicago' });
    expect(zoneOnly.json()).toMatchObject({
      timeZone: 'America/Chicago',
      emailNotifications: ['task_reminder', 'email_failed'],
    });
    expect((await preferencesOf(rep)).json()).toEqual(zoneOnly.json());
    // Someone else's stay their own.
    expect((await preferencesOf(colleague)).json()).toMatchObject({ timeZone: null, emailNotifications: [] });
  });

  it('refuse what is not a preference, with a problem and no change', async () => {
    const before = (await preferencesOf(rep)).json();
    for (const payload of [
      { timeZone: 'Mars/Olympus' },
      { emailNotifications: ['approval_requested'] },
      { emailNotifications: ['task_reminder', 'task_reminder'] },
      { emailNotifications: 'task_reminder' },
      { theme: 'dark' },
    ]) {
      const refused = await changePreferences(rep, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await preferencesOf(rep)).json()).toEqual(before);
    expect((await t.request({ method: 'GET', url: '/api/v1/users/me/preferences' })).statusCode).toBe(401);
  });

  it('e-mail a reminder to whoever asked for it, in their time zone, and only in-app to the others', async () => {
    await changePreferences(rep, { timeZone: 'Europe/Madrid', emailNotifications: ['task_reminder'] });
    const reminderAt = new Date(Date.now() - 60_000).toISOString();
    const task = async (title: string, assigneeId: string) => {
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/tasks',
        as: t.admin,
        payload: { title, assigneeId, reminderAt, dueAt: '2099-05-04T14:30:00.000Z' },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const repTask = await task('Send the price list', rep.id);
    await task('Call back the depot', colleague.id);

    await taskRemindersJob.handle(t.deps, {});
    await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();

    const mails = smtp.received.filter((mail) => mail.headers.subject?.startsWith('Reminder: '));
    expect(mails.map((mail) => mail.headers.subject)).toEqual(['Reminder: Send the price list']);
    const [mail] = mails;
    expect(mail?.headers.to).toContain(rep.email);
    expect(mail?.headers.from).toContain('crm@example.com');
    // 14:30 UTC is 16:30 in Madrid in May; the link opens the task over the tasks page.
    expect(mail?.body).toContain('Due Mon, 4 May 2099, 16:30 (Europe/Madrid)');
    expect(mail?.body).toContain(`https://crm.example.com/tasks?task=${repTask}`);

    // The in-app notification says the same; the colleague, who set nothing, reads UTC.
    const inbox = async (as: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/notifications', as })).json().data[0].body;
    expect(await inbox(rep)).toBe('Due Mon, 4 May 2099, 16:30 (Europe/Madrid)');
    expect(await inbox(colleague)).toBe('Due Mon, 4 May 2099, 14:30 (UTC)');
  });
});
