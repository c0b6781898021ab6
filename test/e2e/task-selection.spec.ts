import dayjs from 'dayjs';
import { type Api, unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Selecting tasks on the tasks page and acting on them all (features/tasks/TaskSelection): a manager gives
 * a rep's tasks to a colleague (one of another team's is refused), moves a batch to another day, completes
 * two (one repeating) and undoes it, and deletes two with Undo. Checked through the API.
 */

const password = 'the password of the task desk';

/**
 * A manager (Mona) with two reps (Rob, Colin), and Nora of another team. Rob has four open tasks: one at
 * 10:15, one at 14:30 with a reminder an hour before, one without a due time and a weekly one. Nora has one
 * about Rob's account: Mona sees it through the account, but may not change it.
 */
async function seedTaskDesk(api: Api) {
  const tag = unique();
  const user = (name: string, role: string, extra: object = {}) =>
    api.post('/users', {
      name: `${name} ${tag}`,
      email: `${name.toLowerCase()}-tasks-${tag}@example.com`,
      password,
      role,
      ...extra,
    });
  const mona = await user('Mona', 'manager');
  const rob = await user('Rob', 'rep', { managerId: mona.id });
  const colin = await user('Colin', 'rep', { managerId: mona.id });
  const nora = await user('Nora', 'rep');
  const account = await api.post('/accounts', { name: `Rob Traders ${tag}`, ownerId: rob.id });
  const day = (days: number, time: string) => dayjs(`${dayjs().add(days, 'day').format('YYYY-MM-DD')}T${time}`);
  const task = (title: string, fields: object) =>
    api.post('/tasks', { title: `${title} ${tag}`, assigneeId: rob.id, ...fields });
  const tasks = {
    alpha: await task('Call Alpha', { dueAt: day(2, '10:15').toISOString() }),
    bravo: await task('Call Bravo', {
      dueAt: day(3, '14:30').toISOString(),
      reminderAt: day(3, '13:30').toISOString(),
    }),
    charlie: await task('Call Charlie', {}),
    delta: await task('Count Delta stock', {
      dueAt: day(1, '09:00').toISOString(),
      recurrence: { every: 1, unit: 'week', until: null },
    }),
    nora: await task('Nora visits Rob Traders', {
      assigneeId: nora.id,
      accountId: account.id,
      dueAt: day(4, '11:00').toISOString(),
    }),
  };
  return { tag, mona, rob, colin, nora, tasks };
}

