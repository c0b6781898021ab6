import type { Page } from '@playwright/test';
import { type Api, unique } from './api.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * A field rep's day in the browser: visits checked into and out of where the phone says it is (Playwright's
 * geolocation emulation), completed with what came of them, and activities and tasks opened, edited,
 * rescheduled, cancelled and deleted with Undo. Every outcome is checked through the API.
 */

const lyon = { latitude: 45.764, longitude: 4.8357 };
/** About 6 km north-east of the account: well beyond the default 500 m visit radius. */
const elsewhere = { latitude: 45.81, longitude: 4.9 };

test.use({ geolocation: { ...lyon, accuracy: 12 }, permissions: ['geolocation'] });

async function accountInLyon(api: Api, tag: string) {
  return api.post('/accounts', {
    name: `Rhône Tools ${tag}`,
    type: 'customer',
    address: { city: 'Lyon', country: 'France' },
    location: { lat: lyon.latitude, lng: lyon.longitude },
  });
}

/** The notice that says `text`, for its Undo. */
const notice = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });

test('a visit on a phone: planned, checked in near the account, out far from it, completed with a follow-up', async ({
  page,
  context,
  api,
}) => {
  const tag = unique();
  const account = await accountInLyon(api, tag);
  const subject = `Site visit ${tag}`;
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page);

  // Plan the visit as a rep does: New activity, the account, then a visit.
  await page.goto('/activities');
  await page.getByRole('button', { name: 'New activity' }).click();
  await page.getByRole('dialog', { name: 'New activity: for which account?' }).getByRole('combobox').fill(account.name);
  await page.getByRole('option', { name: account.name, exact: true }).click();
  const form = page.getByRole('dialog', { name: `New activity · ${account.name}` });
  await form.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Visit', exact: true }).click();
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await form.getByRole('button', { name: 'Save activity' }).click();
  await expect(form).toBeHidden();
  const [visit] = (await api.get(`/activities?accountId=${account.id}`)).data;
  expect(visit).toMatchObject({ type: 'visit', status: 'planned', subject });

  // Check in at the account: the time, the distance, and no warning.
  await page.goto(`/activities?accountId=${account.id}`);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Check in' }).click();
  const checkIn = page.getByRole('dialog', { name: `Check in · ${subject}` });
  await expect(checkIn.getByTestId('visit-step-result')).toHaveText(/^Checked in at \d\d:\d\d$/);
  await expect(checkIn.getByText(/^0 m from the account, measured to ±12 m\.$/)).toBeVisible();
  await expect(checkIn.getByText('Far from the account')).toHaveCount(0);
  await expectAccessible(page);
  await checkIn.getByRole('button', { name: 'Done' }).click();
  const checkedIn = await api.get(`/activities/${visit.id}`);
  expect(checkedIn.checkIn.distanceMeters).toBeLessThan(5);
  expect(checkedIn.checkIn.accuracy).toBe(12);
  expect(checkedIn.farFromAccount).toBe(false);
  // The list says it too: checked in, how far.
  await expect(page.getByText(/^In \d\d:\d\d · 0 m$/)).toBeVisible();

  // Check out six kilometres away: a clear warning, then the way to complete the visit.
  await context.setGeolocation({ ...elsewhere, accuracy: 30 });
  await page.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Check in' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Check out' }).click();
  const checkOut = page.getByRole('dialog', { name: `Check out · ${subject}` });
  await expect(checkOut.getByTestId('visit-step-result')).toHaveText(/^Checked out at \d\d:\d\d$/);
  await expect(checkOut.getByRole('alert').filter({ hasText: 'Far from the account' })).toContainText(
    /You were [\d.]+ km away, beyond the 500 m visit radius/,
  );
  await checkOut.getByRole('button', { name: 'Complete the visit' }).click();

  // Completing asks what came of it; the next steps become the follow-up task.
  const complete = page.getByRole('dialog', { name: `Complete · ${subject}` });
  await expect(complete.getByText(/^Checked out at \d\d:\d\d · [\d.]+ km from the account/)).toBeVisible();
  await complete.getByRole('button', { name: 'Complete' }).click();
  await expect(complete.getByText(/too small|required|at least/i)).toBeVisible();
  await complete.getByRole('textbox', { name: 'Outcome' }).fill('Ordered 12 pallets of spare parts');
  await complete.getByRole('textbox', { name: 'Next steps' }).fill('Send the delivery schedule');
  await complete.getByRole('checkbox', { name: 'Create a follow-up task from the next steps' }).check();
  await expect(complete.getByRole('textbox', { name: 'Task title' })).toHaveValue('Send the delivery schedule');
  await complete.getByRole('combobox', { name: 'Task priority' }).click();
  await page.getByRole('option', { name: 'High', exact: true }).click();
  await complete.getByRole('button', { name: 'Complete' }).click();
  await expect(complete).toBeHidden();
  await expect(notice(page, `Completed: ${subject}. Follow-up task created.`)).toBeVisible();

  const done = await api.get(`/activities/${visit.id}`);
  expect(done).toMatchObject({
    status: 'completed',
    outcome: 'Ordered 12 pallets of spare parts',
    nextSteps: 'Send the delivery schedule',
    farFromAccount: true,
  });
  expect(done.checkOut.distanceMeters).toBeGreaterThan(5000);
  const followUps = (await api.get(`/tasks?accountId=${account.id}`)).data;
  expect(followUps).toHaveLength(1);
  expect(followUps[0]).toMatchObject({
    title: 'Send the delivery schedule',
    type: 'follow_up',
    priority: 'high',
    status: 'open',
  });
  // The completed visit offers no check-in or out, only to be opened.
  await page.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: /Check (in|out)/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Open', exact: true })).toBeVisible();
});

