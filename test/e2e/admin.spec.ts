import { apiAs, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, signIn, test } from './helpers.js';

/*
 * Users and territories, as an admin manages them in the browser; each change is read back through the API.
 * Everyone else sees the same pages read-only and no Settings entries.
 */

test('an admin creates a territory and a user in it, changes the role, then deactivates them', async ({
  page,
  api,
}) => {
  const tag = unique();
  const territoryName = `North ${tag}`;
  const name = `Nora Quill ${tag}`;
  const email = `nora-${tag}@example.com`;
  await signIn(page);

  // A territory, from the Settings section of the navigation.
  await page.getByRole('link', { name: 'Territories', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Territories' })).toBeVisible();
  await page.getByRole('button', { name: 'New territory' }).click();
  const territoryDialog = page.getByRole('dialog', { name: 'New territory' });
  await territoryDialog.getByRole('button', { name: 'Create territory' }).click();
  await expect(territoryDialog.getByText('Give the territory a name')).toBeVisible();
  await territoryDialog.getByRole('textbox', { name: 'Name' }).fill(territoryName);
  await territoryDialog.getByRole('textbox', { name: 'Region' }).fill('EMEA');
  await territoryDialog.getByRole('button', { name: 'Create territory' }).click();
  await expect(territoryDialog).toHaveCount(0);
  await page.getByPlaceholder('Search territories…').fill(territoryName);
  // The search reaches the URL after a pause; the scan below must see the list it filters, not the old one.
  await expect(page).toHaveURL(/[?&]q=/);
  // The filtered list: the header and this one territory, no longer the whole list dimmed while it loads.
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(territoryName) })).toContainText('0 users');
  const territories = await api.get(`/territories?q=${encodeURIComponent(territoryName)}`);
  expect(territories.data).toHaveLength(1);
  const territory = territories.data[0];
  expect(territory.region).toBe('EMEA');
  // Out of the way: a hovered row's tint is not what the scan should judge.
  await page.mouse.move(0, 0);
  await expectAccessible(page);

  // A user in it, with the password rule checked before anything is sent.
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();
  const userDialog = page.getByRole('dialog', { name: 'New user' });
  await expect(userDialog.getByText('At least 12 characters.', { exact: false })).toBeVisible();
  await userDialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await userDialog.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await userDialog.getByRole('combobox', { name: 'Territories' }).click();
  await page.getByRole('option', { name: `${territoryName} (EMEA)` }).click();
  await userDialog.getByLabel('First password').fill('too-short');
  await userDialog.getByRole('button', { name: 'Create user' }).click();
  await expect(userDialog.getByText('Must be at least 12 characters')).toBeVisible();
  await userDialog.getByLabel('First password').fill('a long enough first password');
  await expectAccessible(page);
  await userDialog.getByRole('button', { name: 'Create user' }).click();
  await expect(userDialog).toHaveCount(0);
  await expect(page.getByText(`${name} can now sign in with the password you set`)).toBeVisible();

  const [created] = (await api.get(`/users?q=${encodeURIComponent(email)}`)).data;
  expect(created).toMatchObject({ name, email, role: 'rep', territoryIds: [territory.id], active: true });
  // The password set in the form is theirs.
  await apiAs(e2eOrigin, email, 'a long enough first password');

  // The same e-mail again: the server's answer lands on the field.
  expectConsoleError(page, /status of 409/);
  await page.getByRole('button', { name: 'New user' }).click();
  await userDialog.getByRole('textbox', { name: 'Name' }).fill(`Someone else ${tag}`);
  await userDialog.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await userDialog.getByLabel('First password').fill('another long password');
  await userDialog.getByRole('button', { name: 'Create user' }).click();
  await expect(userDialog.getByText('Another user already has this e-mail')).toBeVisible();
  await userDialog.getByRole('button', { name: 'Cancel' }).click();

  // Their role, in the edit dialog the row's name opens.
  await page.getByPlaceholder('Search users…').fill(tag);
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(territoryName);
  await expect(row).toContainText('Sales rep');
  await row.getByRole('button', { name }).click();
  const editDialog = page.getByRole('dialog', { name: `Edit ${name}` });
  await editDialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Manager' }).click();
  await editDialog.getByRole('button', { name: 'Save' }).click();
  await expect(editDialog).toHaveCount(0);
  await expect(row).toContainText('Manager');
  expect(await api.get(`/users/${created.id}`)).toMatchObject({ role: 'manager', territoryIds: [territory.id] });

  // Deactivated, after saying what that means.
  await row.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: `Deactivate ${name}?` });
  await expect(confirm).toContainText('signed out at once');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Inactive');
  expect(await api.get(`/users/${created.id}`)).toMatchObject({ active: false, role: 'manager' });
  await page.getByPlaceholder('Search users…').fill('');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/users-1280.png' });

  // The territory counts its user and leads to them.
  await page.goto(`/territories?q=${encodeURIComponent(territoryName)}`);
  await page.getByRole('link', { name: '1 user' }).click();
  await expect(page).toHaveURL(new RegExp(`/users\\?territoryId=${territory.id}`));
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});

test('a rep sees no Settings, a read-only directory, and changes their own password', async ({ page, api }) => {
  const tag = unique();
  const rep = { name: `Remy Rep ${tag}`, email: `remy-${tag}@example.com`, password: 'first password of remy' };
  await api.post('/users', { ...rep, role: 'rep' });
  await signIn(page, rep.email, rep.password);

  await expect(page.getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Territories', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: `Account menu of ${rep.name}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Change password' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Users' })).toHaveCount(0);

  // Their own password: the present one, the new one typed twice, and the page carries on signed in with it.
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await dialog.getByRole('textbox', { name: 'Present password' }).fill('not the password of remy');
  await dialog.getByRole('textbox', { name: 'New password', exact: true }).fill('the second password of remy');
  await dialog.getByRole('textbox', { name: 'Repeat the new password' }).fill('something else entirely');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('The two passwords differ')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Repeat the new password' }).fill('the second password of remy');
  // A wrong present password is refused at its field (the browser logs the 400 the page handles).
  expectConsoleError(page, /status of 400/);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText(/not your present password/i)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Present password' }).fill(rep.password);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Your password is changed.', { exact: false })).toBeVisible();
  await apiAs(e2eOrigin, rep.email, 'the second password of remy');

  // The directory by its address: read-only, no create, no row actions.
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByText('Only admins add people or change their access.')).toBeVisible();
  await page.getByPlaceholder('Search users…').fill(tag);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole('row', { name: new RegExp(rep.name) })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New user' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions' })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await expectAccessible(page);
  await page.goto('/territories');
  await expect(page.getByRole('heading', { level: 1, name: 'Territories' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New territory' })).toHaveCount(0);
  // Still signed in after a reload: the new session replaced the one the password change ended.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Territories' })).toBeVisible();
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the users page and its form fit the screen', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Administrator/ }).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByRole('button', { name: 'Generate a password' }).click();
    await expect(dialog.getByLabel('First password')).toHaveValue(/^[A-Za-z0-9]{16}$/);
    await expect(dialog.getByRole('button', { name: 'Copy password' })).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/screenshots/users-375.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
