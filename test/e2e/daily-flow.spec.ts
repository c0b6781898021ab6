import { unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * The daily flow the field-work audit walked through: task reminders set and seen, pinned notes on top of
 * a record, the overview's "due today", the activities week, and a reminder in the bell. Every change is
 * checked through the API.
 */

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
  await expectNoHorizontalScroll(page);
});

test('pinned notes stand on top of each record page, and are pinned and unpinned there', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Pinewood Depot ${tag}`, type: 'customer' });
  const contact = await api.post('/contacts', { accountId: account.id, firstName: 'Pia', lastName: `Nolan ${tag}` });
  const deal = await api.post('/opportunities', {
    name: `Pallet racks ${tag}`,
    accountId: account.id,
    amount: 5000,
    closeDate: '2030-06-30',
  });
  const lead = await api.post('/leads', {
    firstName: 'Lou',
    lastName: `Pike ${tag}`,
    company: `Pike Farms ${tag}`,
    source: 'referral',
  });
  const pinnedBody = `Gate code 4411 ${tag}`;
  const pinned = await api.post('/notes', { body: pinnedBody, pinned: true, accountId: account.id });
  // Newer notes, which come first by date.
  for (const word of ['Alpha', 'Beta'])
    await api.post('/notes', { body: `${word} note ${tag}`, accountId: account.id });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/accounts/${account.id}`);
  const timeline = page.getByTestId('record-timeline');
  const top = timeline.getByRole('region', { name: 'Pinned notes' });
  await expect(top.getByTestId('pinned-note')).toHaveCount(1);
  await expect(top.getByTestId('pinned-note')).toContainText('Pinned');
  await expect(top.getByText(pinnedBody)).toBeVisible();
  // Above the newer notes, and not a second time among them.
  const pinnedBox = await top.boundingBox();
  const newest = await timeline.getByText(`Beta note ${tag}`).boundingBox();
  expect(pinnedBox && newest && pinnedBox.y + pinnedBox.height <= newest.y).toBe(true);
  await expect(timeline.getByText(pinnedBody)).toHaveCount(1);
  await expectAccessible(page);

  // Pin another from its timeline entry; unpin the first.
  await timeline.getByRole('button', { name: `Pin to the top: Alpha note ${tag}` }).click();
  await expect(top.getByText(`Alpha note ${tag}`)).toBeVisible();
  await top.getByRole('button', { name: `Unpin the note ${pinnedBody}` }).click();
  await expect(top.getByText(pinnedBody)).toHaveCount(0);
  await expect(timeline.getByText(pinnedBody)).toBeVisible();
  await expect.poll(async () => (await api.get(`/notes/${pinned.id}`)).pinned).toBe(false);
  const alpha = (await api.get(`/notes?accountId=${account.id}&pinned=true`)).data;
  expect(alpha.map((note: { body: string }) => note.body)).toEqual([`Alpha note ${tag}`]);

  // A contact's, a deal's and a lead's pinned notes stand on their pages the same way.
  await api.post('/notes', { body: `Prefers calls after 3 ${tag}`, pinned: true, contactId: contact.id });
  await api.post('/notes', { body: `Budget signed off ${tag}`, pinned: true, opportunityId: deal.id });
  for (const [path, body] of [
    [`/contacts/${contact.id}`, `Prefers calls after 3 ${tag}`],
    [`/opportunities/${deal.id}`, `Budget signed off ${tag}`],
  ] as const) {
    await page.goto(path);
    await expect(timeline.getByRole('region', { name: 'Pinned notes' }).getByText(body)).toBeVisible();
  }
  // On a lead, "Pin to the top of the record" in the note form does what it says.
  await page.goto(`/leads/${lead.id}`);
  await timeline.getByRole('button', { name: 'Add note' }).click();
  const noteForm = page.getByRole('dialog', { name: /Add a note/ });
  await noteForm.getByRole('textbox', { name: 'Note' }).fill(`Call before the harvest ${tag}`);
  await noteForm.getByRole('checkbox', { name: 'Pin to the top of the record' }).check();
  await noteForm.getByRole('button', { name: 'Add note' }).click();
  await expect(
    timeline.getByRole('region', { name: 'Pinned notes' }).getByText(`Call before the harvest ${tag}`),
  ).toBeVisible();

  await page.setViewportSize({ width: 375, height: 812 });
  await expect(timeline.getByRole('button', { name: /^Unpin the note Call before the harvest/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('"due today" on the overview opens the open tasks due later today, and nothing else', async ({ page, api }) => {
  const tag = unique();
  const now = Date.now();
  const endOfToday = new Date();
  endOfToday.setHours(23, 59, 0, 0);
  const laterToday = new Date(now + Math.max((endOfToday.getTime() - now) / 2, 30_000)).toISOString();
  const tomorrow = new Date(endOfToday.getTime() + 12 * 60 * minute).toISOString();
  const task = (title: string, dueAt: string) => api.post('/tasks', { title: `${title} ${tag}`, dueAt });
  await task('Later today', laterToday);
  await task('Already late', new Date(now - 5 * minute).toISOString());
  await task('Tomorrow', tomorrow);

  await page.setViewportSize({ width: 1440, height: 900 });
  // The figures are asked for the browser's day (the dashboard's timeZone), as the link below asks for tasks.
  const figures = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/dashboard');
  await signIn(page);
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(new URL((await figures).url()).searchParams.get('timeZone')).toBe(zone);
  const dueToday = page.getByTestId('kpi-overdue-tasks').getByRole('link', { name: /due today$/ });
  const counted = Number((await dueToday.textContent())?.match(/^(\d+) due today$/)?.[1]);
  await expect(dueToday).toHaveAttribute('href', /dueAtFrom=.+&dueAtTo=.+&overdue=false/);
  await expectAccessible(page);
  await dueToday.click();
  await expect(page).toHaveURL(/\/tasks\?assigneeId=all&dueAtFrom=.*overdue=false/);
  await expect(page.getByLabel('Filters in force')).toContainText('Due today');
  await expect(page.getByRole('region', { name: 'Today' }).getByText(`Later today ${tag}`)).toBeVisible();
  // The list holds what the figure counted.
  await expect(page.getByRole('region', { name: 'Today' }).getByTestId('task-row')).toHaveCount(counted);
  await expect(page.getByText(`Already late ${tag}`)).toHaveCount(0);
  await expect(page.getByText(`Tomorrow ${tag}`)).toHaveCount(0);
  // Neither an empty "Overdue" nor an "Upcoming" the link cannot fill.
  await expect(page.getByRole('region', { name: 'Overdue' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Upcoming' })).toHaveCount(0);

  // The tile itself still opens the overdue ones.
  await page.goto('/overview');
  await page
    .getByTestId('kpi-overdue-tasks')
    .getByRole('link', { name: /^Overdue tasks/ })
    .click();
  await expect(page).toHaveURL(/\/tasks\?assigneeId=all&overdue=true$/);
  await expect(page.getByText(`Already late ${tag}`)).toBeVisible();
});

test('the activities week: every entry of a busy week, its status at a glance, and each opens in place', async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  const tag = unique();
  const account = await api.post('/accounts', { name: `Weekly Mills ${tag}`, type: 'customer' });
  // A past week of its own (completed activities cannot be in the future), with more than one page of 200.
  const monday = new Date(2019, 0, 7 + 7 * Math.floor(Math.random() * 100), 0, 0, 0);
  const at = (day: number, hour: number) => new Date(monday.getTime() + (day * 24 + hour) * 60 * minute).toISOString();
  const base = { accountId: account.id, type: 'call', durationMinutes: 15 };
  for (let index = 0; index < 200; index++)
    await api.post('/activities', {
      ...base,
      subject: `Round ${index} ${tag}`,
      scheduledAt: at(index % 5, 8 + (index % 9)),
    });
  await api.post('/activities', {
    ...base,
    type: 'visit',
    subject: `Planned visit ${tag}`,
    scheduledAt: at(5, 10),
  });
  await api.post('/activities', {
    ...base,
    type: 'meeting',
    subject: `Cancelled meeting ${tag}`,
    status: 'cancelled',
    scheduledAt: at(5, 11),
  });
  await api.post('/activities', {
    ...base,
    subject: `Completed call ${tag}`,
    status: 'completed',
    outcome: 'Ordered',
    scheduledAt: at(6, 9),
    completedAt: at(6, 9),
  });

  const week = `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, '0')}-${String(monday.getDate()).padStart(2, '0')}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/activities?view=week&week=${week}`);
  const entries = page.getByTestId('week-entry');
  await expect(entries).toHaveCount(203, { timeout: 20_000 });

  // A cancelled one is struck through and says so; a completed one has its check and says so.
  const cancelled = entries.filter({ hasText: `Cancelled meeting ${tag}` });
  await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
  await expect(cancelled).toContainText(`Cancelled: `);
  await expect(cancelled.getByText(`Cancelled meeting ${tag}`)).toHaveCSS('text-decoration-line', 'line-through');
  const completed = entries.filter({ hasText: `Completed call ${tag}` });
  await expect(completed).toContainText('Completed: ');
  await expect(completed.locator('svg')).toHaveCount(1);
  const planned = entries.filter({ hasText: `Planned visit ${tag}` });
  await expect(planned.locator('svg')).toHaveCount(0);
  await expect(planned.getByText(`Planned visit ${tag}`)).toHaveCSS('text-decoration-line', 'none');

  // An entry opens the activity, not the account, with its check-in and completion at hand.
  await planned.click();
  await expect(page).toHaveURL(/view=week/);
  const dialog = page.getByRole('dialog', { name: `Edit visit · Planned visit ${tag}` });
  await expect(dialog.getByRole('button', { name: 'Check in' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Complete…' }).click();
  const complete = page.getByRole('dialog', { name: `Complete · Planned visit ${tag}` });
  await expect(complete).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(complete).toBeHidden();
  await expectAccessible(page);

  // On a phone the days stack, and the page does not scroll sideways.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(entries.first()).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('a reminder in the bell opens its task', async ({ page, api }) => {
  // The reminder goes out at its own time (a job run is queued for it): wait for it through the API,
  // then use the bell.
  const title = `Confirm the delivery slot ${unique()}`;
  const task = await api.post('/tasks', {
    title,
    dueAt: new Date(Date.now() + 60 * minute).toISOString(),
    reminderAt: new Date(Date.now() + 1000).toISOString(),
  });
  await expect
    .poll(
      async () =>
        (await api.get('/notifications?limit=50')).data.some((item: { entityId: string }) => item.entityId === task.id),
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe(true);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('button', { name: new RegExp(`^Reminder: ${title}`) }).click();
  await expect(page.getByRole('dialog', { name: `Edit task · ${title}` })).toBeVisible();
  // The address is the tasks page again, so Back or a reload does not open it a second time.
  await expect(page).toHaveURL(/\/tasks$/);
});
