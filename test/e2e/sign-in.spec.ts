import { expect, type Locator, type Page, test } from '@playwright/test';
import { admin } from './constants.js';

const sessionKey = 'meridian.session';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function storedSession(page: Page) {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { accessToken: string; refreshToken: string } | null,
    sessionKey,
  );
}

test('a wrong password keeps you on the sign-in page and says why', async ({ page }) => {
  await signIn(page, admin.email, 'not-the-right-password');

  await expect(page.getByRole('alert')).toContainText('The e-mail or password is wrong');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('banner')).toHaveCount(0);
  expect(await storedSession(page)).toBeNull();
});

test('the admin signs in, stays signed in across a reload and signs out', async ({ page }) => {
  await signIn(page, admin.email, admin.password);

  // A manager's or an admin's home is the overview (a rep's is the pipeline board: rep-home.spec.ts).
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page).toHaveTitle('Overview · Meridian');
  const header = page.getByRole('banner');
  await expect(header.getByText('Meridian')).toBeVisible();
  await expect(header.getByText(admin.name)).toBeVisible();
  await expect(header.getByText('Admin', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Administrator/ })).toBeVisible();

  await page.reload();
  await expect(header.getByText(admin.name)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);

  const refreshToken = (await storedSession(page))?.refreshToken;
  expect(refreshToken).toBeTruthy();
  await header.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await storedSession(page)).toBeNull();
  // The server ended the session too: its refresh token no longer works.
  const refresh = await page.request.post('/api/v1/auth/refresh', { data: { refreshToken } });
  expect(refresh.status()).toBe(401);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a rejected access token is refreshed without signing the user out', async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole('banner').getByText(admin.name)).toBeVisible();
  const before = await storedSession(page);

  // As after the access token's 15 minutes: the next API call gets 401 and the client refreshes once.
  await page.evaluate((key) => {
    const session = JSON.parse(localStorage.getItem(key) ?? '{}');
    localStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired' }));
  }, sessionKey);
  await page.reload();

  await expect.poll(async () => (await storedSession(page))?.accessToken).not.toBe('expired');
  const after = await storedSession(page);
  expect(after?.refreshToken).not.toBe(before?.refreshToken);
  await expect(page.getByRole('banner').getByText(admin.name)).toBeVisible();
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the sign-in form fits the screen and signs you in', async ({ page }) => {
    await page.goto('/');
    const controls = [
      page.getByRole('textbox', { name: 'E-mail' }),
      page.getByRole('textbox', { name: 'Password', exact: true }),
      page.getByRole('button', { name: 'Sign in' }),
    ];
    for (const control of controls) await expectWithinWidth(control, 375);
    await expectNoHorizontalScroll(page);

    await signIn(page, admin.email, admin.password);
    const header = page.getByRole('banner');
    await expectWithinWidth(header.getByRole('button', { name: /^Account menu of/ }), 375);
    await expectWithinWidth(header.getByRole('button', { name: 'Open navigation' }), 375);
    await expectNoHorizontalScroll(page);
    await header.getByRole('button', { name: /^Account menu of/ }).click();
    await expectWithinWidth(page.getByRole('menuitem', { name: 'Sign out' }), 375);
  });
});

async function expectWithinWidth(locator: Locator, width: number) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(width);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
