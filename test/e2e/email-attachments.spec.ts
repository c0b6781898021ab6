import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { seedRepWithContact, unique } from './api.js';
import { e2eOrigin, e2eOutboxDir } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * Files with an e-mail: written on a contact page, it carries a file already on the account and one
 * uploaded from the computer (kept on the contact first); more than the e-mail may carry is refused with
 * why. The server copies both onto the e-mail, sends them as MIME attachments (the e2e outbox's .eml),
 * and the timeline and the opened e-mail list them.
 */

const password = 'mia-password-1234567';

/** Uploads through the API (multipart) as `email`, as another client would. */
async function uploadAs(email: string, fields: Record<string, string>, name: string, text: string) {
  const login = await fetch(`${e2eOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  const response = await fetch(`${e2eOrigin}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

/** A timeline entry, by its title. */
const entryOf = (page: Page, title: string) =>
  page
    .getByTestId('record-timeline')
    .locator('.mantine-Timeline-item')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) });

/** The e-mail in the e2e server's outbox whose text has `tag`, once the worker has written it. */
async function mailedWith(tag: string): Promise<string> {
  let mail: string | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(e2eOutboxDir) ? fs.readdirSync(e2eOutboxDir) : [];
        mail = files.map((file) => fs.readFileSync(path.join(e2eOutboxDir, file), 'utf8')).find((t) => t.includes(tag));
        return mail;
      },
      { message: `an e-mail with ${tag} in the outbox`, timeout: 30_000 },
    )
    .toBeDefined();
  return mail as string;
}

test('an e-mail carries a file of the account and one uploaded from the computer; both go out with it', async ({
  page,
  api,
}) => {
  const tag = unique();
  const { rep, repApi, account, contact } = await seedRepWithContact(api, e2eOrigin, { tag, name: 'Mia', password });
  const priceList = `prices-${tag}.csv`;
  const drawing = `rack-${tag}.txt`;
  await uploadAs(rep.email, { accountId: account.id }, priceList, 'sku,price\nDUNE-1,12.50\n');
  const subject = `Prices and drawing ${tag}`;

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, rep.email, password, `/contacts/${contact.id}`);
  await page.getByRole('button', { name: 'E-mail', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Write an e-mail · Jo Buyer ${tag}` });
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Hello Jo,\n\nthe prices and the drawing are attached.');

  // A file on the account, picked from the record's files.
  await dialog.getByRole('button', { name: 'Choose from files' }).click();
  const onAccount = dialog.getByRole('group', { name: 'Files on the account' });
  await onAccount.getByRole('checkbox', { name: priceList }).check();
  const chosen = dialog.getByTestId('mail-attachment');
  await expect(chosen).toHaveCount(1);

  // More than an e-mail carries is refused before it goes up, with why.
  let chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Upload from computer' }).click();
  await (await chooser).setFiles({
    name: `huge-${tag}.bin`,
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(21 * 1024 * 1024),
  });
  await expect(dialog.getByRole('alert')).toContainText('an e-mail carries at most 20 MB of files');
  await expect(dialog.getByTestId('upload-row')).toHaveCount(0);

  // A file from the computer goes onto the contact first, then with the e-mail.
  chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Upload from computer' }).click();
  await (await chooser).setFiles({ name: drawing, mimeType: 'text/plain', buffer: Buffer.from('Rack: 3 bays') });
  await expect(chosen).toHaveCount(2);
  await expect(dialog.getByTestId('mail-attachments')).toContainText('2 files ·');
  await expect(
    dialog.getByRole('group', { name: 'Files on this contact' }).getByRole('checkbox', { name: drawing }),
  ).toBeChecked();
  // The pointer rests off the button again: a hovered button is not what the contrast check is about.
  await dialog.getByRole('textbox', { name: 'Subject' }).hover();
  await expectAccessible(page);

  // Removed and picked again: the × takes a file off the e-mail only.
  await dialog.getByRole('button', { name: `Remove ${priceList}` }).click();
  await expect(chosen).toHaveCount(1);
  await onAccount.getByRole('checkbox', { name: priceList }).check();
  await expect(chosen).toHaveCount(2);

  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  const email = await (await created).json();
  await expect(dialog).toBeHidden();

  // The e-mail has its own copies of both; the originals stay on the account and the contact.
  const copies = await repApi.get(`/attachments?communicationId=${email.id}`);
  expect(copies.data.map((file: { fileName: string }) => file.fileName).sort()).toEqual([priceList, drawing].sort());
  const contactFiles = await repApi.get(`/attachments?contactId=${contact.id}&communicationId=${email.id}`);
  expect(contactFiles.data).toHaveLength(2);

  // After the seconds the server holds it for Undo, the worker sends it with both files.
  await expect
    .poll(async () => (await repApi.get(`/communications/${email.id}`)).status, { timeout: 40_000 })
    .toBe('sent');
  const mail = await mailedWith(tag);
  expect(mail).toContain(priceList);
  expect(mail).toContain(drawing);

  // The timeline names them under the e-mail; one downloads under its name.
  const entry = entryOf(page, subject);
  const files = entry.getByTestId('email-files');
  await expect(files.getByRole('button', { name: priceList })).toBeVisible({ timeout: 20_000 });
  await expect(files.getByRole('button', { name: drawing })).toBeVisible();
  const download = page.waitForEvent('download');
  await files.getByRole('button', { name: priceList }).click();
  expect((await download).suggestedFilename()).toBe(priceList);

  // Opened, the e-mail lists them too.
  await entry.getByRole('button', { name: subject, exact: true }).click();
  const opened = page.getByRole('dialog', { name: subject });
  await expect(opened.getByTestId('email-files')).toContainText(priceList);
  await expect(opened.getByTestId('email-files')).toContainText(drawing);
});
