import { unique } from './api.js';
import { expect, expectAccessible, expectConsoleError, signIn, test } from './helpers.js';
import { mailedLink } from './outbox.js';

const resetLink = /https?:\/\/\S+\/reset-password#token=[\w-]+/;

test('a new user chooses their password from the invitation e-mail, and signs in with it', async ({ page, api }) => {
  const tag = unique();
  const email = `invited-${tag}@example.com`;
  await api.post('/users', { name: `Ines ${tag}`, email, role: 'rep' });

  await page.goto(await mailedLink(email, resetLink));
  await expect(page.getByRole('heading', { name: 'Welcome to Meridian' })).toBeVisible();
  await expect(page.getByText(`choose the password you will sign in with as ${email}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'New password' }).fill('my own sales passphrase');
  await page.getByRole('textbox', { name: 'The same again' }).fill('my own sales passphrase');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();

  await signIn(page, email, 'my own sales passphrase');
});

test('a rep who forgot their password asks for a link from the sign-in page and sets a new one', async ({
  page,
  api,
}) => {
  const tag = unique();
  const email = `forgetful-${tag}@example.com`;
  await api.post('/users', { name: `Fred ${tag}`, email, role: 'rep', password: 'the password they forgot' });

  await page.goto('/');
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('button', { name: 'E-mail me a link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  await expectAccessible(page);

  await page.goto(await mailedLink(email, resetLink));
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByRole('textbox', { name: 'New password' }).fill('a password to remember');
  await page.getByRole('textbox', { name: 'The same again' }).fill('a password to forget');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await page.getByRole('textbox', { name: 'The same again' }).fill('a password to remember');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible();

  // The link worked once: opened again, the server answers 404 (which the browser logs).
  expectConsoleError(page, /404 \(Not Found\)/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This link does not work any more' })).toBeVisible();
  await signIn(page, email, 'a password to remember');
});
