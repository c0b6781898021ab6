import { apiAs, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

const password = 'the password of the field team';

test('a rep sets their time zone and asks for task reminders by e-mail', async ({ page, api }) => {
  const tag = unique();
  const rep = await api.post('/users', {
    name: `Pref ${tag}`,
    email: `pref-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const asRep = await apiAs(e2eOrigin, rep.email, password);

  await signIn(page, rep.email, password);
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'Preferences' }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  const timeZone = dialog.getByRole('combobox', { name: 'Time zone' });
  await expect(timeZone).toBeVisible();
  await expectAccessible(page);

  await timeZone.fill('');
  await timeZone.fill('Europe/Lis');
  await page.getByRole('option', { name: 'Europe/Lisbon' }).click();
  await dialog.getByRole('checkbox', { name: /Task reminders/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Preferences saved')).toBeVisible();
  await expect(dialog).toBeHidden();

  expect(await asRep.get('/users/me/preferences')).toMatchObject({
    timeZone: 'Europe/Lisbon',
    emailNotifications: ['task_reminder'],
  });

  // Opened again, the dialog shows what was saved.
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'Preferences' }).click();
  await expect(timeZone).toHaveValue('Europe/Lisbon');
  await expect(dialog.getByRole('checkbox', { name: /Task reminders/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Approval decisions/ })).not.toBeChecked();
});
