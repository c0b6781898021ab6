import type { Page } from '@playwright/test';
import { isoTime, unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';
import { textedMessage } from './outbox.js';

/*
 * Texts (SMS) from record pages: one written on a contact page goes out through the server's worker (the
 * e2e server has no Twilio, so its offline SMS outbox) once the ten seconds to take it back are over, and
 * its timeline entry follows it to sent; a number without its country code is said and never sent; a
 * failed text is mended and queued again, a scheduled one cancelled.
 */

/** A timeline entry, by its title ("Outbound SMS": a text has no subject). */
const entryOf = (page: Page, title: string) =>
  page
    .getByTestId('record-timeline')
    .locator('.mantine-Timeline-item')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) });

async function openSendText(page: Page) {
  await page.getByRole('button', { name: 'More ways to e-mail or log a call' }).click();
  await page.getByRole('menuitem', { name: 'Send text' }).click();
}

test('a rep texts a contact from their page; the server sends it and the timeline follows', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Harbour Tools ${tag}`, type: 'customer' });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Ana',
    lastName: `Buyer ${tag}`,
    phone: '+31 20 555 0100',
    mobile: '+31 6 1234 5678',
  });
  const body = `Your racking leaves on Monday ${tag}`;

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/contacts/${contact.id}`);
  await openSendText(page);
  const dialog = page.getByRole('dialog', { name: `Send a text · Ana Buyer ${tag}` });
  // The mobile, not the desk phone, written for reading back.
  await expect(dialog.getByRole('textbox', { name: 'To' })).toHaveValue('+31 612 345 678');
  await expect(dialog.getByRole('radio', { name: 'Send now' })).toBeChecked();
  const message = dialog.getByRole('textbox', { name: 'Message' });
  await expect(message).toBeFocused();
  await message.fill(body);
  await expect(dialog.getByTestId('text-count')).toHaveText(`${body.length} of 1,600 characters · 1 SMS`);
  await message.fill(`${body} ${'x'.repeat(170)}`);
  await expect(dialog.getByTestId('text-count')).toHaveText(
    `${body.length + 171} of 1,600 characters · 2 SMS (153 characters each)`,
  );
  await message.fill(`${body} 👍`);
  await expect(dialog.getByText('“👍” is outside the SMS alphabet')).toBeVisible();
  await message.fill(body);
  await expectAccessible(page);

  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send text' }).click();
  const answer = await (await created).json();
  await expect(dialog).toBeHidden();
  // Queued for the worker with the number in E.164, filed under the contact and their account.
  expect(answer).toMatchObject({
    channel: 'sms',
    direction: 'outbound',
    status: 'queued',
    to: ['+31612345678'],
    body,
    contactId: contact.id,
    accountId: account.id,
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Sending… Text to +31 612 345 678' })).toBeVisible();
  const entry = entryOf(page, 'Outbound SMS');
  await expect(entry.getByTestId('delivery-state')).toHaveText('Queued');

  // After the ten seconds to take it back, the worker (polling every second) sends it; no reload needed.
  await expect(entry.getByTestId('delivery-state')).toHaveText('Sent', { timeout: 25_000 });
  const texted = await textedMessage(tag);
  expect(texted).toMatchObject({ id: answer.id, to: '+31612345678', body });
  const sent = await api.get(`/communications/${answer.id}`);
  expect(sent).toMatchObject({ status: 'sent', messageId: `outbox:${answer.id}` });

  // Opened, it is what went out: the number grouped for reading, and nothing left to change.
  await entry.getByRole('button', { name: 'Outbound SMS', exact: true }).click();
  const opened = page.getByRole('dialog', { name: 'Text to +31 612 345 678' });
  await expect(opened.getByText(body)).toBeVisible();
  await expect(opened.getByText('+31 612 345 678', { exact: true })).toBeVisible();
  await expect(opened.getByRole('button', { name: 'Edit' })).toHaveCount(0);
});

