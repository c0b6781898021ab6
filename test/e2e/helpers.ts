import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { type Api, apiAs } from './api.js';
import { admin, e2eOrigin } from './constants.js';

/** Map tiles come from the internet, which the test machine may not reach: their failures are not the app's. */
const ignoredConsole = [/tile\.openstreetmap\.org/, /ERR_NAME_NOT_RESOLVED/, /ERR_INTERNET_DISCONNECTED/];

/** Console errors a test expects on a page, such as the browser's log line for a 409 the page handles. */
const expectedConsole = new WeakMap<Page, RegExp[]>();

/** Lets this page log errors matching `pattern` (a response the app answers on purpose, e.g. a 409). */
export function expectConsoleError(page: Page, pattern: RegExp) {
  expectedConsole.set(page, [...(expectedConsole.get(page) ?? []), pattern]);
}

/**
 * `page` fails the test on any console error or uncaught exception of the app (checked after the test),
 * and `api` is the admin's API client for seeding.
 */
export const test = base.extend<{ api: Api }>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url ?? '';
      const ignored = [...ignoredConsole, ...(expectedConsole.get(page) ?? [])];
      if (ignored.some((pattern) => pattern.test(message.text()) || pattern.test(where))) return;
      errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    await use(page);
    expect(errors, 'console errors on the pages visited').toEqual([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern
  api: async ({}, use) => {
    await use(await apiAs(e2eOrigin, admin.email, admin.password));
  },
});

export { expect };

/** Signs in on the sign-in page that `path` shows while signed out (any address: it is kept). */
export async function signIn(page: Page, email = admin.email, password = admin.password, path = '/') {
  await page.goto(path);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /^Account menu of/ })).toBeVisible({ timeout: 20_000 });
}

/** No serious or critical axe violations on the current page. */
export async function expectAccessible(page: Page) {
  // A list still showing its previous page is dimmed while it loads (aria-busy): wait for the new one.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // A dialog fading in is half transparent: contrast measured mid-transition is not what anyone reads.
  // Endless animations (a loader's spin) never finish and are left out.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
  const results = await new AxeBuilder({ page }).exclude('.leaflet-container').analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')} ${node.any[0]?.message ?? ''}`).join(', ')})`,
    ),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

/**
 * Nothing wider than the screen once the layout is at rest: just after the viewport shrinks, the
 * navigation is still sliding out of view for a moment, so the width is asked until it settles.
 */
export async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
}
