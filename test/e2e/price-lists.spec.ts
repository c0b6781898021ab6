import type { Page } from '@playwright/test';
import { apiAs, seedManagerAndRep, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

const password = 'the password of the sales team';

/** A raw call as someone (the seeding client has no PUT or DELETE): the status and the parsed answer. */
async function callAs(email: string, secret: string) {
  const login = await fetch(`${e2eOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: secret }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${e2eOrigin}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** A product's row of the catalogue at a list's prices (a table row, or a card at phone width). */
const priceRow = (page: Page, sku: string) => page.getByRole('row').filter({ hasText: sku });

test('a manager makes a price list, fixes a price in its row and resets it, and sees the discounted prices', async ({
  page,
  api,
}) => {
  const tag = unique();
  const { manager } = await seedManagerAndRep(api, tag, password);
  const baler = await api.post('/products', {
    sku: `BAL-${tag}`.toUpperCase(),
    name: `Round baler ${tag}`,
    family: 'Balers',
    unitPrice: 1200,
    currency: 'USD',
  });
  const tedder = await api.post('/products', {
    sku: `TED-${tag}`.toUpperCase(),
    name: `Tedder ${tag}`,
    family: 'Hay tools',
    unitPrice: 750.25,
    currency: 'USD',
  });
  const imported = await api.post('/products', {
    sku: `IMP-${tag}`.toUpperCase(),
    name: `Imported rake ${tag}`,
    unitPrice: 400,
    currency: 'EUR',
  });
  const name = `Dealer net ${tag}`;

  // From the catalogue to the price lists; none of this test's yet.
  await signIn(page, manager.email, password, '/products');
  await page.getByRole('link', { name: 'Price lists' }).click();
  await expect(page).toHaveURL(/\/price-lists$/);
  await expect(page.getByRole('heading', { name: 'Price lists', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search price lists' }).fill(tag);
  await expect(page.getByText(`No price lists match “${tag}”`)).toBeVisible();

  // A new list, 18% off: its page opens on the catalogue at its prices.
  await page.getByRole('button', { name: 'New price list' }).click();
  const form = page.getByRole('dialog', { name: 'New price list' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Discount' }).fill('18');
  await form.getByRole('textbox', { name: 'Description' }).fill('What our dealers pay');
  await form.getByRole('button', { name: 'Create price list' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/price-lists\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop() as string;
  const summary = page.getByTestId('price-list-summary');
  await expect(summary).toContainText('Active');
  await expect(summary).toContainText('18% off list prices');
  await expect(summary).toContainText('USD');
  await expect(summary).toContainText('No accounts you see on this list');
  await expect(page.getByText('What our dealers pay')).toBeVisible();
  expect(await api.get(`/price-lists/${id}`)).toMatchObject({
    name,
    discountPercent: 18,
    currency: 'USD',
    active: true,
  });

  // The catalogue at 18% off: list price, the list's price and where it comes from.
  await page.getByRole('textbox', { name: 'Search products' }).fill(tag);
  // The search reaches the URL (and the API) a moment after the last key.
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const balerRow = priceRow(page, baler.sku);
  await expect(balerRow).toContainText(baler.name);
  await expect(balerRow).toContainText('Balers');
  await expect(balerRow).toContainText('$1,200');
  await expect(balerRow).toContainText('$984');
  await expect(balerRow).toContainText('\u221218%');
  await expect(priceRow(page, tedder.sku)).toContainText('$750.25');
  await expect(priceRow(page, tedder.sku)).toContainText('$615.21');
  // Listed in euros with no fixed price: no price on a dollar list.
  await expect(priceRow(page, imported.sku)).toContainText('€400');
  await expect(priceRow(page, imported.sku)).toContainText('No price');
  await expect(priceRow(page, imported.sku)).toContainText('Listed in EUR');
  await expect(page.getByText('3 products')).toBeVisible();
  await expectAccessible(page);

  // A fixed price, typed in the row and saved with Enter, wins over the discount.
  await balerRow.getByRole('button', { name: `Fix the price of ${baler.name}` }).click();
  const box = balerRow.getByRole('textbox', { name: `Fixed price of ${baler.name} in USD` });
  await box.fill('abc');
  await box.press('Enter');
  await expect(box).toHaveAccessibleDescription(/An amount such as/);
  await box.fill('950');
  await box.press('Enter');
  await expect(box).toBeHidden();
  await expect(balerRow).toContainText('$950');
  await expect(balerRow).toContainText('Fixed');
  await expect
    .poll(async () => (await api.get(`/price-lists/${id}/prices?productId=${baler.id}`)).data[0])
    .toMatchObject({ unitPrice: 950, source: 'fixed' });

  // Another, saved by leaving the box.
  const tedderRow = priceRow(page, tedder.sku);
  await tedderRow.getByRole('button', { name: `Fix the price of ${tedder.name}` }).click();
  await tedderRow.getByRole('textbox', { name: `Fixed price of ${tedder.name} in USD` }).fill('1,100.50');
  await page.getByRole('heading', { name: "Catalogue at this list's prices" }).click();
  await expect(tedderRow).toContainText('$1,100.50');
  await expect
    .poll(async () => (await api.get(`/price-lists/${id}/prices?productId=${tedder.id}`)).data[0])
    .toMatchObject({ unitPrice: 1100.5, source: 'fixed' });

  // Only the fixed ones, by the source filter.
  await page.getByRole('combobox', { name: 'Price from' }).click();
  await page.getByRole('option', { name: 'Fixed prices' }).click();
  await expect(page.getByText('2 products')).toBeVisible();
  await expect(priceRow(page, imported.sku)).toHaveCount(0);
  await expect(page).toHaveURL(/source=fixed/);
  await page.getByRole('combobox', { name: 'Price from' }).click();
  await page.getByRole('option', { name: 'Fixed prices' }).click();
  await expect(page.getByText('3 products')).toBeVisible();

  // Reset to the discount: $984 again, and the server has no fixed price for it any more.
  await balerRow.getByRole('button', { name: `Reset to discount of ${baler.name}` }).click();
  await expect(balerRow).toContainText('$984');
  await expect(balerRow).toContainText('\u221218%');
  await expect(balerRow).not.toContainText('Fixed');
  await expect
    .poll(async () => (await api.get(`/price-lists/${id}/prices?productId=${baler.id}`)).data[0])
    .toMatchObject({ unitPrice: 984, source: 'discount' });

  // A new discount reprices every product without a fixed price.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await edit.getByRole('textbox', { name: 'Discount' }).fill('30');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(summary).toContainText('30% off list prices');
  await expect(balerRow).toContainText('$840');
  await expect(balerRow).toContainText('\u221230%');
  await expect(tedderRow).toContainText('$1,100.50');
  expect((await api.get(`/price-lists/${id}`)).discountPercent).toBe(30);

  // On a phone: cards, nothing wider than the screen, the price still set in place.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/price-lists/${id}?q=${tag}`);
  const card = page.getByTestId('price-card').filter({ hasText: baler.name });
  await expect(card).toContainText('$840');
  await expectNoHorizontalScroll(page);
  await card.getByRole('button', { name: `Fix the price of ${baler.name}` }).click();
  await card.getByRole('textbox', { name: `Fixed price of ${baler.name} in USD` }).fill('899');
  await card.getByRole('textbox', { name: `Fixed price of ${baler.name} in USD` }).press('Enter');
  await expect(card).toContainText('$899');
  await expect(card).toContainText('Fixed');
  await expect
    .poll(async () => (await api.get(`/price-lists/${id}/prices?productId=${baler.id}`)).data[0].unitPrice)
    .toBe(899);
  await expectAccessible(page);
  await page.goto(`/price-lists?q=${tag}`);
  await expect(page.getByRole('link', { name })).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('a rep reads a price list and its prices, and is offered no change to them', async ({ page, api }) => {
  const tag = unique();
  const { rep } = await seedManagerAndRep(api, tag, password);
  const list = await api.post('/price-lists', { name: `Distributor net ${tag}`, discountPercent: 30 });
  const product = await api.post('/products', {
    sku: `RO-${tag}`.toUpperCase(),
    name: `Mower ${tag}`,
    unitPrice: 1000,
  });
  const other = await api.post('/products', { sku: `RX-${tag}`.toUpperCase(), name: `Rake ${tag}`, unitPrice: 500 });
  const asAdmin = await callAs('admin@example.com', 'e2e-admin-password-123');
  expect((await asAdmin('PUT', `/price-lists/${list.id}/prices/${product.id}`, { unitPrice: 640 })).status).toBe(200);
  // The server's rule the page mirrors: a rep's price is refused.
  const asRep = await callAs(rep.email, password);
  expect((await asRep('PUT', `/price-lists/${list.id}/prices/${other.id}`, { unitPrice: 1 })).status).toBe(403);
  const repApi = await apiAs(e2eOrigin, rep.email, password);
  await expect(repApi.post('/price-lists', { name: `Nope ${tag}` })).rejects.toThrow(/403/);

  await signIn(page, rep.email, password, `/price-lists?q=${tag}`);
  await expect(page.getByText('Managers and admins keep them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New price list' })).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: list.name });
  await expect(row).toContainText('30% off list prices');
  await expect(row.getByRole('button')).toHaveCount(0);
  await row.getByRole('link', { name: list.name }).click();

  await expect(page.getByRole('heading', { name: list.name, level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search products' }).fill(tag);
  // The search reaches the URL (and the API) a moment after the last key.
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const fixed = priceRow(page, product.sku);
  await expect(fixed).toContainText('$640');
  await expect(fixed).toContainText('Fixed');
  await expect(priceRow(page, other.sku)).toContainText('$350');
  await expect(priceRow(page, other.sku)).toContainText('\u221230%');
  await expect(page.getByText('Managers and admins set the prices on a list.')).toBeVisible();
  await expect(
    page.getByRole('button', { name: /^(Fix the price|Change the fixed price|Reset to discount)/ }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'More actions' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a list accounts are on is not deleted: the page says how many and what to do; an unused one is, with Undo', async ({
  page,
  api,
}) => {
  const tag = unique();
  const used = await api.post('/price-lists', { name: `Distributor net ${tag}`, discountPercent: 30 });
  const unused = await api.post('/price-lists', { name: `Old dealer net ${tag}`, discountPercent: 15 });
  const account = await api.post('/accounts', { name: `Valley Distribution ${tag}`, priceListId: used.id });

  await signIn(page, undefined, undefined, `/price-lists?q=${tag}`);
  const usedRow = page.getByRole('row').filter({ hasText: used.name });
  await usedRow.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${used.name}?` });
  expectConsoleError(page, /409/);
  await confirm.getByRole('button', { name: 'Delete price list' }).click();
  const refusal = page.getByRole('dialog', { name: `${used.name} is in use` });
  await expect(refusal).toContainText('It was not deleted');
  await expect(refusal).toContainText('1 account is on this price list');
  await expect(refusal).toContainText('Give it another price list (or none) first');
  await expect(refusal).toContainText('Or make it inactive instead');
  await expect(refusal.getByRole('button', { name: 'Make it inactive' })).toBeVisible();
  await expectAccessible(page);
  expect((await api.get(`/price-lists/${used.id}`)).id).toBe(used.id);

  // The link leads to the accounts on it.
  await refusal.getByRole('link', { name: `See the accounts on ${used.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts\\?priceListId=${used.id}`));
  await expect(page.getByRole('link', { name: account.name })).toBeVisible();
  await expect(page.getByText('1 account', { exact: true })).toBeVisible();

  // Its page counts them too, and links to them.
  await page.goto(`/price-lists/${used.id}`);
  await page.getByRole('link', { name: '1 account on this list' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts\\?priceListId=${used.id}`));
  await expect(page.getByRole('link', { name: account.name })).toBeVisible();

  // Making it inactive instead, from the refusal.
  await page.goto(`/price-lists/${used.id}`);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete price list' }).click();
  await page
    .getByRole('dialog', { name: `Delete ${used.name}?` })
    .getByRole('button', { name: 'Delete price list' })
    .click();
  await page
    .getByRole('dialog', { name: `${used.name} is in use` })
    .getByRole('button', { name: 'Make it inactive' })
    .click();
  await expect(page.getByTestId('price-list-summary')).toContainText('Inactive');
  await expect.poll(async () => (await api.get(`/price-lists/${used.id}`)).active).toBe(false);

  // An unused list goes, and Undo brings it back.
  await page.goto(`/price-lists?q=${tag}`);
  const unusedRow = page.getByRole('row').filter({ hasText: unused.name });
  await unusedRow.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: `Delete ${unused.name}?` })
    .getByRole('button', { name: 'Delete price list' })
    .click();
  await expect(unusedRow).toHaveCount(0);
  await expect
    .poll(async () => (await api.get(`/price-lists?q=${encodeURIComponent(unused.name)}`)).data.length)
    .toBe(0);
  const notice = page.getByRole('alert').filter({ hasText: `Deleted price list ${unused.name}.` });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(unusedRow).toBeVisible();
  await expect.poll(async () => (await api.get(`/price-lists/${unused.id}`)).id).toBe(unused.id);
});

test('the search palette opens the price lists', async ({ page }) => {
  await signIn(page, undefined, undefined, '/overview');
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search' }).fill('price');
  await page.getByRole('button', { name: 'Price lists' }).click();
  await expect(page).toHaveURL(/\/price-lists$/);
  await expect(page.getByRole('heading', { name: 'Price lists', level: 1 })).toBeVisible();
});
