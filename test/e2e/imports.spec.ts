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

test('an export edited in a spreadsheet updates the accounts it names, and a row naming none is said', async ({
  page,
  api,
}) => {
  const tag = unique();
  const granary = await api.post('/accounts', {
    name: `Granary ${tag}`,
    industry: 'Farming',
    phone: '+1 312 555 0101',
    address: { city: 'Joliet' },
  });
  const silo = await api.post('/accounts', { name: `Silo ${tag}`, industry: 'Storage', address: { city: 'Peoria' } });

  // The list's own Export CSV, as it is searched: the two accounts under the export's headings.
  await signIn(page, undefined, undefined, `/accounts?q=${tag}`);
  await expect(page.getByRole('link', { name: silo.name })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const exported = await readFile((await (await download).path()) as string, 'utf8');
  const [heading, ...rows] = exported.trimEnd().split('\r\n');
  const headings = (heading as string).replace(/^\uFEFF/, '').split(',');
  expect(headings[0]).toBe('id');
  const edit = (id: string, field: string, value: string) => {
    const cells = (rows.find((row) => row.startsWith(id)) as string).split(',');
    cells[headings.indexOf(field)] = value;
    return cells.join(',');
  };
  const missing = '00000000-0000-4000-8000-000000000000';
  const csv = [
    heading,
    edit(granary.id, 'industry', 'Milling'),
    edit(silo.id, 'address.city', 'Galesburg'),
    // A record deleted since the export, or never there: the ID alone.
    headings.map((_, index) => (index === 0 ? missing : '')).join(','),
  ].join('\r\n');

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts from a CSV file' });
  await expect(dialog.getByRole('radio', { name: 'Add new records' })).toBeChecked();
  await expect(dialog.getByText('To change many accounts at once: Export CSV')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Update existing records (by Meridian ID)' }).check();
  await expect(dialog.getByText('Each row needs: Meridian ID.')).toBeVisible();
  await chooseFile(page, 'Choose a CSV file', { name: 'meridian-accounts-edited.csv', buffer: Buffer.from(csv) });

  await expect(dialog.getByRole('combobox', { name: 'Field for the column id' })).toHaveValue('Meridian ID');
  await expect(dialog.getByRole('combobox', { name: 'Field for the column address.city' })).toHaveValue('City');
  await expect(dialog.getByRole('status').filter({ hasText: 'ready' })).toHaveText(
    '3 of 3 rows ready: 3 will update accounts.',
  );
  await expect(dialog.getByTestId('id-column-hint')).toHaveCount(0);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Update 3 accounts' }).click();
  await expect(dialog.getByTestId('import-counts')).toHaveText('Updated: 2 accounts. Not imported: 1 row.', {
    timeout: 15_000,
  });
  await expect(dialog.getByRole('list', { name: 'Rows not imported' })).toContainText(
    'Row 4 · Meridian ID: Account not found: no account you can see has this ID',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  // Only the cells that changed changed; nothing was created.
  const granaryNow = await api.get(`/accounts/${granary.id}`);
  expect(granaryNow).toMatchObject({ industry: 'Milling', phone: '+1 312 555 0101', address: { city: 'Joliet' } });
  expect(granaryNow.version).toBe(granary.version + 1);
  expect(await api.get(`/accounts/${silo.id}`)).toMatchObject({ industry: 'Storage', address: { city: 'Galesburg' } });
  expect((await api.get(`/accounts?q=${tag}&limit=10`)).data).toHaveLength(2);
});

test('a file with Meridian IDs about to be added as new says so, and one click makes it an update', async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.post('/leads', {
    firstName: 'Fay',
    lastName: `Lead ${tag}`,
    company: `Juniper Logistics ${tag}`,
    email: `fay-${tag}@example.org`,
    source: 'website',
  });
  const csv = [
    'id,First name,Last name,Company,Source',
    `${lead.id},,,Kestrel Freight ${tag},`,
    `,Nia,Newcomer ${tag},Lumen Farms ${tag},Referral`,
  ].join('\n');

  await signIn(page, undefined, undefined, '/leads');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import leads from a CSV file' });
  await chooseFile(page, 'Choose a CSV file', { name: `leads-${tag}.csv`, buffer: Buffer.from(csv) });

  // "Add new" with an ID column: said once, not as a problem on every row with an ID.
  const hint = dialog.getByTestId('id-column-hint');
  await expect(hint).toContainText('This file has Meridian IDs (column “id”)');
  const ready = dialog.getByRole('status').filter({ hasText: 'ready' });
  await expect(ready).toHaveText('1 of 2 rows ready: 1 will add a new lead, 1 has problems.');
  await expect(dialog.getByRole('list', { name: 'Problems' })).toHaveCount(0);
  await expectAccessible(page);

  await hint.getByRole('button', { name: 'Update existing records instead' }).click();
  await expect(dialog.getByRole('radio', { name: 'Update existing records (by Meridian ID)' })).toBeChecked();
  await expect(hint).toHaveCount(0);
  await expect(ready).toHaveText('1 of 2 rows ready: 1 will update a lead, 1 has problems (below).');
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText('Row 3 · Meridian ID: No Meridian ID');
  await expect(dialog.getByRole('button', { name: 'Update 1 lead' })).toBeEnabled();

  // Both: the row with an ID updates its lead, the other becomes a new one.
  await dialog.getByRole('radio', { name: 'Both: update rows with an ID, add the others' }).check();
  await expect(ready).toHaveText('2 of 2 rows ready: 1 will update a lead, 1 will add a new one.');
  await dialog.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(dialog.getByTestId('import-counts')).toHaveText(
    'Updated: 1 lead. Created: 1 lead. Not imported: 0 rows.',
    { timeout: 15_000 },
  );
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The empty cells left the lead's name and e-mail as they were.
  expect(await api.get(`/leads/${lead.id}`)).toMatchObject({
    firstName: 'Fay',
    email: `fay-${tag}@example.org`,
    source: 'website',
    company: `Kestrel Freight ${tag}`,
  });
  const added = (await api.get(`/leads?q=${encodeURIComponent(`Newcomer ${tag}`)}&limit=10`)).data;
  expect(added.map((one: { company: string }) => one.company)).toEqual([`Lumen Farms ${tag}`]);
});
