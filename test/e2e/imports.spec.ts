import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { unique } from './api.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Importing records from a CSV file in the browser: the dry run's preview and mapping, the import
 * followed to its summary, and what was created read back through the API.
 */

/** Picks a file in the dialog's file chooser, as a user would: the button, then the file. */
async function chooseFile(page: Page, button: string, file: { name: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles({ ...file, mimeType: 'text/csv' });
}

test('an admin imports accounts from a file with its own headings, and gets the failed row back', async ({
  page,
  api,
}) => {
  const tag = unique();
  const names = [`Harbour Tractors ${tag}`, `Polder Machines ${tag}`, `Dijk & Zonen ${tag}, B.V.`];
  // "Company Name" and "E-mail" are known headings; "HQ Town" is not, so the user maps it to City.
  const csv = [
    'Company Name,E-mail,HQ Town',
    `${names[0]},info@harbour.example,Rotterdam`,
    `${names[1]},sales at polder,Delft`,
    `"${names[2]}",,Utrecht`,
  ].join('\r\n');

  await signIn(page, undefined, undefined, `/accounts?q=${tag}`);
  await expect(page.getByText(`No accounts match “${tag}”`)).toBeVisible();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts from a CSV file' });
  await chooseFile(page, 'Choose a CSV file', { name: `accounts-${tag}.csv`, buffer: Buffer.from(csv) });
  await expect(dialog.getByText(`accounts-${tag}.csv`)).toBeVisible();

  const town = dialog.getByRole('combobox', { name: 'Field for the column HQ Town' });
  await expect(dialog.getByRole('combobox', { name: 'Field for the column Company Name' })).toHaveValue(
    'Name (required)',
  );
  await expect(dialog.getByRole('combobox', { name: 'Field for the column E-mail' })).toHaveValue('E-mail');
  await expect(town).toHaveValue('Leave out');
  await town.click();
  await page.getByRole('option', { name: 'City', exact: true }).click();
  await expect(town).toHaveValue('City');

  await expect(dialog.getByRole('status').filter({ hasText: 'ready' })).toContainText('2 of 3 rows ready');
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText(/Row 3 · E-mail: .*e-?mail/i);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(dialog.getByTestId('import-counts')).toHaveText('Created: 2 accounts. Not imported: 1 row.', {
    timeout: 15_000,
  });
  await expect(dialog.getByRole('list', { name: 'Rows not imported' })).toContainText('Row 3 · E-mail:');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download the failed rows' }).click();
  const failedRows = await readFile((await (await download).path()) as string, 'utf8');
  expect(failedRows).toMatch(/^row,field,message\r\n3,E-mail,.+\r\n$/);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  // The list behind the dialog shows the new accounts without a reload.
  await expect(page.getByRole('link', { name: names[0] })).toBeVisible();

  const created = (await api.get(`/accounts?q=${tag}&limit=10`)).data as {
    name: string;
    email: string | null;
    address: { city: string | null };
  }[];
  expect(created.map((account) => [account.name, account.email, account.address.city]).sort()).toEqual([
    [names[2], null, 'Utrecht'],
    [names[0], 'info@harbour.example', 'Rotterdam'],
  ]);
});

test('on a phone, a too-large file is refused and a missing required column is said before anything is sent', async ({
  page,
}) => {
  const tag = unique();
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, undefined, undefined, '/contacts');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts from a CSV file' });

  await chooseFile(page, 'Choose a CSV file', { name: 'everyone.csv', buffer: Buffer.alloc(12_000_000, 'a') });
  await expect(dialog.getByRole('alert')).toContainText('“everyone.csv” is 12 MB; an import takes files up to 10 MB');

  // "Employer" is no heading the server knows, so no column names the contact's account.
  const csv = ['Given name,Family name,Employer', `Ada,Lovelace ${tag},Analytical Engines ${tag}`].join('\n');
  await chooseFile(page, 'Choose a CSV file', { name: 'contacts.csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('alert')).toHaveCount(1);
  await expect(dialog.getByRole('alert')).toContainText('No column fills Account (name)');
  await expect(dialog.getByRole('button', { name: 'Import 0 rows' })).toBeDisabled();
  // Said once in the alert, not again for every row.
  await expect(dialog.getByRole('list', { name: 'Problems' })).toHaveCount(0);
  await expect(
    dialog.getByRole('checkbox', { name: 'Add contacts whose e-mail another contact already has' }),
  ).toBeVisible();
  await expectNoHorizontalScroll(page);

  await dialog.getByRole('combobox', { name: 'Field for the column Employer' }).click();
  await page.getByRole('option', { name: 'Account (name) (required)' }).click();
  await expect(dialog.getByText('No column fills')).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText(
    `Row 2 · Account (name): No account named “Analytical Engines ${tag}” that you can see`,
  );
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});