test('check in from the account timeline far from the account; a blocked location is said', async ({
  page,
  context,
  api,
}) => {
  const tag = unique();
  const account = await accountInLyon(api, tag);
  const plan = (subject: string) =>
    api.post('/activities', {
      type: 'visit',
      subject,
      accountId: account.id,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  const far = await plan(`Quarterly visit ${tag}`);
  const blocked = await plan(`Stock check ${tag}`);
  await context.setGeolocation({ ...elsewhere, accuracy: 20 });
  await signIn(page);
  await page.goto(`/accounts/${account.id}`);

  await page.getByRole('button', { name: `Check in to ${far.subject}` }).click();
  const dialog = page.getByRole('dialog', { name: `Check in · ${far.subject}` });
  await expect(dialog.getByRole('alert').filter({ hasText: 'Far from the account' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  // The timeline entry now shows where the rep was, flagged, and offers the check-out.
  await expect(page.getByTestId('visit-stamps').filter({ hasText: 'Far from the account' })).toContainText(
    /Checked in at \d\d:\d\d · [\d.]+ km from the account/,
  );
  await expect(page.getByRole('button', { name: `Check out of ${far.subject}` })).toBeVisible();
  expect((await api.get(`/activities/${far.id}`)).farFromAccount).toBe(true);

  // Location refused: said in words, nothing sent.
  await context.clearPermissions();
  await page.getByRole('button', { name: `Check in to ${blocked.subject}` }).click();
  const refused = page.getByRole('dialog', { name: `Check in · ${blocked.subject}` });
  await expect(refused.getByRole('alert')).toContainText('Not checked in');
  await expect(refused.getByRole('alert')).toContainText(/Location access is blocked|not available|took too long/);
  await expect(refused.getByRole('button', { name: 'Try again' })).toBeVisible();
  await refused.getByRole('button', { name: 'Close', exact: true }).click();
  expect((await api.get(`/activities/${blocked.id}`)).checkIn).toBeNull();

  // The title of the entry opens the visit, with its check-in shown.
  await page.getByRole('button', { name: far.subject, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit visit · ${far.subject}` });
  await expect(edit.getByTestId('visit-stamps')).toContainText('Checked in at');
  await expectAccessible(page);
});

test('an activity: opened from its subject, edited, rescheduled, cancelled and deleted with Undo', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await accountInLyon(api, tag);
  const call = await api.post('/activities', {
    type: 'call',
    subject: `Pricing call ${tag}`,
    accountId: account.id,
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await signIn(page);
  await page.goto(`/activities?accountId=${account.id}`);

  await page.getByRole('button', { name: call.subject, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit call · ${call.subject}` });
  await edit.getByRole('textbox', { name: 'Subject' }).fill(`Pricing call with the buyer ${tag}`);
  await edit.getByRole('button', { name: 'Save activity' }).click();
  await expect(edit).toBeHidden();
  await expect
    .poll(async () => (await api.get(`/activities/${call.id}`)).subject)
    .toBe(`Pricing call with the buyer ${tag}`);

  // A field error of the API lands at its field: the subject cannot be empty.
  await page.getByRole('button', { name: `Pricing call with the buyer ${tag}` }).click();
  const again = page.getByRole('dialog', { name: /^Edit call/ });
  await again.getByRole('textbox', { name: 'Subject' }).fill('');
  await again.getByRole('button', { name: 'Save activity' }).click();
  await expect(again.getByText(/too small|at least|required/i)).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Reschedule…' }).click();
  const reschedule = page.getByRole('dialog', { name: /^Reschedule/ });
  await reschedule.getByLabel('When').fill('2031-05-06T10:30');
  await reschedule.getByRole('button', { name: 'Reschedule' }).click();
  await expect(reschedule).toBeHidden();
  await expect
    .poll(async () => (await api.get(`/activities/${call.id}`)).scheduledAt)
    .toBe(new Date('2031-05-06T10:30').toISOString());

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Cancel activity' }).click();
  await expect.poll(async () => (await api.get(`/activities/${call.id}`)).status).toBe('cancelled');
  await notice(page, 'Cancelled:').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await api.get(`/activities/${call.id}`)).status).toBe('planned');

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: /^Delete activity/ })
    .getByRole('button', { name: 'Delete' })
    .click();
  const deleted = notice(page, 'Deleted activity');
  await expect(deleted).toBeVisible();
  await expect(page.getByText('No activities match these filters')).toBeVisible();
  await expect(api.get(`/activities/${call.id}`)).rejects.toThrow(/404/);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: `Pricing call with the buyer ${tag}` })).toBeVisible();
  expect((await api.get(`/activities/${call.id}`)).status).toBe('planned');
});

