import type { Page } from '@playwright/test';
import { unique } from './api.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * The daily flow the field-work audit walked through: task reminders set and seen, pinned notes on top of
 * a record, the overview's "due today", the activities week, and a reminder in the bell. Every change is
 * checked through the API.
 */

const noHorizontalScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

const minute = 60_000;

test('a task reminder: set with a quick choice, refused after the due time, shown on the task, cleared', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Quarry Works ${tag}`, type: 'customer' });
  const title = `Send the price list ${tag}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, '/tasks?new=1');

  const form = page.getByRole('dialog', { name: 'New task' });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  // The due time opens at 09:00 tomorrow; "1 hour before" writes 08:00 of that day in the Reminder box.
  const reminder = form.getByRole('textbox', { name: 'Reminder' });
  await expect(reminder).toHaveValue('');
  await form.getByRole('button', { name: '1 hour before' }).click();
  await expect(reminder).toHaveValue(/^\d{1,2} \w{3} \d{4}, 08:00$/);
  // A reminder after the due time is refused at the field, as the API would.
  await form.getByRole('textbox', { name: 'Due' }).fill('1 Jan 2030, 09:00');
  await form.getByRole('textbox', { name: 'Due' }).press('Tab');
  // The reminder moved with the due time (still an hour before), so it stays valid.
  await expect(reminder).toHaveValue('1 Jan 2030, 08:00');
  await reminder.fill('1 Jan 2030, 10:00');
  await reminder.press('Tab');
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(form.getByText('Must not be after the due time')).toBeVisible();
  await expect(reminder).toBeFocused();
  // Leave the box (its calendar opened with the focus) and pick a choice that fits.
  await form.getByRole('heading', { name: 'New task' }).click();
  await form.getByRole('button', { name: '1 day before' }).click();
  await expect(reminder).toHaveValue('31 Dec 2029, 09:00');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(form).toBeHidden();

  const [created] = (await api.get(`/tasks?q=${encodeURIComponent(title)}`)).data;
  expect(new Date(created.dueAt).getTime() - new Date(created.reminderAt).getTime()).toBe(24 * 60 * minute);
  // The card says when it will remind.
  const row = page.getByTestId('task-row').filter({ hasText: title });
  await expect(row.getByTestId('task-reminder')).toHaveText('· Reminder 31 Dec 2029, 09:00');

  // The edit dialog shows it, and clears it.
  await row.getByRole('button', { name: title, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit task · ${title}` });
  await expect(edit.getByRole('textbox', { name: 'Reminder' })).toHaveValue('31 Dec 2029, 09:00');
  await edit.getByRole('button', { name: 'Clear reminder' }).click();
  await expect(edit.getByRole('textbox', { name: 'Reminder' })).toHaveValue('');
  await edit.getByRole('button', { name: 'Save task' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(async () => (await api.get(`/tasks/${created.id}`)).reminderAt).toBeNull();
  await expect(row.getByTestId('task-reminder')).toHaveCount(0);

  // A record page's open tasks show the reminder too.
  await api.post('/tasks', {
    title: `Chase the signature ${tag}`,
    accountId: account.id,
    dueAt: '2030-02-01T15:00:00.000Z',
    reminderAt: '2030-02-01T14:00:00.000Z',
  });
  await page.goto(`/accounts/${account.id}`);
  await expect(page.getByTestId('record-related').getByTestId('task-reminder')).toHaveText(/^Reminder 1 Feb 2030, /);

  // On a phone the form and its quick choices fit the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/tasks?new=1');
  await expect(
    page.getByRole('dialog', { name: 'New task' }).getByRole('button', { name: '1 day before' }),
  ).toBeVisible();
  await noHorizontalScroll(page);
});
