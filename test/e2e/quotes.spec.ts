import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { type Api, isoDate, unique } from './api.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Quotes from a deal: made from its products on the deal page, a quantity changed with the total
 * following it, the PDF downloaded and looked at, sent to the contact (queued e-mail, status Sent), and
 * marked accepted, after which the deal's amount is the quote's net. Outcomes are checked through the API.
 */

/** A product, an account with a contact who has an e-mail, and a deal of theirs priced with two of it. */
async function seedDeal(api: Api) {
  const tag = unique();
  const product = await api.post('/products', {
    sku: `MOW-${tag}`.toUpperCase(),
    name: `Disc mower ${tag}`,
    unitPrice: 1200,
    description: 'Three-metre cut',
  });
  const account = await api.post('/accounts', { name: `Meadow Farms ${tag}` });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Mira',
    lastName: `Hay ${tag}`,
    email: `mira-${tag}@meadow.example.com`,
  });
  const deal = await api.post('/opportunities', {
    name: `Mowing season ${tag}`,
    accountId: account.id,
    contactId: contact.id,
    stage: 'proposal',
    amount: 1000,
    currency: 'USD',
    closeDate: isoDate(30),
  });
  await api.post(`/opportunities/${deal.id}/line-items`, { productId: product.id, quantity: 2 });
  return { tag, product, account, contact, deal };
}

const quotesSection = (page: Page) =>
  page
    .getByTestId('record-related')
    .locator('.mantine-Card-root', { has: page.getByRole('heading', { name: 'Quotes', exact: true }) });

test('a quote made from a deal: edited, downloaded, sent and accepted, the deal following it', async ({
  page,
  api,
}) => {
  const { tag, product, contact, deal } = await seedDeal(api);

  // The deal page: no quotes yet, and "New quote" makes one from the deal's products and opens it.
  await signIn(page, undefined, undefined, `/opportunities/${deal.id}`);
  const section = quotesSection(page);
  await expect(section).toContainText('No quotes yet.');
  await section.getByRole('button', { name: 'New quote' }).click();
  await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
  const quoteId = page.url().split('/').pop() as string;
  const created = await api.get(`/quotes/${quoteId}`);
  expect(created).toMatchObject({ status: 'draft', contactId: contact.id, net: 2400, title: deal.name });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${created.number}: ${deal.name}`);
  const summary = page.getByTestId('quote-summary');
  await expect(summary).toContainText('Draft');
  await expect(summary.getByRole('link', { name: deal.name })).toHaveAttribute('href', `/opportunities/${deal.id}`);
  await expect(summary.getByRole('link', { name: `Mira Hay ${tag}` })).toBeVisible();
  await expect(page.getByTestId('quote-total')).toHaveText('$2,400');

  // Five instead of two, and 10% tax: the line and the totals follow as typed, and stay once saved.
  const quantity = page.getByRole('textbox', { name: `Quantity of ${product.name}` });
  await quantity.fill('5');
  await expect(page.getByTestId('quote-line-total')).toHaveText('$6,000');
  await page.getByRole('textbox', { name: 'Tax' }).fill('10');
  await expect(page.getByTestId('quote-total')).toHaveText('$6,600');
  await expect(page.getByTestId('quote-totals')).toContainText('With your changes, once saved.');
  await expect(page.getByRole('button', { name: 'Send…' })).toBeDisabled();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(`${created.number} saved`)).toBeVisible();
  await expect(page.getByTestId('quote-totals')).not.toContainText('With your changes');
  await expect(page.getByTestId('quote-total')).toHaveText('$6,600');
  expect(await api.get(`/quotes/${quoteId}`)).toMatchObject({ net: 6000, tax: 600, total: 6600, version: 2 });

  // The PDF, downloaded with the session's token under its number, and shown in a tab of its own.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`Quote ${created.number}.pdf`);
  const bytes = await fs.readFile((await saved.path()) as string);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Preview PDF' }).click();
  const tab = await popup;
  await expect.poll(() => tab.url()).toMatch(/^blob:/);
  await tab.close();

  // Sent to the contact: queued, and the quote is Sent and read-only from then on.
  await page.getByRole('button', { name: 'Send…' }).click();
  const send = page.getByRole('dialog', { name: `Send ${created.number}` });
  await expect(send.getByRole('textbox', { name: 'To' })).toHaveValue(contact.email);
  await send.getByRole('button', { name: 'Send quote' }).click();
  await expect(send).toContainText(`The e-mail to ${contact.email} with the quote's PDF attached is on its way`);
  await send.getByRole('button', { name: 'Done' }).click();
  await expect(send).toBeHidden();
  await expect(summary).toContainText('Sent');
  await expect(page.getByRole('textbox', { name: `Quantity of ${product.name}` })).toHaveCount(0);
  await expect(page.getByText('Sent to the customer: it stays as they have it.')).toBeVisible();
  const mails = await api.get(`/communications?opportunityId=${deal.id}`);
  expect(mails.data[0]).toMatchObject({ channel: 'email', to: [contact.email] });
  await expectAccessible(page);

  // Accepted: the deal's products become the quote's lines and its amount the quote's net.
  await page.getByRole('button', { name: 'Mark accepted' }).click();
  const confirm = page.getByRole('dialog', { name: `Mark ${created.number} accepted?` });
  await expect(confirm).toContainText('its amount $6,000');
  await confirm.getByRole('button', { name: 'Mark accepted' }).click();
  await expect(confirm).toBeHidden();
  await expect(summary).toContainText('Accepted');
  await expect(page.getByRole('button', { name: 'Mark accepted' })).toHaveCount(0);
  await summary.getByRole('link', { name: deal.name }).click();
  await expect(page.getByTestId('record-properties')).toContainText('$6,000');
  await expect(page.getByTestId('deal-products-sum')).toHaveText('$6,000');
  await expect(quotesSection(page).getByTestId('deal-quote')).toContainText(created.number);
  await expect(quotesSection(page).getByTestId('deal-quote')).toContainText('Accepted');
  expect((await api.get(`/opportunities/${deal.id}`)).amount).toBe(6000);

  // The list of quotes: found by the deal's words, filtered to the caller's and to accepted ones.
  await page.goto(`/quotes?q=${tag}&ownerId=me&status=accepted`);
  const row = page.getByRole('row').filter({ hasText: created.number });
  await expect(row).toContainText('Accepted');
  await expect(row).toContainText('$6,600');
  await expect(page.getByText('Owner: me')).toBeVisible();
  await row.getByRole('link', { name: created.number }).click();
  await expect(page).toHaveURL(`/quotes/${quoteId}`);
  await page.goto(`/quotes?q=${tag}&status=rejected`);
  await expect(page.getByText('No quotes match these filters')).toBeVisible();
  await expectAccessible(page);

  // On a phone: the quote's lines scroll in their box, nothing else is wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/quotes/${quoteId}`);
  await expect(page.getByTestId('quote-total')).toHaveText('$6,600');
  await expectNoHorizontalScroll(page);
});