test('select tasks: assign them, reschedule, complete with Undo and delete with Undo', async ({ page, api }) => {
  const { tag, mona, rob, colin, nora, tasks } = await seedTaskDesk(api);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, mona.email, password, '/tasks?assigneeId=all');
  const box = (title: string) => page.getByRole('checkbox', { name: `Select ${title} ${tag}` });
  const row = (title: string) => page.getByTestId('task-row').filter({ hasText: `${title} ${tag}` });
  const all = page.getByRole('checkbox', { name: 'Select all 5 tasks shown' });
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await expect(page.getByText('5 open tasks', { exact: true })).toBeVisible();
  await expect(bar).toBeHidden();

  // The select box stands beside the card, apart from its Complete box, and shows on hover.
  const alphaBox = page.locator('.task-select-box').filter({ has: box('Call Alpha') });
  await page.mouse.move(0, 0);
  await expect(alphaBox).toHaveCSS('opacity', '0');
  await row('Call Alpha').hover();
  await expect(alphaBox).toHaveCSS('opacity', '1');
  await expect(row('Call Alpha').getByRole('checkbox', { name: `Complete Call Alpha ${tag}` })).not.toBeChecked();

  // By the mouse, and by Tab and Space.
  await box('Call Alpha').check();
  await expect(bar).toContainText('1 selected');
  await box('Call Alpha').focus();
  await page.keyboard.press('Tab');
  await expect(row('Call Alpha').getByRole('checkbox', { name: `Complete Call Alpha ${tag}` })).toBeFocused();
  await box('Call Bravo').focus();
  await page.keyboard.press('Space');
  await expect(box('Call Bravo')).toBeChecked();
  await box('Nora visits Rob Traders').check();
  await expect(bar).toContainText('3 selected');
  await expect(all).toHaveJSProperty('indeterminate', true);
  // Nothing was completed by selecting.
  expect((await api.get(`/tasks/${tasks.alpha.id}`)).status).toBe('open');

  // Assign to…: two go to Colin; Nora's is refused with its reason and stays selected.
  await bar.getByRole('button', { name: 'Assign to…' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign 3 tasks' });
  await assign.getByRole('combobox', { name: 'New assignee' }).click();
  await page.getByRole('option', { name: `Colin ${tag}` }).click();
  await assign.getByRole('button', { name: 'Assign 3 tasks' }).click();
  await expect(page.getByText(`2 of 3 tasks assigned to Colin ${tag}; 1 could not be changed`)).toBeVisible();
  await expect(
    page.getByText("Only the task's assignee, its creator, their managers and admins may change it."),
  ).toBeVisible();
  await expect(assign).toBeHidden();
  await expect(bar).toContainText('1 selected');
  await expect(box('Nora visits Rob Traders')).toBeChecked();
  await expect(box('Call Alpha')).not.toBeChecked();
  await expect(row('Call Alpha')).toContainText(`Colin ${tag}`);
  expect((await api.get(`/tasks/${tasks.alpha.id}`)).assigneeId).toBe(colin.id);
  expect((await api.get(`/tasks/${tasks.bravo.id}`)).assigneeId).toBe(colin.id);
  expect((await api.get(`/tasks/${tasks.nora.id}`)).assigneeId).toBe(nora.id);
  // The bar and the selected rows pass axe (the titled notices first dismissed: Mantine's gray text, not ours).
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await dismiss.click();
  await expect(page.getByRole('button', { name: 'Dismiss notification' })).toHaveCount(0);
  await expectAccessible(page);

  // Escape, with the focus on a row's box, clears the selection; the focus goes to the select-all box.
  await box('Nora visits Rob Traders').focus();
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(all).toBeFocused();
  await expect(box('Nora visits Rob Traders')).not.toBeChecked();

  // Reschedule…: each keeps its time of day (9:00 for the one without), and Bravo's reminder an hour before.
  for (const title of ['Call Alpha', 'Call Bravo', 'Call Charlie']) await box(title).check();
  await bar.getByRole('button', { name: 'Reschedule…' }).click();
  const reschedule = page.getByRole('dialog', { name: 'Reschedule 3 tasks' });
  await expect(reschedule).toContainText('Each keeps its time of day; one without a due time will be due at 09:00.');
  const target = dayjs().add(6, 'day');
  await reschedule.getByRole('textbox', { name: 'New due date' }).fill(target.format('D MMM YYYY'));
  await reschedule.getByRole('textbox', { name: 'New due date' }).press('Tab');
  await reschedule.getByRole('button', { name: 'Reschedule 3 tasks' }).click();
  const day = target.format(target.year() === dayjs().year() ? 'ddd D MMM' : 'ddd D MMM YYYY');
  await expect(page.getByText(`3 tasks rescheduled to ${day}.`)).toBeVisible();
  await expect(reschedule).toBeHidden();
  await expect(bar).toBeHidden();
  const on = (time: string) => dayjs(`${target.format('YYYY-MM-DD')}T${time}`).toISOString();
  expect((await api.get(`/tasks/${tasks.alpha.id}`)).dueAt).toBe(on('10:15'));
  const bravo = await api.get(`/tasks/${tasks.bravo.id}`);
  expect([bravo.dueAt, bravo.reminderAt]).toEqual([on('14:30'), on('13:30')]);
  expect((await api.get(`/tasks/${tasks.charlie.id}`)).dueAt).toBe(on('09:00'));
  await expect(row('Call Alpha').getByText(/^due in 6 days$/)).toBeVisible();

  // Mark complete: the weekly one goes on to its next; Undo reopens both and leaves that next one.
  await box('Call Alpha').check();
  await box('Count Delta stock').check();
  await bar.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByText('2 tasks completed. 1 repeats: its next one is on the list.')).toBeVisible();
  const delta = await api.get(`/tasks/${tasks.delta.id}`);
  expect(delta.status).toBe('completed');
  expect(delta.nextTaskId).toEqual(expect.any(String));
  expect((await api.get(`/tasks/${tasks.alpha.id}`)).status).toBe('completed');
  await expect(row('Call Alpha')).toHaveCount(0);
  await expect(bar).toBeHidden();
  // The next one of the series is on the list, a week on.
  await expect(row('Count Delta stock')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('2 tasks reopened. The next one of the repeating task stays on the list.')).toBeVisible();
  expect((await api.get(`/tasks/${tasks.alpha.id}`)).status).toBe('open');
  expect((await api.get(`/tasks/${tasks.delta.id}`)).status).toBe('open');
  await expect(row('Call Alpha')).toHaveCount(1);
  await expect(row('Count Delta stock')).toHaveCount(2);

  // Delete: asked first; Undo restores each.
  await box('Call Alpha').check();
  await box('Call Charlie').check();
  await bar.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 tasks?' });
  await expect(confirm).toContainText('You can undo right after');
  await confirm.getByRole('button', { name: 'Delete 2 tasks' }).click();
  await expect(page.getByText('Deleted 2 tasks.')).toBeVisible();
  await expect(bar).toBeHidden();
  await expect(row('Call Alpha')).toHaveCount(0);
  await expect(row('Call Charlie')).toHaveCount(0);
  for (const task of [tasks.alpha, tasks.charlie]) {
    await expect(api.get(`/tasks/${task.id}`)).rejects.toThrow(/: 404 /);
  }
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('2 tasks are back.')).toBeVisible();
  await expect(row('Call Alpha')).toHaveCount(1);
  await expect(row('Call Charlie')).toHaveCount(1);
  expect((await api.get(`/tasks/${tasks.charlie.id}`)).assigneeId).toBe(rob.id);
});

