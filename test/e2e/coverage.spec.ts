import { type Api, isoTime, unique } from './api.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/**
 * A territory of its own (other tests share the server) with three accounts: Acorn visited 10 days ago,
 * Bramble 120 days ago, Clover never (only a cancelled visit). At 90 days: 3 accounts, 1 visited, 33 %.
 */
async function seedTerritory(api: Api, tag: string) {
  const territory = await api.post('/territories', { name: `Coverage ${tag}` });
  const account = (name: string, extra: Record<string, unknown>) =>
    api.post('/accounts', { name: `${name} ${tag}`, territoryId: territory.id, ...extra });
  const acorn = await account('Acorn', { annualRevenue: 800000, address: { city: 'Leeds' } });
  const bramble = await account('Bramble', { annualRevenue: 950000, address: { city: 'York' } });
  const clover = await account('Clover', {});
  const visit = (accountId: string, status: string, days: number) =>
    api.post('/activities', {
      type: 'visit',
      subject: 'Field visit',
      accountId,
      status,
      scheduledAt: isoTime(days),
      ...(status === 'completed' ? { completedAt: isoTime(days) } : {}),
    });
  await visit(acorn.id, 'completed', -10);
  await visit(bramble.id, 'completed', -120);
  await visit(clover.id, 'cancelled', -3);
  return { territory, acorn, bramble, clover };
}

test('the coverage report shows who was visited, and plans a visit to a neglected account', async ({ page, api }) => {
  const tag = unique();
  const { territory, bramble } = await seedTerritory(api, tag);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/reports/coverage?territoryId=${territory.id}`);
  await expect(page.getByRole('tab', { name: 'Coverage', selected: true })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `Coverage ${tag}` });
  // Territory, accounts, visited, coverage, due for a visit (no account has a call cycle), visit planned, last visit.
  await expect(row.getByRole('cell')).toHaveText([`Coverage ${tag}`, '3', '1', '33%', '0', '0', /\d+ \w{3} \d{4}/]);
  await expect(row.getByRole('progressbar', { name: `Coverage of Coverage ${tag}` })).toBeVisible();

  // The neglected accounts, the most valuable first: Bramble (seen 120 days ago), then Clover (never).
  const neglected = page.getByRole('table').filter({ hasText: 'Next visit' });
  await expect(neglected.getByRole('row')).toHaveCount(3);
  await expect(neglected.getByRole('row').nth(1)).toContainText(`Bramble ${tag}`);
  await expect(neglected.getByRole('row').nth(1)).toContainText('$950,000');
  await expect(neglected.getByRole('row').nth(1)).toContainText('120 days ago');
  await expect(neglected.getByRole('row').nth(2)).toContainText('Never');
  await expect(neglected.getByRole('link', { name: `Bramble ${tag}` })).toHaveAttribute(
    'href',
    `/accounts/${bramble.id}`,
  );
  await expectAccessible(page);

  // A wider window covers Bramble too.
  await page.getByText('180 days', { exact: true }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('67%');
  await expect(neglected.getByRole('row')).toHaveCount(2);
  await page.getByText('90 days', { exact: true }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('33%');

  await page.getByRole('button', { name: `Plan visit to Bramble ${tag}` }).click();
  const dialog = page.getByRole('dialog', { name: `Plan a visit · Bramble ${tag}` });
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Visit Bramble ${tag}`);
  await dialog.getByRole('button', { name: 'Plan visit' }).click();
  await expect(dialog).toBeHidden();

  const planned = await api.get(`/activities?accountId=${bramble.id}&type=visit&status=planned`);
  expect(planned.data).toHaveLength(1);
  expect(planned.data[0]).toMatchObject({ subject: `Visit Bramble ${tag}`, type: 'visit', status: 'planned' });
  expect(Date.parse(planned.data[0].scheduledAt)).toBeGreaterThan(Date.now());
  // The report counts the plan: one account with a visit ahead, and Bramble's next visit is shown.
  await expect(row.getByRole('cell').nth(5)).toHaveText('1');
  await expect(neglected.getByRole('row').nth(1)).not.toContainText('—');
});

test('call cycles: the due figure opens the accounts due for a visit, and the account form sets a cycle', async ({
  page,
  api,
}) => {
  const tag = unique();
  const territory = await api.post('/territories', { name: `Cycles ${tag}` });
  const account = (name: string, extra: Record<string, unknown>) =>
    api.post('/accounts', { name: `${name} ${tag}`, territoryId: territory.id, ...extra });
  // Weekly: visited 10 days ago on a 7-day cycle, due 3 days ago. Monthly: a 30-day cycle, never visited.
  const weekly = await account('Weekly', { visitEveryDays: 7 });
  await account('Monthly', { visitEveryDays: 30 });
  const open = await account('Open', {});
  await api.post('/activities', {
    type: 'visit',
    subject: 'Field visit',
    accountId: weekly.id,
    status: 'completed',
    scheduledAt: isoTime(-10),
    completedAt: isoTime(-10),
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/reports/coverage?territoryId=${territory.id}`);
  await expect(page.getByTestId('kpi-coverage-due')).toHaveAttribute('data-value', '2');
  const row = page.getByRole('row').filter({ hasText: `Cycles ${tag}` });
  await expect(row.getByRole('cell').nth(4)).toHaveText('2');
  await expect(row.getByRole('cell').nth(4).getByRole('link')).toHaveAttribute('href', /status=due&sort=visitDueAt/);

  await page.getByRole('link', { name: 'Due for a visit: 2. Show the records' }).click();
  await expect(page).toHaveURL(/[?&]status=due&sort=visitDueAt/);
  const list = page.locator('#coverage-accounts');
  await expect(list.getByRole('heading', { name: 'Due for a visit' })).toBeInViewport();
  // Never visited first, then the longest overdue; the words say it, not only the colour.
  const rows = list.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(`Monthly ${tag}`);
  await expect(rows.nth(1)).toContainText('Never visited · every 30 days');
  await expect(rows.nth(2)).toContainText(`Weekly ${tag}`);
  await expect(rows.nth(2)).toContainText('Due 3 days ago · every 7 days');
  await expect(list.getByRole('combobox', { name: 'Sort the accounts' })).toHaveValue('Most overdue first');
  await expectAccessible(page);

  // A cycle set in the account form is saved and shown on the account page.
  await page.goto(`/accounts/${open.id}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit Open ${tag}` });
  const cycle = dialog.getByRole('textbox', { name: 'Visit every' });
  await expect(cycle).toHaveValue('');
  await dialog.getByText('14 days', { exact: true }).click();
  await expect(cycle).toHaveValue('14 days');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Visit every 14 days')).toBeVisible();
  expect((await api.get(`/accounts/${open.id}`)).visitEveryDays).toBe(14);
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the coverage report turns its rows into cards and keeps the plan action in reach', async ({ page, api }) => {
    const tag = unique();
    const { territory } = await seedTerritory(api, tag);
    await signIn(page, undefined, undefined, `/reports/coverage?territoryId=${territory.id}`);
    const figures = page.getByTestId('report-figure-cards');
    await expect(figures).toContainText(`Coverage ${tag}`);
    await expect(figures).toContainText('33%');
    const cards = page.getByTestId('neglected-account-cards');
    await expect(cards).toContainText(`Bramble ${tag}`);
    await expect(cards).toContainText('Last visit: Never');
    await expect(page.getByRole('button', { name: `Plan visit to Clover ${tag}` })).toBeVisible();
    await expectAccessible(page);
  });
});