test('a draft changed by someone else meanwhile is reloaded, and the user told, rather than overwritten', async ({
  page,
  api,
}) => {
  const { product, deal } = await seedDeal(api);
  const quote = await api.post('/quotes', { opportunityId: deal.id });
  await signIn(page, undefined, undefined, `/quotes/${quote.id}`);
  await expect(page.getByTestId('quote-total')).toHaveText('$2,400');

  // A colleague renames it while the page is open.
  await api.patch(`/quotes/${quote.id}`, { title: 'Renamed meanwhile' });
  await page.getByRole('textbox', { name: `Quantity of ${product.name}` }).fill('3');
  expectConsoleError(page, /412/);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: `${quote.number} was not saved` });
  await expect(refusal).toContainText('Someone else saved this quote meanwhile.');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Renamed meanwhile');
  await expect(page.getByRole('textbox', { name: `Quantity of ${product.name}` })).toHaveValue('2');
  expect((await api.get(`/quotes/${quote.id}`)).net).toBe(2400);

  // Made again on the fresh version, it saves.
  await page.getByRole('textbox', { name: `Quantity of ${product.name}` }).fill('3');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await api.get(`/quotes/${quote.id}`)).net).toBe(3600);
  await expect(refusal).toHaveCount(0);
});

test('a turned-down quote is offered again as a new version, from its menu', async ({ page, api }) => {
  const { deal } = await seedDeal(api);
  const quote = await api.post('/quotes', { opportunityId: deal.id });
  await api.post(`/quotes/${quote.id}/send`, {});
  await api.post(`/quotes/${quote.id}/reject`, { reason: 'Wants a better price' });
  await signIn(page, undefined, undefined, `/quotes/${quote.id}`);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Make a new version' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/quotes/${quote.id}$`));
  const draftId = page.url().split('/').pop() as string;
  const draft = await api.get(`/quotes/${draftId}`);
  expect(draft).toMatchObject({ status: 'draft', opportunityId: deal.id, net: quote.net });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(draft.number);
  // The draft is open for changes: its title is a field again.
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(quote.title);
  expect((await api.get(`/quotes/${quote.id}`)).status).toBe('rejected');
});