test('at phone width: select all shown, the bar fits and folds its other actions into a menu', async ({
  page,
  api,
}) => {
  const { tag, mona, tasks } = await seedTaskDesk(api);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, mona.email, password, '/tasks?assigneeId=all');
  const all = page.getByRole('checkbox', { name: 'Select all 5 tasks shown' });
  await expect(all).toBeVisible();
  await all.check();
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await expect(bar).toContainText('5 selected');
  await expect(page.getByRole('checkbox', { name: `Select Call Alpha ${tag}` })).toBeChecked();
  for (const name of ['Assign to…', 'Clear selection', 'More actions for the selected tasks']) {
    await expect(bar.getByRole('button', { name })).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  await page.getByRole('checkbox', { name: `Select Nora visits Rob Traders ${tag}` }).uncheck();
  await expect(bar).toContainText('4 selected');
  await bar.getByRole('button', { name: 'More actions for the selected tasks' }).click();
  for (const name of ['Reschedule…', 'Mark complete', 'Delete']) {
    await expect(page.getByRole('menuitem', { name })).toBeVisible();
  }
  await page.getByRole('menuitem', { name: 'Reschedule…' }).click();
  const reschedule = page.getByRole('dialog', { name: 'Reschedule 4 tasks' });
  await reschedule.getByRole('button', { name: 'Tomorrow' }).click();
  await reschedule.getByRole('button', { name: 'Reschedule 4 tasks' }).click();
  await expect(reschedule).toBeHidden();
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');
  await expect
    .poll(async () => dayjs((await api.get(`/tasks/${tasks.bravo.id}`)).dueAt).format('YYYY-MM-DD HH:mm'))
    .toBe(`${tomorrow} 14:30`);
  await expect(bar).toBeHidden();
  await expect(all).not.toBeChecked();
  await expectNoHorizontalScroll(page);
});
