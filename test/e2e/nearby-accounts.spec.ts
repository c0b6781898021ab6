import type { Page } from '@playwright/test';
import { type Api, seedManagerAndRep, unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/**
 * "Near me" on the Accounts page: the accounts around where the rep stands (`GET /accounts/nearby`),
 * nearest first, with their distance, whether they are due for a visit, and call, directions and
 * "Plan a visit"; the filters; the phone layout; a refused position and an empty neighbourhood.
 */

const password = 'the password of the field team';
/** Where the browser says the rep stands: central Bordeaux, far from the other specs' accounts. */
const bordeaux = { latitude: 44.8378, longitude: -0.5792 };

test.use({ geolocation: bordeaux, permissions: ['geolocation'] });

/**
 * A manager (who signs in) and their rep, with accounts around Bordeaux at known distances, made in an
 * order other than the nearest first: 850 m, 8.5 km, 12.4 km, 29.9 km, and one with no place.
 */
async function seedBordeaux(api: Api) {
  const tag = unique();
  const { manager, rep } = await seedManagerAndRep(api, tag, password);
  const account = (body: Record<string, unknown>) => api.post('/accounts', { ownerId: manager.id, ...body });
  // 12.4 km south, the rep's, on a 30-day cycle and never visited: due.
  const pessac = await account({
    name: `Pessac Co-op ${tag}`,
    ownerId: rep.id,
    visitEveryDays: 30,
    address: { city: 'Pessac', country: 'France' },
    location: { lat: 44.7263, lng: -0.5792 },
  });
  // 29.9 km east: only within 50 km.
  const libourne = await account({
    name: `Libourne Farm ${tag}`,
    address: { city: 'Libourne' },
    location: { lat: 44.8378, lng: -0.2 },
  });
  // 8.5 km west, on a 30-day cycle but visited today: not due.
  const merignac = await account({
    name: `Mérignac Supply ${tag}`,
    visitEveryDays: 30,
    address: { street: '4 Avenue de la Somme', city: 'Mérignac' },
    location: { lat: 44.8378, lng: -0.687 },
  });
  await api.post('/activities', {
    type: 'visit',
    status: 'completed',
    subject: 'Stock check',
    accountId: merignac.id,
    completedAt: new Date().toISOString(),
  });
  // 850 m north, a dealer with a phone, on a 14-day cycle and never visited: due.
  const quai = await account({
    name: `Quai Dealer ${tag}`,
    type: 'dealer',
    phone: '+33 5 56 00 00 00',
    visitEveryDays: 14,
    address: { street: '1 Quai des Chartrons', city: 'Bordeaux' },
    location: { lat: 44.84544, lng: -0.5792 },
  });
  // No place: never listed, however near its address.
  await account({ name: `Nowhere Ltd ${tag}`, address: { city: 'Bordeaux' } });
  return { manager, rep, pessac, libourne, merignac, quai };
}

async function openNearMe(page: Page) {
  await page.getByRole('button', { name: 'Near me' }).click();
  const drawer = page.getByRole('dialog', { name: 'Accounts near me' });
  await expect(drawer).toBeVisible();
  return drawer;
}

const names = (page: Page) =>
  page
    .getByRole('dialog', { name: 'Accounts near me' })
    .getByRole('list', { name: 'Accounts near you, nearest first' })
    .getByRole('listitem');

test('Near me lists the accounts around the rep nearest first, marks those due, filters them and plans a visit', async ({
  page,
  api,
}) => {
  const { manager, pessac, libourne, merignac, quai } = await seedBordeaux(api);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, manager.email, password, '/accounts');
  const drawer = await openNearMe(page);

  const rows = names(page);
  await expect(rows).toHaveText([new RegExp(quai.name), new RegExp(merignac.name), new RegExp(pessac.name)]);
  await expect(drawer.getByTestId('nearby-distance')).toHaveText(['850 m', '8.5 km', '12.4 km']);
  await expect(drawer.getByRole('status')).toHaveText('3 accounts within 25 km, nearest first · 2 due for a visit');

  // Due by the call cycle (never visited), not due (visited today), due; the cue is words with a sign.
  const quaiRow = rows.filter({ hasText: quai.name });
  await expect(quaiRow.getByTestId('nearby-due')).toHaveText('Due for a visit');
  await expect(rows.filter({ hasText: merignac.name }).getByTestId('nearby-due')).toHaveCount(0);
  await expect(rows.filter({ hasText: pessac.name }).getByTestId('nearby-due')).toBeVisible();
  await expect(quaiRow).toContainText('Dealer');
  await expect(quaiRow).toContainText('1 Quai des Chartrons, Bordeaux');
  await expect(quaiRow.getByText('850 m')).toHaveAttribute('title', '850 m as the crow flies');

  // Quick actions: the phone dialled as stored, directions to the account's place.
  await expect(quaiRow.getByRole('link', { name: `Call ${quai.name}` })).toHaveAttribute('href', 'tel:+33556000000');
  await expect(quaiRow.getByRole('link', { name: `Directions to ${quai.name}` })).toHaveAttribute(
    'href',
    'https://www.google.com/maps/dir/?api=1&destination=44.84544,-0.5792',
  );
  await expect(rows.filter({ hasText: pessac.name }).getByRole('link', { name: /^Call / })).toHaveCount(0);
  // The map marks the rep and the accounts.
  await expect(drawer.getByRole('region', { name: 'Map' })).toBeVisible();
  await expectAccessible(page);

  // Only due for a visit.
  await drawer.getByText('Only due for a visit').click();
  await expect(rows).toHaveText([new RegExp(quai.name), new RegExp(pessac.name)]);
  await expect(drawer.getByRole('status')).toHaveText('2 accounts due for a visit within 25 km, nearest first');
  // …and only mine (Pessac is the rep's).
  await drawer.getByText('Only mine').click();
  await expect(rows).toHaveText([new RegExp(quai.name)]);
  await drawer.getByText('Only mine').click();
  await drawer.getByText('Only due for a visit').click();

  // Wider: Libourne, 29.9 km away, joins at the end.
  await drawer.getByText('50 km', { exact: true }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.last()).toContainText(libourne.name);
  await expect(rows.last()).toContainText('29.9 km');
  // Dealers only.
  await drawer.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Dealers' }).click();
  await expect(rows).toHaveText([new RegExp(quai.name)]);
  await expect(drawer.getByRole('status')).toHaveText(`1 dealer within 50 km · 1 due for a visit`);

  // Plan a visit with the app's own dialog, over the panel.
  await quaiRow.getByRole('button', { name: `Plan a visit to ${quai.name}` }).click();
  const plan = page.getByRole('dialog', { name: `Plan a visit · ${quai.name}` });
  await expect(plan.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Visit ${quai.name}`);
  await plan.getByRole('button', { name: 'Plan visit' }).click();
  await expect(page.getByText(`Visit to ${quai.name} planned`)).toBeVisible();
  await expect(plan).toHaveCount(0);
  await expect(drawer).toBeVisible();
  const planned = await api.get(`/activities?accountId=${quai.id}&type=visit&status=planned`);
  expect(planned.data.map((visit: { subject: string }) => visit.subject)).toEqual([`Visit ${quai.name}`]);

  // The name opens the account.
  await quaiRow.getByRole('link', { name: quai.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${quai.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: quai.name })).toBeVisible();
});

test('on a phone, Near me floats in reach and the list takes the whole screen without scrolling sideways', async ({
  page,
  api,
}) => {
  const { manager, pessac, merignac, quai } = await seedBordeaux(api);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, manager.email, password, '/accounts');

  const nearMe = page.getByRole('button', { name: 'Near me' });
  await expect(nearMe).toBeInViewport();
  // Floating at the bottom of the screen, beside "New account".
  const box = await nearMe.boundingBox();
  expect(box?.y ?? 0).toBeGreaterThan(812 - 100);
  await page.mouse.wheel(0, 2000);
  await expect(nearMe).toBeInViewport();
  await expectNoHorizontalScroll(page);

  const drawer = await openNearMe(page);
  await expect(names(page)).toHaveText([new RegExp(quai.name), new RegExp(merignac.name), new RegExp(pessac.name)]);
  const panel = await drawer.boundingBox();
  expect(panel?.width).toBe(375);
  await expectNoHorizontalScroll(page);
  await expect
    .poll(() =>
      drawer.evaluate((dialog) => {
        const body = dialog.querySelector('.mantine-Drawer-body') ?? dialog;
        return body.scrollWidth - body.clientWidth;
      }),
    )
    .toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/nearby-accounts-phone.png' });
});

test('a refused position is said with what to do, and Try again finds the rep; an empty area teaches', async ({
  page,
  context,
  api,
}) => {
  const { manager } = await seedBordeaux(api);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, manager.email, password, '/accounts');
  await context.clearPermissions();

  const drawer = await openNearMe(page);
  const refused = drawer.getByRole('alert');
  await expect(refused).toContainText('Meridian cannot tell where you are');
  await expect(refused).toContainText(
    /Location access is blocked for Meridian\. Allow it in the browser’s site settings/,
  );
  await expectAccessible(page);

  // Allowed now, and standing in the Landes forest, 60 km from any of the manager's accounts.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 44.3, longitude: -0.9 });
  await refused.getByRole('button', { name: 'Try again' }).click();
  await expect(drawer.getByText('No accounts with a known place within 25 km.')).toBeVisible();
  await expect(
    drawer.getByText('Widen the distance, or check that accounts have an address: Meridian finds their place from it.'),
  ).toBeVisible();
  await drawer.getByRole('button', { name: 'Widen to 50 km' }).click();
  await expect(drawer.getByText('No accounts with a known place within 50 km.')).toBeVisible();
  await expect(
    drawer.getByText('Check that accounts have an address: Meridian finds their place from it.'),
  ).toBeVisible();

  // Back in Bordeaux, "Update position" finds them.
  await context.setGeolocation(bordeaux);
  await drawer.getByRole('button', { name: 'Update position' }).click();
  await expect(names(page)).toHaveCount(4);
  await expectAccessible(page);
});
