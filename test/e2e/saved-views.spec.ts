import type { Page } from '@playwright/test';
import { type Api, apiAs, seedManagerAndRep, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Saved views of the record lists (components/SavedViews, in every EntityList with a view resource): the
 * filters, search, sort and columns of a list saved under a name, opened again from the Views menu, shared
 * with everyone read-only, renamed and deleted with Undo.
 */

const password = 'the password of the views desk';

type Account = { id: string; name: string };

/**
 * A manager (Mona) with a rep (Rob), and Rita, a rep of no one's team. Mona owns two dealers, a customer and a
 * partner.
 */
async function seedViewsDesk(api: Api) {
  const tag = unique();
  const { manager: mona, rep: rob } = await seedManagerAndRep(api, tag, password);
  const rita = await api.post('/users', {
    name: `Rita ${tag}`,
    email: `rita-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const account = (name: string, type: string, annualRevenue: number, ownerId: string): Promise<Account> =>
    api.post('/accounts', { name: `${name} ${tag}`, type, annualRevenue, ownerId });
  const accounts = {
    alpha: await account('Alpha Dealers', 'dealer', 2_000_000, mona.id),
    bravo: await account('Bravo Dealers', 'dealer', 9_000_000, mona.id),
    cobalt: await account('Cobalt Retail', 'customer', 5_000_000, mona.id),
    delta: await account('Delta Partners', 'partner', 1_000_000, mona.id),
  };
  const as = (user: { email: string }) => apiAs(e2eOrigin, user.email, password);
  return { tag, mona, rob, rita, accounts, as };
}

/** The Views control of the list (its name says the view in use: "Views: Dealers (edited)"). */
const viewsButton = (page: Page) => page.getByRole('button', { name: /^Views/ });

/** The Type filter (with a value chosen, its pills cover the box: the click is forced through them). */
const typeFilter = (page: Page) => page.getByRole('combobox', { name: 'Type' });

/** The names of the account links in the list, top to bottom. */
const accountNames = (page: Page) => page.getByRole('table').getByRole('link');

/** A raw call as someone, for the answers the test client does not take (a refusal, a delete). */
async function call(origin: string, token: string, method: string, path: string, body?: unknown) {
  return fetch(`${origin}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function tokenOf(email: string) {
  const login = await fetch(`${e2eOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

test('save the filters, sort and columns of the accounts list as a view, and open it again', async ({ page, api }) => {
  const { tag, mona, accounts, as } = await seedViewsDesk(api);
  const monaApi = await as(mona);
  await signIn(page, mona.email, password, '/accounts');

  // Nothing saved yet: the menu teaches what a view is for.
  await viewsButton(page).click();
  await expect(page.getByText('Save the filters and columns you use most: they come back in one click.')).toBeVisible();
  await page.keyboard.press('Escape');

  // The list narrowed by a search and a filter, sorted by revenue (largest first), with the Phone column.
  await page.getByRole('textbox', { name: 'Search accounts' }).fill(tag);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  await typeFilter(page).click({ force: true });
  await page.getByRole('option', { name: 'Dealer' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]type=dealer/);
  await page.getByRole('button', { name: 'Annual revenue' }).click();
  await page.getByRole('button', { name: 'Annual revenue' }).click();
  await expect(page).toHaveURL(/[?&]sort=-annualRevenue/);
  await page.getByRole('button', { name: 'Columns' }).click();
  // The box follows the URL, a moment after the click.
  await page.getByRole('checkbox', { name: 'Phone' }).click();
  await expect(page.getByRole('checkbox', { name: 'Phone' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]cols=name%2Ctype%2Ccity%2Cowner%2Cterritory%2Crevenue%2Cphone/);
  await expect(accountNames(page)).toHaveText([accounts.bravo.name, accounts.alpha.name]);

  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await expect(dialog).toContainText('1 filter, the search “');
  await expect(dialog).toContainText('and the sort, with 7 chosen columns.');
  // A name is required, before anything is sent.
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByText('Required')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(`Big dealers ${tag}`);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByText(`View “Big dealers ${tag}” saved.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The view in use is named by the control.
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Big dealers ${tag}`);

  // The server keeps the list's own parameters (no cols, no paging) and the columns apart.
  const [saved] = (await monaApi.get('/views?resource=accounts')).data;
  expect(saved).toMatchObject({
    name: `Big dealers ${tag}`,
    resource: 'accounts',
    query: `q=${tag}&sort=-annualRevenue&type=dealer`,
    columns: ['name', 'type', 'city', 'owner', 'territory', 'revenue', 'phone'],
    shared: false,
    ownerId: mona.id,
  });

  // Filters cleared: the list is no longer the view.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/type=dealer/);
  await expect(viewsButton(page)).toHaveAccessibleName('Views');
  await expect(page.getByRole('link', { name: accounts.cobalt.name })).toBeVisible();

  // Opened from the menu: the URL, the search box, the rows and the columns are the view's again.
  await viewsButton(page).click();
  await expect(page.getByText('My views')).toBeVisible();
  await page.getByRole('menuitem', { name: `Big dealers ${tag}` }).click();
  await expect(page).toHaveURL(/[?&]type=dealer/);
  await expect(page).toHaveURL(/[?&]sort=-annualRevenue/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  await expect(page).toHaveURL(/[?&]cols=name%2Ctype%2Ccity%2Cowner%2Cterritory%2Crevenue%2Cphone/);
  await expect(page.getByRole('textbox', { name: 'Search accounts' })).toHaveValue(tag);
  await expect(accountNames(page)).toHaveText([accounts.bravo.name, accounts.alpha.name]);
  await expect(page.getByRole('columnheader', { name: 'Phone' })).toBeVisible();
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Big dealers ${tag}`);

  // A filter changed (customers too): the view is "edited", and its owner may save the change into it.
  await typeFilter(page).click({ force: true });
  await page.getByRole('option', { name: 'Customer' }).click();
  await page.keyboard.press('Escape');
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Big dealers ${tag} (edited)`);
  await expect(page.getByRole('link', { name: accounts.cobalt.name })).toBeVisible();
  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Save changes to this view' }).click();
  await expect(page.getByText(`View “Big dealers ${tag}” saved with these filters and columns.`)).toBeVisible();
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Big dealers ${tag}`);
  expect((await monaApi.get(`/views/${saved.id}`)).query).toBe(`q=${tag}&sort=-annualRevenue&type=dealer%2Ccustomer`);

  // The same name again is said at the name, with the choice of replacing that view.
  expectConsoleError(page, /status of 409/);
  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Save as new view…' }).click();
  const again = page.getByRole('dialog', { name: 'Save view' });
  await again.getByRole('textbox', { name: 'Name' }).fill(`big DEALERS ${tag}`);
  await again.getByRole('button', { name: 'Save view' }).click();
  await expect(
    again.getByText(`You already have a view of the accounts list called “big DEALERS ${tag}”.`),
  ).toBeVisible();
  await expect(again.getByRole('button', { name: `Replace “big DEALERS ${tag}”` })).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();
  expect((await monaApi.get('/views?resource=accounts')).data).toHaveLength(1);
});

test("a shared view of someone else is offered read-only; the team's are grouped apart", async ({ page, api }) => {
  const { tag, mona, rob, rita, accounts, as } = await seedViewsDesk(api);
  const ritaApi = await as(rita);
  const shared = await ritaApi.post('/views', {
    name: `Partners ${tag}`,
    resource: 'accounts',
    query: `type=partner&q=${tag}`,
    shared: true,
  });
  await ritaApi.post('/views', { name: `Rita only ${tag}`, resource: 'accounts', query: 'type=dealer' });
  await (await as(rob)).post('/views', { name: `Rob's leads ${tag}`, resource: 'leads', query: 'status=open' });
  await (await as(rob)).post('/views', { name: `Rob's dealers ${tag}`, resource: 'accounts', query: 'type=dealer' });

  await signIn(page, mona.email, password, '/accounts');
  await viewsButton(page).click();
  const menu = page.getByRole('menu');
  // Rita's shared view, by her; Rob's (Mona manages him) apart; Rita's own and other lists' views not at all.
  await expect(menu.getByText('Shared', { exact: true })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: `Partners ${tag}` })).toContainText(`by Rita ${tag}`);
  await expect(menu.getByText("Your team's")).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: `Rob's dealers ${tag}` })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: `Rita only ${tag}` })).toHaveCount(0);
  await expect(menu.getByRole('menuitem', { name: `Rob's leads ${tag}` })).toHaveCount(0);
  await expectAccessible(page);
  await menu.getByRole('menuitem', { name: `Partners ${tag}` }).click();
  await expect(page).toHaveURL(/[?&]type=partner/);
  await expect(accountNames(page)).toHaveText([accounts.delta.name]);
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Partners ${tag}`);

  // Read-only: nothing to rename, share or delete, and the menu says whose it is and how to keep a copy.
  await viewsButton(page).click();
  await expect(menu).toContainText(`Shared by Rita ${tag}: only they, their managers and admins can change it.`);
  for (const name of [/^Rename/, /^Delete/, 'Stop sharing', 'Share with everyone']) {
    await expect(menu.getByRole('menuitem', { name })).toHaveCount(0);
  }
  await page.keyboard.press('Escape');
  // Edited: still no "Save changes" for someone else's view, but a copy of one's own can be saved.
  await typeFilter(page).click({ force: true });
  await page.getByRole('option', { name: 'Dealer' }).click();
  await page.keyboard.press('Escape');
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Partners ${tag} (edited)`);
  await viewsButton(page).click();
  await expect(menu.getByRole('menuitem', { name: /^Save changes/ })).toHaveCount(0);
  await expect(menu.getByRole('menuitem', { name: 'Discard changes' })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Save as new view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(`My copy ${tag}`);
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: My copy ${tag}`);

  // The server agrees: Mona may not change Rita's view.
  const refused = await call(e2eOrigin, await tokenOf(mona.email), 'PATCH', `/views/${shared.id}`, { name: 'Mine' });
  expect(refused.status).toBe(403);
  expect((await ritaApi.get(`/views/${shared.id}`)).name).toBe(`Partners ${tag}`);
});

test('rename, share and delete a view, and Undo brings it back', async ({ page, api }) => {
  const { tag, mona, accounts, as } = await seedViewsDesk(api);
  const monaApi = await as(mona);
  const view = await monaApi.post('/views', {
    name: `Customers ${tag}`,
    resource: 'accounts',
    query: `q=${tag}&type=customer`,
  });
  await signIn(page, mona.email, password, '/accounts');
  // By the keyboard: the menu opens on its first item, and Enter opens that view.
  await viewsButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: `Customers ${tag}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]type=customer/);
  await expect(accountNames(page)).toHaveText([accounts.cobalt.name]);

  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: `Rename “Customers ${tag}”` });
  await rename.getByRole('textbox', { name: 'Name' }).fill(`Retail customers ${tag}`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Retail customers ${tag}`);
  expect((await monaApi.get(`/views/${view.id}`)).name).toBe(`Retail customers ${tag}`);

  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Share with everyone' }).click();
  await expect(page.getByText(`“Retail customers ${tag}” is shared with everyone.`)).toBeVisible();
  await expect.poll(async () => (await monaApi.get(`/views/${view.id}`)).shared).toBe(true);

  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Delete view' }).click();
  await expect(page.getByText(`Deleted view “Retail customers ${tag}”.`)).toBeVisible();
  // The list keeps its filters; it is just no longer a view.
  await expect(viewsButton(page)).toHaveAccessibleName('Views');
  await expect(accountNames(page)).toHaveText([accounts.cobalt.name]);
  const gone = await call(e2eOrigin, await tokenOf(mona.email), 'GET', `/views/${view.id}`);
  expect(gone.status).toBe(404);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(`View “Retail customers ${tag}” is back.`)).toBeVisible();
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Retail customers ${tag}`);
  expect((await monaApi.get(`/views/${view.id}`)).name).toBe(`Retail customers ${tag}`);
});

