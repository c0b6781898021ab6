import fs from 'node:fs/promises';
import { unique } from './api.js';
import { expect, signIn, test } from './helpers.js';

test('a list exports as CSV just as it is filtered, every page of it', async ({ page, api }) => {
  const tag = unique();
  for (let index = 0; index < 3; index += 1) {
    await api.post('/accounts', { name: `Export Harvest ${tag} ${index}`, type: 'dealer', address: { city: 'Ghent' } });
  }
  await api.post('/accounts', { name: `Export Harvest ${tag} customer`, type: 'customer' });
  await signIn(page, undefined, undefined, `/accounts?q=${encodeURIComponent(`Export Harvest ${tag}`)}&type=dealer`);
  await expect(page.getByText('3 accounts')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^meridian-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await fs.readFile((await file.path()) as string, 'utf8');
  const lines = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^id,createdAt,updatedAt,version,name,type,/);
  expect(
    lines
      .slice(1)
      .map((line) => line.split(',')[4])
      .sort(),
  ).toEqual([0, 1, 2].map((index) => `Export Harvest ${tag} ${index}`));
  expect(lines.slice(1).every((line) => line.includes(',dealer,') && line.includes('Ghent'))).toBe(true);
});