test('a number without its country code is said at once, and nothing is sent until it has one', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Quay Supplies ${tag}` });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Ole',
    lastName: `Buyer ${tag}`,
    mobile: '06 1234 5678',
  });
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/communications')) posts.push(request.url());
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/contacts/${contact.id}`);
  await openSendText(page);
  const dialog = page.getByRole('dialog', { name: `Send a text · Ole Buyer ${tag}` });
  const to = dialog.getByRole('textbox', { name: 'To' });
  await expect(to).toHaveValue('0612345678');
  const hint = 'Not in international form: write + and the country code instead of the leading 0, e.g. +31 6 1234 5678';
  await expect(dialog.getByText(hint)).toBeVisible();
  await expect(to).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Message' }).fill(`See you at the depot ${tag}`);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Send text' }).click();
  await expect(to).toBeFocused();
  await expect(dialog.getByText(hint)).toBeVisible();
  expect(posts).toEqual([]);

  // Mended, it goes; and the notice's Undo takes it back within the ten seconds.
  await to.fill('+31 6 1234 5678');
  await expect(dialog.getByText(hint)).toBeHidden();
  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send text' }).click();
  const answer = await (await created).json();
  expect(answer).toMatchObject({ to: ['+31612345678'], contactId: contact.id });
  const notice = page.getByRole('alert').filter({ hasText: 'Sending… Text to +31 612 345 678' });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Not sent: Text to +31 612 345 678')).toBeVisible();
  expect((await api.get(`/communications?contactId=${contact.id}`)).data).toEqual([]);
});

test('on a phone, a failed text is mended with "Edit and retry" and a scheduled one is cancelled', async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.post('/leads', {
    firstName: 'Dora',
    lastName: `Vance ${tag}`,
    company: `Vance Haulage ${tag}`,
    source: 'referral',
    phone: '+44 20 7946 0958',
  });
  // As the worker leaves a text the provider refused for good (a logged number stays as typed).
  const failed = await api.post('/communications', {
    channel: 'sms',
    direction: 'outbound',
    status: 'failed',
    to: ['+44 20 7946 0000'],
    body: `Your quote is ready ${tag}`,
    leadId: lead.id,
  });
  const scheduled = await api.post('/communications', {
    channel: 'sms',
    direction: 'outbound',
    status: 'queued',
    occurredAt: isoTime(30),
    to: ['+44 20 7946 0958'],
    body: `Reminder: visit next month ${tag}`,
    leadId: lead.id,
  });

  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, undefined, undefined, `/leads/${lead.id}`);
  const failedEntry = page
    .getByTestId('record-timeline')
    .locator('.mantine-Timeline-item')
    .filter({ hasText: 'Failed' });
  await expect(failedEntry.getByTestId('delivery-state')).toHaveText('Failed');
  await failedEntry.getByRole('button', { name: 'Edit and retry Text to +44 20 7946 0000' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit and retry · Text to +44 20 7946 0000' });
  const box = await dialog.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(374);
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue(`Your quote is ready ${tag}`);
  await dialog.getByRole('textbox', { name: 'To' }).fill('+44 20 7946 0958');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  const patched = page.waitForResponse(
    (response) => response.url().endsWith(`/communications/${failed.id}`) && response.request().method() === 'PATCH',
  );
  await dialog.getByRole('button', { name: 'Send again' }).click();
  const retried = await (await patched).json();
  expect(retried).toMatchObject({ status: 'queued', to: ['+442079460958'], version: failed.version + 1 });
  await expect(dialog).toBeHidden();

  const scheduledEntry = page
    .getByTestId('record-timeline')
    .locator('.mantine-Timeline-item')
    .filter({ hasText: 'Scheduled' });
  await scheduledEntry.getByRole('button', { name: 'Cancel the text to +44 207 946 0958' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel the text to +44 207 946 0958?' });
  await expect(confirm).toContainText('It will not be sent on');
  await confirm.getByRole('button', { name: 'Cancel text' }).click();
  await expect(confirm).toBeHidden();
  await expect(scheduledEntry).toHaveCount(0);
  const left = (await api.get(`/communications?leadId=${lead.id}`)).data.map((text: { id: string }) => text.id);
  expect(left).toEqual([failed.id]);
  expect(left).not.toContain(scheduled.id);
});