test('a task: edited from its title, rescheduled, Undo of Done, completed ones shown, deleted with Undo', async ({
  page,
  api,
}) => {
  const tag = unique();
  const task = await api.post('/tasks', {
    title: `Send the quote ${tag}`,
    dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  const renamed = `Send the revised quote ${tag}`;
  await signIn(page);
  await page.goto('/tasks');

  await page.getByRole('button', { name: task.title, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit task · ${task.title}` });
  await edit.getByRole('textbox', { name: 'Title' }).fill(renamed);
  await edit.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'Urgent', exact: true }).click();
  await edit.getByRole('button', { name: 'Save task' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(async () => (await api.get(`/tasks/${task.id}`)).title).toBe(renamed);
  expect((await api.get(`/tasks/${task.id}`)).priority).toBe('urgent');

  await page.getByRole('button', { name: `Actions for ${renamed}` }).click();
  await page.getByRole('menuitem', { name: 'Reschedule…' }).click();
  const reschedule = page.getByRole('dialog', { name: `Reschedule · ${renamed}` });
  // Typed as the app writes dates; Tab leaves the box (and closes its calendar) as a keyboard user does.
  const due = reschedule.getByRole('textbox', { name: 'Due' });
  await due.fill('6 May 2031, 09:00');
  await due.press('Tab');
  await reschedule.getByRole('button', { name: '+1 day' }).click();
  await expect(due).toHaveValue('7 May 2031, 09:00');
  await reschedule.getByRole('button', { name: 'Reschedule' }).click();
  await expect
    .poll(async () => (await api.get(`/tasks/${task.id}`)).dueAt)
    .toBe(new Date('2031-05-07T09:00').toISOString());

  // Ticked by mistake: Undo puts it back.
  await page.getByRole('checkbox', { name: `Complete ${renamed}` }).click();
  await expect.poll(async () => (await api.get(`/tasks/${task.id}`)).status).toBe('completed');
  await notice(page, `Done: ${renamed}`).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await api.get(`/tasks/${task.id}`)).status).toBe('open');
  await expect(page.getByRole('checkbox', { name: `Complete ${renamed}` })).toBeVisible();

  // Completed tasks can be seen and opened.
  await page.getByRole('checkbox', { name: `Complete ${renamed}` }).click();
  await expect.poll(async () => (await api.get(`/tasks/${task.id}`)).status).toBe('completed');
  await page
    .locator('label')
    .filter({ hasText: /^Completed$/ })
    .click();
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByRole('checkbox', { name: `Reopen ${renamed}` })).toBeChecked();
  await page.getByRole('button', { name: renamed, exact: true }).click();
  await expect(page.getByRole('dialog', { name: `Edit task · ${renamed}` }).getByText(/^Completed \d/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expectAccessible(page);

  // Deleted, then back with Undo.
  await page.getByRole('button', { name: `Actions for ${renamed}` }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: `Delete task ${renamed}?` })
    .getByRole('button', { name: 'Delete' })
    .click();
  const deleted = notice(page, `Deleted task ${renamed}`);
  await expect(deleted).toBeVisible();
  await expect(api.get(`/tasks/${task.id}`)).rejects.toThrow(/404/);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: renamed, exact: true })).toBeVisible();
  expect((await api.get(`/tasks/${task.id}`)).status).toBe('completed');
});
