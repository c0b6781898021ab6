import { unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

const password = 'the password of the integrations';

/** GET /users/me with an API key, as another system would call. */
const meWith = (key: string) => fetch(`${e2eOrigin}/api/v1/users/me`, { headers: { authorization: `Bearer ${key}` } });

test('a user makes an API key for another system, renames it and revokes it', async ({ page, api }) => {
  const tag = unique();
  const user = await api.post('/users', {
    name: `Integrator ${tag}`,
    email: `integrator-${tag}@example.com`,
    password,
    role: 'manager',
  });
  await signIn(page, user.email, password);
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'API keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'API keys' });
  await expect(dialog.getByText('You have no API keys.')).toBeVisible();

  await dialog.getByRole('button', { name: 'New API key' }).click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByText(/too small|at least|required/i)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('ERP order sync');
  await dialog.getByText('Read & write').click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog).toContainText('will not be shown again');
  const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(key).toMatch(/^mk_/);
  await expectAccessible(page);
  const me = await meWith(key);
  expect(me.status).toBe(200);
  expect((await me.json()).email).toBe(user.email);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Listed without its secret, renamed in place.
  const listed = dialog.getByRole('listitem').filter({ hasText: 'ERP order sync' });
  await expect(listed).toContainText('read & write');
  await expect(listed).toContainText('never used');
  await expect(listed).not.toContainText(key);
  await listed.getByRole('button', { name: 'Rename ERP order sync' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('ERP order sync (production)');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('ERP order sync (production)')).toBeVisible();

  // Revoked, it is refused at once.
  await dialog.getByRole('button', { name: 'Revoke ERP order sync (production)' }).click();
  await page
    .getByRole('dialog', { name: /^Revoke/ })
    .getByRole('button', { name: 'Revoke key' })
    .click();
  await expect(page.getByText('revoked: it no longer works')).toBeVisible();
  await expect(dialog.getByText('You have no API keys.')).toBeVisible();
  expect((await meWith(key)).status).toBe(401);
});
