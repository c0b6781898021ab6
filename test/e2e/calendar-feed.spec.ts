import { apiAs, isoTime, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

const password = 'the password of the field team';

test('a rep subscribes their calendar app to their visits, and can end the subscription', async ({ page, api }) => {
  const tag = unique();
  const rep = await api.post('/users', { name: `Cal ${tag}`, email: `cal-${tag}@example.com`, password, role: 'rep' });
  const asRep = await apiAs(e2eOrigin, rep.email, password);
  const account = await asRep.post('/accounts', { name: `Silo Farm ${tag}` });
  await asRep.post('/activities', {
    type: 'visit',
    subject: `Silo check ${tag}`,
    accountId: account.id,
    scheduledAt: isoTime(2),
  });

  await signIn(page, rep.email, password);
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'Calendar subscription' }).click();
  const dialog = page.getByRole('dialog', { name: 'Calendar subscription' });
  await expect(dialog.getByText('You have no calendar subscription yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Make my calendar address' }).click();
  const address = dialog.getByRole('textbox', { name: 'Your calendar address' });
  await expect(address).toHaveValue(/\/api\/v1\/calendar-feeds\/[\w-]+$/);
  await expect(dialog.getByRole('link', { name: 'Open in my calendar app' })).toHaveAttribute('href', /^webcal:\/\//);
  await expectAccessible(page);

  // What a calendar app would read from that address.
  const url = new URL(await address.inputValue());
  const calendar = await page.request.get(`${e2eOrigin}${url.pathname}`);
  expect(calendar.status()).toBe(200);
  expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await calendar.text()).toContain(`SUMMARY:Visit: Silo check ${tag}`);

  // Opened again, the dialog knows the subscription but not its address, and can end it.
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'Calendar subscription' }).click();
  await expect(dialog.getByText('Your calendar is subscribed')).toBeVisible();
  await expect(dialog.getByText(/your calendar app last looked/)).toBeVisible();
  await dialog.getByRole('button', { name: 'End subscription' }).click();
  await expect(page.getByText('Calendar subscription ended')).toBeVisible();
  expect((await page.request.get(`${e2eOrigin}${url.pathname}`)).status()).toBe(404);
});
