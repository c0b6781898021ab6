import { apiAs, isoDate, isoTime, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * A rep leaves: the admin hands what they hold to a colleague from the Users page, after seeing how much of
 * each kind would move; the records' owners and the colleague's notifications are read back through the API.
 */

test("an admin hands a leaving rep's records to a colleague", async ({ page, api }) => {
  const tag = unique();
  const password = 'hand-over password 123';
  const leaving = await api.post('/users', {
    name: `Lena Leaving ${tag}`,
    email: `lena-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const colleague = await api.post('/users', {
    name: `Colin Colleague ${tag}`,
    email: `colin-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const account = await api.post('/accounts', { name: `Harbour Tools ${tag}`, ownerId: leaving.id });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Hugo',
    lastName: `Harbour ${tag}`,
    ownerId: leaving.id,
  });
  const deal = await api.post('/opportunities', {
    name: `Harbour forklifts ${tag}`,
    accountId: account.id,
    stage: 'proposal',
    amount: 24_000,
    currency: 'USD',
    closeDate: isoDate(30),
    ownerId: leaving.id,
  });
  const task = await api.post('/tasks', {
    title: `Send Harbour the price list ${tag}`,
    dueAt: isoTime(2),
    accountId: account.id,
    assigneeId: leaving.id,
  });

  await signIn(page, undefined, undefined, `/users?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(leaving.name) });
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Hand over records…' }).click();

  const dialog = page.getByRole('dialog', { name: `Hand over ${leaving.name}'s records` });
  const status = dialog.getByTestId('hand-over-status');
  const handOver = dialog.getByRole('button', { name: /^Hand over/ });
  // Nothing is counted, and nothing can be sent, before someone is chosen to take them over.
  await expect(status).toHaveText('Choose who takes them over.');
  await expect(handOver).toBeDisabled();
  await expect(dialog.getByRole('checkbox')).toHaveCount(6);

  await dialog.getByRole('combobox', { name: 'Who takes them over' }).fill(colleague.name);
  await page.getByRole('option', { name: colleague.name }).click();
  const items = dialog.getByRole('listitem');
  const expected = {
    Accounts: '1 account',
    Contacts: '1 contact',
    'Open leads': '0 leads',
    'Open deals': '1 deal',
    'Open tasks': '1 task',
    'Planned activities': '0 activities',
  };
  for (const [label, shown] of Object.entries(expected)) {
    await expect(items.filter({ has: page.getByRole('checkbox', { name: label }) })).toContainText(shown);
  }
  // The count is what screen readers hear with its checkbox, too.
  await expect(dialog.getByRole('checkbox', { name: 'Accounts' })).toHaveAccessibleDescription('1 account');
  await expect(status).toHaveText('4 records would move.');
  await expect(handOver).toHaveText('Hand over 4 records');
  // Unticking a kind leaves it out of the total (and asks nothing of the server).
  await dialog.getByRole('checkbox', { name: 'Open tasks' }).uncheck();
  await expect(handOver).toHaveText('Hand over 3 records');
  await dialog.getByRole('checkbox', { name: 'Open tasks' }).check();
  await expect(handOver).toHaveText('Hand over 4 records');
  await expectAccessible(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/hand-over-1280.png' });
  // On a phone the dialog takes the whole screen, and nothing is wider than it.
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalScroll(page);
  await expect(handOver).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/hand-over-375.png' });

  await handOver.click();
  await expect(page.getByText(`Handed 4 records to ${colleague.name}`)).toBeVisible();
  await expect(dialog).toHaveCount(0);

  expect((await api.get(`/accounts/${account.id}`)).ownerId).toBe(colleague.id);
  expect((await api.get(`/contacts/${contact.id}`)).ownerId).toBe(colleague.id);
  expect((await api.get(`/opportunities/${deal.id}`)).ownerId).toBe(colleague.id);
  expect((await api.get(`/tasks/${task.id}`)).assigneeId).toBe(colleague.id);
  const inbox = await (await apiAs(e2eOrigin, colleague.email, password)).get('/notifications');
  expect(inbox.data).toContainEqual(
    expect.objectContaining({
      kind: 'records_handed_over',
      title: `${leaving.name}'s records are now yours`,
      body: 'You were handed 1 account, 1 contact, 1 deal and 1 open task (by Administrator).',
    }),
  );
});

test("an admin hands a leaving manager's territory and team to another manager", async ({ page, api }) => {
  const tag = unique();
  const password = 'hand-over password 123';
  const user = (name: string, role: string, extra: object = {}) =>
    api.post('/users', { name: `${name} ${tag}`, email: `${unique()}@example.com`, password, role, ...extra });
  const leaving = await user('Mona Manager', 'manager');
  const successor = await user('Sid Successor', 'manager');
  const territory = await api.post('/territories', { name: `Lakes ${tag}`, managerId: leaving.id });
  const rep = await user('Remy Rep', 'rep', { managerId: leaving.id, territoryIds: [territory.id] });

  await signIn(page, undefined, undefined, `/users?q=${encodeURIComponent(tag)}`);
  // By e-mail: the rep's row names the manager too.
  const row = page.getByRole('row', { name: new RegExp(leaving.email) });
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Hand over records…' }).click();
  const dialog = page.getByRole('dialog', { name: `Hand over ${leaving.name}'s records` });
  await dialog.getByRole('combobox', { name: 'Who takes them over' }).fill(successor.name);
  await page.getByRole('option', { name: successor.name }).click();
  await expect(dialog.getByTestId('hand-over-status')).toHaveText('Nothing of what is checked would move.');

  const teamSwitch = dialog.getByRole('switch', { name: 'Also their territories and team' });
  await teamSwitch.check();
  await expect(dialog.getByTestId('hand-over-status')).toHaveText(
    '1 territory and 1 person reporting to them would move.',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: /^Hand over/ }).click();
  await expect(page.getByText(`Handed 1 territory and 1 person reporting to them to ${successor.name}`)).toBeVisible();

  expect((await api.get(`/territories/${territory.id}`)).managerId).toBe(successor.id);
  expect((await api.get(`/users/${rep.id}`)).managerId).toBe(successor.id);
});
