import { apiAs, isoDate, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

const password = 'the password of the sales team';

test('a product from the catalogue prices a deal: added, changed and removed, the amount following it', async ({
  page,
  api,
}) => {
  const tag = unique();
  const sku = `BAL-${tag}`.toUpperCase();
  const name = `Round baler ${tag}`;

  // The catalogue: an admin adds the product; a second one with its SKU is refused at the SKU.
  await signIn(page, undefined, undefined, `/products?q=${tag}`);
  await expect(page.getByText('No products match')).toBeVisible();
  const addProduct = async (productName: string) => {
    await page.getByRole('button', { name: 'New product' }).click();
    const form = page.getByRole('dialog', { name: 'New product' });
    await form.getByRole('textbox', { name: 'SKU', exact: true }).fill(sku);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(productName);
    await form.getByRole('combobox', { name: 'Family' }).fill('Balers');
    await form.getByRole('textbox', { name: 'List price' }).fill('1200');
    await form.getByRole('button', { name: 'Create product' }).click();
    return form;
  };
  await expect(await addProduct(name)).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: sku });
  await expect(row).toContainText(name);
  await expect(row).toContainText('$1,200');
  await expect(row).toContainText('Active');
  expectConsoleError(page, /409/);
  const duplicate = await addProduct(`Another ${tag}`);
  await expect(duplicate.getByRole('textbox', { name: 'SKU', exact: true })).toHaveAccessibleDescription(
    /Another product has this SKU/,
  );
  await duplicate.getByRole('button', { name: 'Cancel' }).click();
  await expectAccessible(page);

  // A deal, priced by hand until it has products.
  const account = await api.post('/accounts', { name: `Farm ${tag}` });
  const deal = await api.post('/opportunities', {
    name: `Hay season ${tag}`,
    accountId: account.id,
    stage: 'proposal',
    amount: 5000,
    closeDate: isoDate(30),
  });
  await page.goto(`/opportunities/${deal.id}`);
  const section = page
    .getByTestId('record-related')
    .locator('.mantine-Card-root', { has: page.getByRole('heading', { name: 'Products', exact: true }) });
  await expect(section).toContainText('No products on this deal yet. Add what they are buying to price it.');
  const amount = page.getByTestId('record-properties');
  await expect(amount).toContainText('$5,000');

  // Three at 10% off: the line and the deal's amount both say $3,240.
  await section.getByRole('button', { name: 'Add product' }).click();
  const add = page.getByRole('dialog', { name: `Add a product to ${deal.name}` });
  await add.getByRole('combobox', { name: 'Product' }).fill(sku);
  await page.getByRole('option', { name: new RegExp(sku) }).click();
  await expect(add).toContainText('List price $1,200');
  await add.getByRole('textbox', { name: 'Quantity' }).fill('3');
  await add.getByRole('textbox', { name: 'Discount' }).fill('10');
  await expect(add).toContainText('Line total: $3,240');
  await add.getByRole('button', { name: 'Add product' }).click();
  await expect(add).toBeHidden();
  const line = section.getByRole('row').filter({ hasText: name });
  await expect(line).toContainText(`${sku} · 3 × $1,200 · less 10%`);
  await expect(line).toContainText('$3,240');
  await expect(section.getByTestId('deal-products-sum')).toHaveText('$3,240');
  await expect(amount).toContainText('$3,240');
  await expect(amount).toContainText('The sum of its products');
  await expect(page.getByRole('button', { name: 'Edit amount' })).toHaveCount(0);
  await expectAccessible(page);
  // The deal's own form says so too, rather than offer an amount the server would refuse.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dealForm = page.getByRole('dialog', { name: `Edit ${deal.name}` });
  await expect(dealForm.getByRole('textbox', { name: 'Amount' })).toHaveAttribute('readonly', '');
  await expect(dealForm).toContainText('The sum of its products: change them in Products');
  await dealForm.getByRole('textbox', { name: 'Deal name' }).fill(`${deal.name} (priced)`);
  await dealForm.getByRole('button', { name: 'Save' }).click();
  await expect(dealForm).toBeHidden();
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).name).toBe(`${deal.name} (priced)`);

  // Five instead: $5,400.
  await line.getByRole('button', { name, exact: true }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  await edit.getByRole('textbox', { name: 'Quantity' }).fill('5');
  await expect(edit).toContainText('Line total: $5,400');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(line).toContainText('$5,400');
  await expect(amount).toContainText('$5,400');

  // Removed: the amount stays as it was, and is the deal's own to edit again.
  await line.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${name} from the deal?` });
  await expect(confirm).toContainText('the amount stays at $5,400');
  await confirm.getByRole('button', { name: 'Remove product' }).click();
  await expect(section).toContainText('No products on this deal yet.');
  await expect(page.getByRole('button', { name: 'Edit amount' }).first()).toBeVisible();
  await expect(amount).not.toContainText('The sum of its products');
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}/line-items`)).data.length).toBe(0);
  expect((await api.get(`/opportunities/${deal.id}`)).amount).toBe(5400);

  // The catalogue on a phone: cards, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/products?q=${tag}`);
  await expect(page.getByText(name)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test('a rep reads the catalogue and is offered no change to it', async ({ page, api }) => {
  const tag = unique();
  await api.post('/products', { sku: `RO-${tag}`, name: `Tedder ${tag}`, unitPrice: 750.25 });
  const rep = await api.post('/users', { name: `Rob ${tag}`, email: `rob-${tag}@example.com`, password, role: 'rep' });
  // The server's rule the page mirrors: a rep's create is refused.
  const asRep = await apiAs(e2eOrigin, rep.email, password);
  await expect(asRep.post('/products', { sku: `X-${tag}`, name: 'x', unitPrice: 1 })).rejects.toThrow(/403/);

  await signIn(page, rep.email, password, `/products?q=${tag}`);
  const row = page.getByRole('row').filter({ hasText: `RO-${tag}` });
  await expect(row).toContainText('$750.25');
  await expect(page.getByText('Managers and admins keep the catalogue.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New product' })).toHaveCount(0);
  await expect(row.getByRole('button')).toHaveCount(0);
});
