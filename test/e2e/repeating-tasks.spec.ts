import dayjs from 'dayjs';
import { unique } from './api.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * A repeating task made in the form, seen to repeat on its row, completed there: the notice says when the
 * next one is due and the list shows it a week on. Checked through the API too.
 */

const week = 7 * 24 * 60 * 60 * 1000;

test('a weekly task: set in the form, said on its row, completed into the next one a week on', async ({
  page,
  api,
}) => {
  const tag = unique();
  // A rep of their own: no other spec's tasks on the page, and no time zone set (the server steps in UTC).
  const rep = { email: `wendy-${tag}@example.com`, password: 'the password of wendy rep' };
  await api.post('/users', { name: `Wendy Weekly ${tag}`, email: rep.email, password: rep.password, role: 'rep' });
  const title = `Check the shelf stock ${tag}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, rep.email, rep.password, '/tasks?new=1');

  const form = page.getByRole('dialog', { name: 'New task' });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  // No due date, no repetition: the control waits for one and says so.
  await form.getByRole('button', { name: 'Clear due' }).click();
  const repeat = form.getByRole('combobox', { name: 'Repeat' });
  await expect(repeat).toBeDisabled();
  await expect(form.getByText('Set a due date to repeat')).toBeVisible();
  const due = dayjs().add(3, 'day').hour(9).minute(0).second(0).millisecond(0);
  await form.getByRole('textbox', { name: 'Due' }).fill(due.format('D MMM YYYY, HH:mm'));
  await form.getByRole('textbox', { name: 'Due' }).press('Tab');
  await expect(repeat).toBeEnabled();
  await expect(repeat).toHaveValue('Does not repeat');
  await repeat.click();
  await page.getByRole('option', { name: 'Every week', exact: true }).click();
  await expect(repeat).toHaveValue('Every week');
  // It repeats for ever unless an end is set.
  await expect(form.getByRole('textbox', { name: 'Ends' })).toHaveAttribute('placeholder', 'Never');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(form).toBeHidden();

  const [created] = (await api.get(`/tasks?q=${encodeURIComponent(title)}`)).data;
  expect(created.recurrence).toEqual({ every: 1, unit: 'week', until: null });
  expect(new Date(created.dueAt).getTime()).toBe(due.valueOf());

  // The row says it comes back.
  const rows = page.getByTestId('task-row').filter({ hasText: title });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId('task-repeat')).toHaveText('· Repeats every week');

  // Ticked off, the notice names the next due day, and the next one takes its place in the list.
  await rows.getByRole('checkbox', { name: `Complete ${title}` }).click();
  const nextDue = due.add(1, 'week');
  const day = nextDue.format(nextDue.year() === dayjs().year() ? 'ddd D MMM' : 'ddd D MMM YYYY');
  await expect(
    page.getByText(new RegExp(`^Done: ${title}\\. Next one due ${day} \\(in \\d+ days\\)\\.$`)),
  ).toBeVisible();
  const completed = await api.get(`/tasks/${created.id}`);
  expect(completed.status).toBe('completed');
  expect(completed.nextTaskId).toEqual(expect.any(String));
  const next = await api.get(`/tasks/${completed.nextTaskId}`);
  expect(next).toMatchObject({ title, status: 'open', recurrence: created.recurrence, nextTaskId: null });
  expect(new Date(next.dueAt).getTime() - new Date(created.dueAt).getTime()).toBe(week);
  await expect(rows).toHaveCount(1);
  const nextRow = rows.first();
  await expect(nextRow.getByRole('checkbox', { name: `Complete ${title}` })).not.toBeChecked();
  await expect(nextRow.getByText(/^due in \d+ days$/)).toHaveAttribute('title', nextDue.format('D MMM YYYY, HH:mm'));
  await expect(nextRow.getByTestId('task-repeat')).toHaveText('· Repeats every week');

  // The next one opens with its rule; "Does not repeat" ends the series.
  await nextRow.getByRole('button', { name: title, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit task · ${title}` });
  await expect(edit.getByRole('combobox', { name: 'Repeat' })).toHaveValue('Every week');
  await edit.getByRole('combobox', { name: 'Repeat' }).click();
  await page.getByRole('option', { name: 'Does not repeat' }).click();
  await edit.getByRole('button', { name: 'Save task' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(async () => (await api.get(`/tasks/${next.id}`)).recurrence).toBeNull();
  await expect(nextRow.getByTestId('task-repeat')).toHaveCount(0);
});
