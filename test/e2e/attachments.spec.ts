import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileChooser, Locator, Page } from '@playwright/test';
import { isoTime, unique } from './api.js';
import { admin, e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Files on record pages: uploaded through the picker (several at once), listed newest first with size,
 * uploader and a photo's thumbnail, downloaded with the session's token, renamed, deleted and brought back.
 */

const password = 'the password of the file test';

/** A 1×1 PNG: enough for the browser to decode a thumbnail. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const filesSection = (page: Page) => page.getByTestId('record-files');
const fileRow = (section: Locator, name: string) =>
  section.getByTestId('file-row').filter({ has: section.page().getByRole('button', { name, exact: true }) });

/** Picks files in the file chooser that "Upload file" opens, as a person does. */
async function pickFiles(page: Page, files: Parameters<FileChooser['setFiles']>[0]) {
  const chooser = page.waitForEvent('filechooser');
  await filesSection(page).getByRole('button', { name: 'Upload file' }).click();
  await (await chooser).setFiles(files);
  // The pointer rests off the button again: a hovered button is not what the contrast check is about.
  await filesSection(page).getByRole('heading', { name: 'Files' }).hover();
}

/** Opens a file's menu: its items, and only its own (another menu may still be fading out). */
async function fileMenu(page: Page, name: string) {
  await fileRow(filesSection(page), name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click();
  return page.getByRole('menu', { name: `Actions for ${name}` });
}

/** Opens a file's menu and chooses an item. */
async function fileAction(page: Page, name: string, item: string) {
  await (await fileMenu(page, name)).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Uploads as the admin through the API (multipart), as another client would. */
async function uploadAsAdmin(fields: Record<string, string>, name: string, bytes: Uint8Array) {
  const login = await fetch(`${e2eOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/plain' }), name);
  const response = await fetch(`${e2eOrigin}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  expect(response.status).toBe(201);
}

test('files on an account: uploaded, downloaded, renamed, deleted and brought back, a photo with its thumbnail', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Oak Tools ${tag}`, type: 'customer' });
  const priceList = `price-list-${tag}.csv`;
  const terms = `terms-${tag}.txt`;
  // 1,536 bytes: "1.5 KB".
  const priceBytes = Buffer.from(`sku,price\n${'OAK-1,19.90\n'.repeat(127)}`.padEnd(1536, '#'));
  expect(priceBytes.length).toBe(1536);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/accounts/${account.id}`);
  const section = filesSection(page);
  await expect(section.getByRole('heading', { name: 'Files' })).toBeVisible();
  await expect(section).toContainText('No files yet. Drop a price list, a signed agreement or a photo here.');

  // Two files at once: each its own upload, both listed with size, uploader and when.
  await pickFiles(page, [
    { name: priceList, mimeType: 'text/csv', buffer: priceBytes },
    { name: terms, mimeType: 'text/plain', buffer: Buffer.from('Net 30 days.\n') },
  ]);
  const priceRow = fileRow(section, priceList);
  await expect(priceRow).toContainText('1.5 KB · Administrator, a few seconds ago');
  await expect(fileRow(section, terms)).toContainText('13 bytes');
  await expect(section.getByTestId('upload-row')).toHaveCount(0);
  await expect(section).not.toContainText('No files yet');
  const stored = await api.get(`/attachments?accountId=${account.id}`);
  expect(stored.data.map((file: { fileName: string }) => file.fileName).sort()).toEqual([priceList, terms].sort());
  await expectAccessible(page);

  // Downloaded with the session's token: the very bytes uploaded, under the file's name.
  const download = page.waitForEvent('download');
  await fileAction(page, priceList, 'Download');
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(priceList);
  expect((await fs.readFile((await saved.path()) as string)).equals(priceBytes)).toBe(true);

  // Renamed, to a name with an accent: the list, the API and the next download all use it.
  const renamed = `Devis signé ${tag}.csv`;
  await fileAction(page, priceList, 'Rename…');
  const dialog = page.getByRole('dialog', { name: `Rename ${priceList}` });
  await dialog.getByRole('textbox', { name: 'File name' }).fill(renamed);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(fileRow(section, renamed)).toContainText('1.5 KB');
  await expect(fileRow(section, priceList)).toHaveCount(0);
  await expect
    .poll(async () =>
      (await api.get(`/attachments?accountId=${account.id}&q=${tag}`)).data.map(
        (file: { fileName: string }) => file.fileName,
      ),
    )
    .toContain(renamed);
  const again = page.waitForEvent('download');
  await fileAction(page, renamed, 'Download');
  expect((await again).suggestedFilename()).toBe(renamed);

  // Deleted, then brought back with Undo.
  await fileAction(page, renamed, 'Delete');
  await expect(fileRow(section, renamed)).toHaveCount(0);
  const notice = page.getByRole('alert').filter({ hasText: `Deleted file ${renamed}.` });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(fileRow(section, renamed)).toBeVisible();
  await expect.poll(async () => (await api.get(`/attachments?accountId=${account.id}`)).data.length).toBe(2);

  // A photo shows as a thumbnail (its bytes fetched with the token) and opens in a tab of its own.
  const photo = `shelf-${tag}.png`;
  await pickFiles(page, [{ name: photo, mimeType: 'image/png', buffer: png }]);
  const thumbnail = fileRow(section, photo).getByRole('img', { name: `Preview of ${photo}` });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  // Newest first.
  await expect(section.getByTestId('file-row').first()).toContainText(photo);
  const popup = page.waitForEvent('popup');
  await fileRow(section, photo).getByRole('button', { name: photo, exact: true }).click();
  const tab = await popup;
  await expect.poll(() => tab.url()).toMatch(/^blob:/);
  await tab.close();

  // Larger than the server keeps: refused with the limit named, the other files left as they are.
  const big = path.join(os.tmpdir(), `meridian-e2e-big-${tag}.bin`);
  await fs.writeFile(big, Buffer.alloc(25 * 1024 * 1024 + 1, 1));
  try {
    expectConsoleError(page, /413/);
    await pickFiles(page, big);
    const refused = section.getByTestId('upload-row');
    await expect(refused).toContainText(`meridian-e2e-big-${tag}.bin is larger than the 25 MB limit.`);
    await refused.getByRole('button', { name: `Dismiss meridian-e2e-big-${tag}.bin` }).click();
    await expect(refused).toHaveCount(0);
  } finally {
    await fs.rm(big, { force: true });
  }
  await expect(section.getByTestId('file-row')).toHaveCount(3);
  await expectAccessible(page);

  // On a phone: the camera is offered, and nothing is wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(section.getByRole('button', { name: 'Take photo' })).toBeVisible();
  await expect(fileRow(section, photo)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("a rep renames and deletes only their own files, and a visit's photo lands on its account", async ({
  page,
  api,
}) => {
  const tag = unique();
  const rep = await api.post('/users', {
    name: `Rita ${tag}`,
    email: `rita-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const account = await api.post('/accounts', { name: `Birch Farm ${tag}`, type: 'customer', ownerId: rep.id });
  const visit = await api.post('/activities', {
    type: 'visit',
    subject: `Shelf check ${tag}`,
    accountId: account.id,
    scheduledAt: isoTime(0),
    durationMinutes: 30,
    ownerId: rep.id,
  });
  const catalogue = `catalogue-${tag}.txt`;
  await uploadAsAdmin({ accountId: account.id }, catalogue, Buffer.from('The catalogue'));

  await signIn(page, rep.email, password, `/accounts/${account.id}`);
  const section = filesSection(page);
  const mine = `my-notes-${tag}.txt`;
  await pickFiles(page, [{ name: mine, mimeType: 'text/plain', buffer: Buffer.from('Mine') }]);
  const myMenu = await fileMenu(page, mine);
  await expect(myMenu.getByRole('menuitem', { name: 'Rename…' })).toBeVisible();
  await expect(myMenu.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(myMenu).toBeHidden();

  // The admin's file: the rep reads and downloads it, but is offered no change to it.
  const theirMenu = await fileMenu(page, catalogue);
  await expect(theirMenu.getByRole('menuitem', { name: 'Download' })).toBeVisible();
  await expect(theirMenu.getByRole('menuitem', { name: 'Rename…' })).toHaveCount(0);
  await expect(theirMenu.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(theirMenu).toBeHidden();

  // The visit's menu attaches a photo to the visit; it shows among the account's files.
  const photo = `visit-${tag}.png`;
  const chooser = page.waitForEvent('filechooser');
  await page
    .getByTestId('record-timeline')
    .getByRole('button', { name: `Actions for ${visit.subject}` })
    .click();
  await page.getByRole('menuitem', { name: 'Attach photo…' }).click();
  await (await chooser).setFiles([{ name: photo, mimeType: 'image/png', buffer: png }]);
  await expect(page.getByText(`${photo} attached to ${visit.subject}`)).toBeVisible();
  await expect(fileRow(section, photo).getByRole('img', { name: `Preview of ${photo}` })).toBeVisible();
  const attached = (await api.get(`/attachments?activityId=${visit.id}`)).data;
  expect(attached).toMatchObject([
    { fileName: photo, accountId: account.id, activityId: visit.id, uploadedById: rep.id },
  ]);
});
