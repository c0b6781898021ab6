import type { Page } from '@playwright/test';
import { type Api, isoDate, seedManagerAndRep, unique } from './api.js';
import { admin, e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * Channel pricing where reps and managers work: a manager puts a dealer's account on the "Dealer net"
 * price list from its page, the accounts list filters by it, and a product added to the account's deal
 * (or to a quote of it) comes at the dealer's price, said beside the unit price and saved at it. The rep
 * who owns the account sees its price list but is offered no change to it. Outcomes are checked through
 * the API.
 */

const password = 'the password of the sales team';

/** `PUT` as the admin: the seeding client has no PUT, and a price is fixed with one. */
async function putAsAdmin(path: string, body: unknown) {
  const login = await fetch(`${e2eOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${e2eOrigin}/api/v1${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * A manager and their rep; the rep's dealer account (on list prices) with an open deal in USD; a baler
 * at $18,500, a tedder at $2,000 with a fixed dealer price of $1,500, a rake listed only in euros; the
 * "Dealer net" list (18% off) and an account on list prices to tell the filter's work apart.
 */
async function seedChannel(api: Api) {
  const tag = unique();
  const { manager, rep } = await seedManagerAndRep(api, tag, password);
  const product = (sku: string, name: string, unitPrice: number, currency = 'USD') =>
    api.post('/products', { sku: `${sku}-${tag}`.toUpperCase(), name: `${name} ${tag}`, unitPrice, currency });
  const baler = await product('BAL', 'Round baler', 18_500);
  const tedder = await product('TED', 'Tedder', 2000);
  const rake = await product('RAK', 'Rotary rake', 900, 'EUR');
  const priceList = await api.post('/price-lists', {
    name: `Dealer net ${tag}`,
    discountPercent: 18,
    currency: 'USD',
  });
  await putAsAdmin(`/price-lists/${priceList.id}/prices/${tedder.id}`, { unitPrice: 1500 });
  const account = await api.post('/accounts', { name: `Valley Dealer ${tag}`, type: 'dealer', ownerId: rep.id });
  const other = await api.post('/accounts', { name: `Valley Farm ${tag}`, ownerId: rep.id });
  const deal = await api.post('/opportunities', {
    name: `Spring fleet ${tag}`,
    accountId: account.id,
    ownerId: rep.id,
    stage: 'proposal',
    amount: 1000,
    currency: 'USD',
    closeDate: isoDate(30),
  });
  return { tag, manager, rep, baler, tedder, rake, priceList, account, other, deal };
}

/** The name a price list goes by beside an account: its name and discount, with a true minus sign. */
const listLabel = (name: string) => `${name} · \u221218%`;

const productsSection = (page: Page) =>
  page
    .getByTestId('record-related')
    .locator('.mantine-Card-root', { has: page.getByRole('heading', { name: 'Products', exact: true }) });

test("a dealer's price list, set by a manager, prices the products added to its deals", async ({
  page,
  api,
  browser,
}) => {
  const { tag, manager, rep, baler, tedder, rake, priceList, account, other, deal } = await seedChannel(api);
  const label = listLabel(priceList.name);

  // The manager puts the account on the list from its page, in place among its properties.
  await signIn(page, manager.email, password, `/accounts/${account.id}`);
  const priceListField = page.getByTestId('account-price-list');
  await expect(priceListField).toHaveText('List prices');
  await page.getByRole('button', { name: 'Edit price list' }).click();
  await page.getByRole('option', { name: label }).click();
  await expect(priceListField).toHaveText(label);
  await expect.poll(async () => (await api.get(`/accounts/${account.id}`)).priceListId).toBe(priceList.id);
  await page.reload();
  await expect(priceListField).toHaveText(label);
  await expectAccessible(page);

  // The accounts list filters by it, kept in the address; the account on list prices is left out.
  await page.goto(`/accounts?q=${tag}`);
  await expect(page.getByRole('row').filter({ hasText: other.name })).toBeVisible();
  await page.getByRole('combobox', { name: 'Price list' }).click();
  await page.getByRole('option', { name: label }).click();
  await expect(page).toHaveURL(new RegExp(`priceListId=${priceList.id}`));
  await expect(page.getByRole('row').filter({ hasText: account.name })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: other.name })).toHaveCount(0);
  await expect(page.getByLabel('Filters in force')).toContainText('Price list');

  // The rep who owns it, in a browser of their own, sees the list but may not change it.
  const repPage = await (await browser.newContext()).newPage();
  await signIn(repPage, rep.email, password, `/accounts/${account.id}`);
  await expect(repPage.getByTestId('account-price-list')).toHaveText(label);
  await expect(repPage.getByRole('button', { name: 'Edit price list' })).toHaveCount(0);
  await expect(repPage.getByRole('button', { name: 'Edit industry' })).toBeVisible();
  // Their account form shows it read-only, and saving their other changes keeps it.
  await repPage.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = repPage.getByRole('dialog', { name: `Edit ${account.name}` });
  const field = form.getByRole('textbox', { name: 'Price list' });
  await expect(field).toHaveValue(label);
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveAccessibleDescription("Managers and admins choose an account's price list.");
  await form.getByRole('textbox', { name: 'Industry' }).fill('Farm machinery');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect.poll(async () => (await api.get(`/accounts/${account.id}`)).industry).toBe('Farm machinery');
  expect((await api.get(`/accounts/${account.id}`)).priceListId).toBe(priceList.id);

  // The rep adds the baler to the account's deal: the dealer's price is filled in and said beside it.
  await repPage.goto(`/opportunities/${deal.id}`);
  const section = productsSection(repPage);
  await section.getByRole('button', { name: 'Add product' }).click();
  const add = repPage.getByRole('dialog', { name: `Add a product to ${deal.name}` });
  await add.getByRole('combobox', { name: 'Product' }).fill(tag);
  // The picker's options carry the deal's prices: the tedder's fixed one beside its list price.
  await expect(repPage.getByRole('option', { name: new RegExp(tedder.sku) })).toContainText(
    `${priceList.name} $1,500 · list $2,000`,
  );
  await expect(repPage.getByRole('option', { name: new RegExp(baler.sku) })).toContainText(
    `${priceList.name} $15,170 · list $18,500`,
  );
  await repPage.getByRole('option', { name: new RegExp(baler.sku) }).click();
  const unitPrice = add.getByRole('textbox', { name: 'Unit price (USD)' });
  await expect(unitPrice).toHaveValue('15,170');
  await expect(unitPrice).toHaveAccessibleDescription(`${priceList.name} $15,170 (list $18,500)`);
  await add.getByRole('textbox', { name: 'Quantity' }).fill('2');
  await expect(add).toContainText('Line total: $30,340');
  await expectAccessible(repPage);
  await add.getByRole('button', { name: 'Add product' }).click();
  await expect(add).toBeHidden();
  const balerLine = section.getByRole('row').filter({ hasText: baler.name });
  await expect(balerLine).toContainText(`${baler.sku} · 2 × $15,170`);
  await expect(section.getByTestId('deal-products-sum')).toHaveText('$30,340');

  // The tedder at its fixed dealer price, typed over: the typed price is what is saved.
  await section.getByRole('button', { name: 'Add product' }).click();
  await add.getByRole('combobox', { name: 'Product' }).fill(tedder.sku);
  await repPage.getByRole('option', { name: new RegExp(tedder.sku) }).click();
  await expect(unitPrice).toHaveValue('1,500');
  await expect(unitPrice).toHaveAccessibleDescription(`${priceList.name} $1,500 (fixed price; list $2,000)`);
  await unitPrice.fill('1450');
  await add.getByRole('button', { name: 'Add product' }).click();
  await expect(add).toBeHidden();
  await expect(section.getByRole('row').filter({ hasText: tedder.name })).toContainText('1 × $1,450');

  // The rake has no price in dollars: the form says so and waits for one.
  await section.getByRole('button', { name: 'Add product' }).click();
  await add.getByRole('combobox', { name: 'Product' }).fill(rake.sku);
  await repPage.getByRole('option', { name: new RegExp(rake.sku) }).click();
  await expect(add).toContainText(`${rake.name} has no price in USD: its list price is €900. Give its price in USD.`);
  await expect(unitPrice).toHaveValue('');
  await add.getByRole('button', { name: 'Add product' }).click();
  await expect(unitPrice).toHaveAccessibleDescription(/Give the price in USD: the list price is in EUR/);
  await add.getByRole('button', { name: 'Cancel' }).click();

  const lines = (await api.get(`/opportunities/${deal.id}/line-items`)).data;
  expect(lines).toHaveLength(2);
  expect(lines.find((line: { productId: string }) => line.productId === baler.id)).toMatchObject({
    quantity: 2,
    unitPrice: 15_170,
    total: 30_340,
  });
  expect(lines.find((line: { productId: string }) => line.productId === tedder.id)).toMatchObject({
    unitPrice: 1450,
  });
  expect((await api.get(`/opportunities/${deal.id}`)).amount).toBe(31_790);
});

test("a product added to a dealer's quote comes at the dealer's price", async ({ page, api }) => {
  const { baler, priceList, account, deal } = await seedChannel(api);
  await api.patch(`/accounts/${account.id}`, { priceListId: priceList.id });
  const quote = await api.post('/quotes', { opportunityId: deal.id });

  await signIn(page, undefined, undefined, `/quotes/${quote.id}`);
  await page.getByRole('combobox', { name: 'Add a product' }).fill(baler.sku);
  await page.getByRole('option', { name: new RegExp(baler.sku) }).click();
  const lines = page.getByTestId('quote-lines');
  await expect(lines).toContainText(`${priceList.name} $15,170 (list $18,500)`);
  await expect(page.getByRole('textbox', { name: `Unit price of ${baler.name}` })).toHaveValue('15,170');
  await expect(page.getByTestId('quote-line-total')).toHaveText('$15,170');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  const saved = await api.get(`/quotes/${quote.id}`);
  expect(saved.lines).toHaveLength(1);
  expect(saved.lines[0]).toMatchObject({ productId: baler.id, quantity: 1, unitPrice: 15_170 });
  expect(saved.net).toBe(15_170);
});