test('at phone width the Views menu fits and opens a view; lists without views have none', async ({ page, api }) => {
  const { tag, mona, accounts, as } = await seedViewsDesk(api);
  await (await as(mona)).post('/views', {
    name: `Dealers by revenue with a long name ${tag}`,
    resource: 'accounts',
    query: `q=${tag}&sort=-annualRevenue&type=dealer`,
  });
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, mona.email, password, '/accounts');
  await expect(viewsButton(page)).toBeVisible();
  await viewsButton(page).click();
  const item = page.getByRole('menuitem', { name: `Dealers by revenue with a long name ${tag}` });
  await expect(item).toBeInViewport();
  await expectNoHorizontalScroll(page);
  await item.click();
  await expect(page).toHaveURL(/[?&]type=dealer/);
  // Cards, not a table, in the view's order.
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('link', { name: accounts.bravo.name })).toBeVisible();
  await expect(page.getByRole('link', { name: accounts.cobalt.name })).toHaveCount(0);
  await expect(viewsButton(page)).toHaveAccessibleName(`Views: Dealers by revenue with a long name ${tag}`);
  await expect(viewsButton(page)).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalScroll(page);

  // The directory lists (territories, products) keep no views.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const path of ['/territories', '/products']) {
    await page.goto(path);
    await expect(
      page
        .getByRole('button', { name: 'Export CSV' })
        .or(page.getByRole('button', { name: 'Columns' }))
        .first(),
    ).toBeVisible();
    await expect(viewsButton(page)).toHaveCount(0);
  }
});
