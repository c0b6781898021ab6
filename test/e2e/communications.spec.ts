import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiAs, unique } from './api.js';
import { e2eOrigin, e2eOutboxDir } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * E-mail and the call log from record pages: an e-mail written on a contact page goes out through the
 * server's worker (the e2e server's offline outbox) and its timeline entry follows it from queued to sent;
 * a failed one is mended and queued again; a call is logged with its length; a scheduled one is cancelled.
 * Every outcome is checked through the API.
 */

/** Answers the next `method` call to `/communications…` with this problem+json, once. */
async function refuseOnce(page: Page, method: string, status: number, problem: Record<string, unknown>) {
  let refused = false;
  await page.route(/\/api\/v1\/communications/, async (route) => {
    if (refused || route.request().method() !== method) return route.fallback();
    refused = true;
    await route.fulfill({
      status,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Refused', status, ...problem }),
    });
  });
}

/** A timeline entry, by its title. */
const entryOf = (page: Page, title: string) =>
  page
    .getByTestId('record-timeline')
    .locator('.mantine-Timeline-item')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) });

test('an e-mail just sent can be taken back while the notice offers Undo, and then never goes', async ({
  page,
  api,
}) => {
  const tag = unique();
  const rep = await api.post('/users', {
    email: `uma-${tag}@example.com`,
    name: `Uma Rep ${tag}`,
    role: 'rep',
    password: 'uma-password-123456',
  });
  const repApi = await apiAs(e2eOrigin, rep.email, 'uma-password-123456');
  const account = await repApi.post('/accounts', { name: `Quay Supplies ${tag}` });
  const contact = await repApi.post('/contacts', {
    accountId: account.id,
    firstName: 'Ole',
    lastName: `Buyer ${tag}`,
    email: `ole-${tag}@quay.example.com`,
  });
  const subject = `Wrong price list ${tag}`;

  await signIn(page, rep.email, 'uma-password-123456', `/contacts/${contact.id}`);
  await page.getByRole('button', { name: 'E-mail', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Write an e-mail · Ole Buyer ${tag}` });
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('The attached prices are last year’s.');
  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  const email = await (await created).json();
  const notice = page.getByRole('alert').filter({ hasText: `Sending… ${subject}` });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(`Not sent: ${subject}`)).toBeVisible();

  const messages = await repApi.get(`/communications?contactId=${contact.id}`);
  expect(messages.data.map((message: { id: string }) => message.id)).not.toContain(email.id);
  // Once the ten seconds the server holds a message are well over, the outbox still has no copy of it.
  await page.waitForTimeout(12_000);
  const outbox = fs.existsSync(e2eOutboxDir) ? fs.readdirSync(e2eOutboxDir) : [];
  expect(outbox.some((file) => fs.readFileSync(path.join(e2eOutboxDir, file), 'utf8').includes(tag))).toBe(false);
});

test('a rep writes an e-mail on a contact page; the server sends it and the timeline follows', async ({
  page,
  api,
}) => {
  const tag = unique();
  const rep = await api.post('/users', {
    email: `rita-${tag}@example.com`,
    name: `Rita Rep ${tag}`,
    role: 'rep',
    password: 'rita-password-12345',
  });
  const repApi = await apiAs(e2eOrigin, rep.email, 'rita-password-12345');
  const account = await repApi.post('/accounts', { name: `Harbour Tools ${tag}`, type: 'customer' });
  const contact = await repApi.post('/contacts', {
    accountId: account.id,
    firstName: 'Ana',
    lastName: `Buyer ${tag}`,
    email: `ana-${tag}@harbour.example.com`,
  });
  const subject = `Your quote for the racking ${tag}`;

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, rep.email, 'rita-password-12345', `/contacts/${contact.id}`);
  await page.getByRole('button', { name: 'E-mail', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Write an e-mail · Ana Buyer ${tag}` });
  await expect(dialog.getByRole('textbox', { name: 'To' })).toHaveValue(contact.email);
  await expect(dialog.getByRole('radio', { name: 'Send now' })).toBeChecked();

  // An address that is none is said at its box, and nothing is sent.
  await dialog.getByRole('textbox', { name: 'Cc' }).fill('boss@harbour');
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Hello Ana,\n\nthe quote is attached.\n\nRita');
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  await expect(dialog.getByText('“boss@harbour” is not an e-mail address')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Cc' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Cc' }).fill('');
  await expectAccessible(page);

  // A refusal from the server (its mail rules may be stricter than the browser's) lands on the field named,
  // and the dialog stays open with everything typed.
  expectConsoleError(page, /status of 400/);
  await refuseOnce(page, 'POST', 400, {
    detail: 'the addresses of an e-mail must be e-mail addresses',
    errors: [{ path: 'to.0', message: 'not an e-mail address' }],
  });
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  await expect(dialog.getByText(`“${contact.email}”: not an e-mail address`)).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);

  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  const answer = await (await created).json();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Sending… ${subject}`)).toBeVisible();
  // Queued for the worker, filed under the contact and the account the contact belongs to.
  expect(answer).toMatchObject({
    channel: 'email',
    direction: 'outbound',
    status: 'queued',
    to: [contact.email],
    cc: [],
    subject,
    contactId: contact.id,
    accountId: account.id,
    ownerId: rep.id,
  });

  // The worker sends it within seconds; the timeline shows it without a reload.
  await expect
    .poll(async () => (await repApi.get(`/communications/${answer.id}`)).status, { timeout: 30_000 })
    .toBe('sent');
  const sent = await repApi.get(`/communications/${answer.id}`);
  expect(sent.messageId).toBeTruthy();
  expect(sent.from).toContain(rep.email);
  const entry = entryOf(page, subject);
  await expect(entry.getByTestId('delivery-state')).toHaveText('Sent', { timeout: 20_000 });

  // Opened, it is read-only: what went out stays as it went.
  await entry.getByRole('button', { name: subject, exact: true }).click();
  const opened = page.getByRole('dialog', { name: subject });
  await expect(opened.getByText('the quote is attached.')).toBeVisible();
  await expect(opened.getByText(contact.email)).toBeVisible();
  await expect(opened.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await opened.getByRole('button', { name: 'Close', exact: true }).click();

  // It is on the account's timeline too.
  await page.goto(`/accounts/${account.id}`);
  await expect(entryOf(page, subject).getByTestId('delivery-state')).toHaveText('Sent');
});

test('a failed e-mail is mended and sent again with "Edit and retry"', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Quayside Parts ${tag}`, type: 'customer' });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Ben',
    lastName: `Stone ${tag}`,
    email: `ben-${tag}@quayside.example.com`,
  });
  const subject = `Delivery dates ${tag}`;
  const failed = await api.post('/communications', {
    channel: 'email',
    direction: 'outbound',
    status: 'failed',
    to: [`ben-${tag}@quaysde.example.com`],
    subject,
    body: 'Your pallets leave on Monday.',
    contactId: contact.id,
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/contacts/${contact.id}`);
  const entry = entryOf(page, subject);
  await expect(entry.getByTestId('delivery-state')).toHaveText('Failed');
  await expectAccessible(page);
  await entry.getByRole('button', { name: `Edit and retry ${subject}` }).click();

  const dialog = page.getByRole('dialog', { name: `Edit and retry · ${subject}` });
  const to = dialog.getByRole('textbox', { name: 'To' });
  await expect(to).toHaveValue(failed.to[0]);
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue('Your pallets leave on Monday.');
  await to.fill(contact.email);
  await expectAccessible(page);
  // While the worker holds a message the server answers 409: said, and the dialog stays to try again.
  expectConsoleError(page, /status of 409/);
  await refuseOnce(page, 'PATCH', 409, { detail: 'this e-mail is being sent right now: try again in a moment' });
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByText('This e-mail is being sent right now: try again in a moment.')).toBeVisible();
  await expect(dialog).toBeVisible();
  expect((await api.get(`/communications/${failed.id}`)).version).toBe(failed.version);
  await dialog.getByRole('button', { name: 'Send again' }).click();
  await expect(dialog).toBeHidden();

  // The same message, mended and queued again (If-Match its version), then sent by the worker.
  const retried = await api.get(`/communications/${failed.id}`);
  expect(retried.version).toBeGreaterThan(failed.version);
  expect(retried.to).toEqual([contact.email]);
  expect(['queued', 'sent']).toContain(retried.status);
  await expect
    .poll(async () => (await api.get(`/communications/${failed.id}`)).status, { timeout: 30_000 })
    .toBe('sent');
  await expect(entry.getByTestId('delivery-state')).toHaveText('Sent', { timeout: 20_000 });
  await expect(entry.getByRole('button', { name: `Edit and retry ${subject}` })).toHaveCount(0);
});

test('a call is logged from a deal page with how long it took', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Fjord Lifts ${tag}`, type: 'customer' });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Cleo',
    lastName: `Dahl ${tag}`,
    email: `cleo-${tag}@fjord.example.com`,
    phone: '+4722334455',
  });
  const deal = await api.post('/opportunities', {
    name: `Scissor lifts ${tag}`,
    accountId: account.id,
    contactId: contact.id,
    amount: 18_000,
    closeDate: '2030-05-31',
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/opportunities/${deal.id}`);
  await page.getByRole('button', { name: 'More ways to e-mail or log a call' }).click();
  await page.getByRole('menuitem', { name: 'Log call / message' }).click();
  const dialog = page.getByRole('dialog', { name: `Log a call or message · Scissor lifts ${tag}` });
  await expect(dialog.getByRole('radio', { name: 'Call' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Outbound' })).toBeChecked();
  // The deal's contact's number, which the API keeps as it was stored.
  await expect(dialog.getByRole('textbox', { name: 'Number called' })).toHaveValue(contact.phone);
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(`Pricing call ${tag}`);
  await dialog.getByRole('textbox', { name: 'Notes' }).fill('Wants two lifts before June.');
  await dialog.getByRole('textbox', { name: 'Minutes' }).fill('12');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Log call' }).click();
  await expect(dialog).toBeHidden();

  const [logged] = (await api.get(`/communications?opportunityId=${deal.id}`)).data;
  expect(logged).toMatchObject({
    channel: 'call',
    direction: 'outbound',
    status: 'sent',
    durationSeconds: 720,
    subject: `Pricing call ${tag}`,
    body: 'Wants two lifts before June.',
    to: [contact.phone],
    opportunityId: deal.id,
    accountId: account.id,
    contactId: contact.id,
  });
  expect(Date.now() - Date.parse(logged.occurredAt)).toBeLessThan(5 * 60_000);

  // On the timeline, and opened from there with its length.
  const entry = entryOf(page, `Pricing call ${tag}`);
  await expect(entry.getByText('Call', { exact: true })).toBeVisible();
  await entry.getByRole('button', { name: `Pricing call ${tag}`, exact: true }).click();
  const opened = page.getByRole('dialog', { name: `Pricing call ${tag}` });
  await expect(opened.getByText('12 min')).toBeVisible();
  await expect(opened.getByRole('button', { name: 'Edit' })).toBeVisible();
});

test('on a phone, an e-mail scheduled from an account page is cancelled before it goes', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Delta Depots ${tag}`, type: 'dealer' });
  const primary = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Dora',
    lastName: `Vance ${tag}`,
    email: `dora-${tag}@delta.example.com`,
    isPrimary: true,
  });
  const subject = `Spring price list ${tag}`;

  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, undefined, undefined, `/accounts/${account.id}`);
  await page.getByRole('button', { name: 'More ways to e-mail or log a call' }).click();
  await page.getByRole('menuitem', { name: 'Schedule e-mail' }).click();
  const dialog = page.getByRole('dialog', { name: `Write an e-mail · Delta Depots ${tag}` });
  // Full screen on a phone, with the account's primary contact as the recipient.
  const box = await dialog.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(374);
  await expect(dialog.getByRole('textbox', { name: 'To' })).toHaveValue(primary.email);
  await expect(dialog.getByRole('radio', { name: 'Send later' })).toBeChecked();
  const sendAt = dialog.getByRole('textbox', { name: 'Send at' });
  await sendAt.fill('1 Jan 2030, 09:00');
  await sendAt.press('Tab');
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: 'test-results/screenshots/compose-email-375.png' });
  await dialog.getByRole('button', { name: 'Schedule e-mail' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Scheduled for 1 Jan 2030, 09:00: ${subject}`)).toBeVisible();

  const [scheduled] = (await api.get(`/communications?accountId=${account.id}`)).data;
  expect(scheduled).toMatchObject({ status: 'queued', subject, to: [primary.email], contactId: primary.id });
  expect(Date.parse(scheduled.occurredAt)).toBe(new Date(2030, 0, 1, 9, 0).getTime());

  const entry = entryOf(page, subject);
  await expect(entry.getByTestId('delivery-state')).toHaveText('Scheduled 1 Jan 2030, 09:00');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/timeline-scheduled-375.png', fullPage: true });
  await entry.getByRole('button', { name: `Cancel the e-mail ${subject}` }).click();
  const confirm = page.getByRole('dialog', { name: `Cancel the e-mail ${subject}?` });
  await expect(confirm).toContainText('It will not be sent on 1 Jan 2030, 09:00');
  await confirm.getByRole('button', { name: 'Cancel e-mail' }).click();
  await expect(confirm).toBeHidden();
  await expect(entryOf(page, subject)).toHaveCount(0);
  expect((await api.get(`/communications?accountId=${account.id}`)).data).toEqual([]);
});
