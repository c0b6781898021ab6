import type { Page } from '@playwright/test';
import { apiAs, isoDate, seedManagerAndRep, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, expectNoHorizontalScroll, signIn, test } from './helpers.js';

const password = 'the password of the sales team';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** This month as the API writes it (`2027-03`) and as the grid labels it (`March 2027`). */
function thisMonth() {
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  return { month, label: `${monthNames[now.getMonth()]} ${now.getFullYear()}` };
}

/** A manager, two reps below them (the grid's rows, so it has a totals row), and a deal one of them won. */
async function seedTeam(api: Parameters<typeof seedManagerAndRep>[0]) {
  const tag = unique();
  const { manager, rep } = await seedManagerAndRep(api, tag, password);
  const second = await api.post('/users', {
    name: `Sue ${tag}`,
    email: `sue-${tag}@example.com`,
    password,
    role: 'rep',
    managerId: manager.id,
  });
  const account = await api.post('/accounts', { name: `Quota Farms ${tag}` });
  await api.post('/opportunities', {
    name: `Won this month ${tag}`,
    accountId: account.id,
    ownerId: rep.id,
    stage: 'closed_won',
    amount: 3000,
    currency: 'USD',
    closeDate: isoDate(0),
  });
  return { tag, manager, rep, second };
}

// Cells are clicked before they are filled, as a person does: focus shows the plain figure, selected.
const cell = (page: Page, name: string, label: string) =>
  page.getByRole('textbox', { name: `Target for ${name}, ${label}`, exact: true });

test('a manager sets a rep’s monthly target in the grid, sees it in the totals, the attainment and the forecast', async ({
  page,
  api,
}) => {
  const { tag, manager, rep, second } = await seedTeam(api);
  const { month, label } = thisMonth();
  const quarter = `Q${Math.floor(new Date().getMonth() / 3) + 1}`;

  await signIn(page, manager.email, password, '/targets');
  await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Targets', exact: true })).toHaveAttribute('aria-current', 'page');
  // The manager's people, not the manager: their own target is set above them.
  await expect(page.getByRole('rowheader', { name: new RegExp(rep.name) })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: new RegExp(second.name) })).toBeVisible();
  await expect(page.getByRole('textbox', { name: new RegExp(`^Target for ${manager.name},`) })).toHaveCount(0);
  const yearTotal = page.getByTestId('targets-total-year');
  await expect(yearTotal).toHaveText('—');

  // Typed as people type it, saved with Enter: the cell, the row's quarter and the team's totals follow.
  const target = cell(page, rep.name, label);
  await target.click();
  await target.fill('12,000');
  await target.press('Enter');
  // Enter goes down a row, as in a spreadsheet, and the arrows move between cells.
  await expect(cell(page, second.name, label)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(target).toBeFocused();
  await expect(target).toHaveValue('12000');
  await page.keyboard.press('ArrowDown');
  await expect(target).toHaveValue('$12,000');
  await expect(page.getByTestId(`targets-${rep.id}-${quarter}`)).toHaveText('$12,000');
  await expect(page.getByTestId(`targets-total-${month}`)).toHaveText('$12,000');
  await expect(yearTotal).toHaveText('$12,000');
  // The other rep's month gets one too: Tab saves it, and the totals add both.
  const secondTarget = cell(page, second.name, label);
  await secondTarget.click();
  await secondTarget.fill('8k');
  await secondTarget.press('Tab');
  await expect(secondTarget).toHaveValue('$8,000');
  await expect(yearTotal).toHaveText('$20,000');
  await expect
    .poll(async () => (await api.get(`/targets?userId=${rep.id}`)).data.map((row: { amount: number }) => row.amount))
    .toEqual([12_000]);
  await expectAccessible(page);

  // Kept: a reload shows it, and changing it replaces it (PATCH with its version).
  await page.reload();
  await expect(cell(page, rep.name, label)).toHaveValue('$12,000');
  await expect(page.getByTestId('targets-total-year')).toHaveText('$20,000');
  await cell(page, rep.name, label).click();
  await cell(page, rep.name, label).fill('15000');
  await cell(page, rep.name, label).press('Enter');
  await expect(page.getByTestId('targets-total-year')).toHaveText('$23,000');
  await expect
    .poll(async () => (await api.get(`/targets?userId=${rep.id}`)).data.map((row: { amount: number }) => row.amount))
    .toEqual([15_000]);

  // Text that is no amount is refused at the cell, with the reason, and nothing is sent.
  await cell(page, second.name, label).click();
  await cell(page, second.name, label).fill('lots');
  await cell(page, second.name, label).press('Enter');
  await expect(cell(page, second.name, label)).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, second.name, label)).toHaveAccessibleDescription(/“lots” is not an amount/);
  await expect(page.getByRole('alert')).toContainText('A change was not saved');
  await cell(page, second.name, label).press('Escape');
  await cell(page, second.name, label).press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(cell(page, second.name, label)).not.toHaveAttribute('aria-invalid', 'true');

  // The attainment report: the rep's target against what they won this month.
  await page.getByRole('link', { name: 'Attainment' }).click();
  await expect(page).toHaveURL(/\/reports\/attainment/);
  await expect(page.getByRole('tab', { name: 'Attainment' })).toHaveAttribute('aria-selected', 'true');
  const repRow = page.getByRole('row').filter({ hasText: rep.name });
  await expect(repRow).toContainText('$15,000');
  await expect(repRow).toContainText('$3,000');
  await expect(repRow).toContainText('20%');
  await expect(repRow.getByRole('progressbar', { name: `Attainment of ${rep.name}` })).toBeVisible();
  const secondRow = page.getByRole('row').filter({ hasText: second.name });
  await expect(secondRow).toContainText('$8,000');
  await expect(secondRow).toContainText('0%');
  await expect(page.getByTestId('kpi-attainment-target')).toHaveAttribute('data-value', '23000');
  await expectAccessible(page);
  // The won figure opens the deals behind it: the rep's, won in the period.
  await repRow.getByRole('link', { name: '$3,000' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities\\?.*ownerId=${rep.id}.*stage=closed_won`));
  await expect(page.getByText(`Won this month ${tag}`)).toBeVisible();

  // The forecast draws the month's target and lists it.
  await page.goto('/reports/forecast');
  await expect(page.getByTestId('kpi-forecast-target')).toHaveAttribute('data-value', '23000');
  await expect(page.getByRole('columnheader', { name: 'Target' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: label }).first()).toContainText('$23,000');
  await expect(page.locator('.recharts-legend-wrapper')).toContainText('Target');

  // Cleared: the target is deleted, the totals drop it, and a reload shows the cell empty.
  await page.goto('/targets');
  await cell(page, rep.name, label).click();
  await cell(page, rep.name, label).fill('');
  await cell(page, rep.name, label).press('Enter');
  await expect(page.getByTestId('targets-total-year')).toHaveText('$8,000');
  await expect(page.getByText(/^Cleared .*target for .* \(was \$15,000\)\.$/)).toBeVisible();
  await expect.poll(async () => (await api.get(`/targets?userId=${rep.id}`)).data.length).toBe(0);
  await page.reload();
  await expect(cell(page, rep.name, label)).toHaveValue('');
  await expect(page.getByTestId(`targets-${rep.id}-year`)).toHaveText('—');
});

test('a target changed by someone else meanwhile is not overwritten: the grid says so and shows theirs', async ({
  page,
  api,
}) => {
  const { manager, rep } = await seedTeam(api);
  const { month, label } = thisMonth();
  const set = await api.post('/targets', { userId: rep.id, month, amount: 5000 });
  await signIn(page, manager.email, password, '/targets');
  await expect(cell(page, rep.name, label)).toHaveValue('$5,000');
  // An admin changes it after the page has read it.
  await api.patch(`/targets/${set.id}`, { amount: 7000 });
  expectConsoleError(page, /412/);
  await cell(page, rep.name, label).click();
  await cell(page, rep.name, label).fill('6000');
  await cell(page, rep.name, label).press('Enter');
  await expect(page.getByRole('alert')).toContainText('Someone else changed this target meanwhile');
  await expect(cell(page, rep.name, label)).toHaveValue('$7,000');
  await expect(cell(page, rep.name, label)).toHaveAttribute('aria-invalid', 'true');
  expect((await api.get(`/targets/${set.id}`)).amount).toBe(7000);
  // Typed again, it replaces theirs.
  await cell(page, rep.name, label).click();
  await cell(page, rep.name, label).fill('6000');
  await cell(page, rep.name, label).press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await api.get(`/targets/${set.id}`)).amount).toBe(6000);
});

test('a rep reads their own targets and cannot change them', async ({ page, api }) => {
  const { manager, rep } = await seedTeam(api);
  const { month, label } = thisMonth();
  const asManager = await apiAs(e2eOrigin, manager.email, password);
  await asManager.post('/targets', { userId: rep.id, month, amount: 9000 });
  // The server's rule the page mirrors: a rep sets no target, not even their own.
  const asRep = await apiAs(e2eOrigin, rep.email, password);
  await expect(asRep.post('/targets', { userId: rep.id, month, amount: 1 })).rejects.toThrow(/403/);

  await signIn(page, rep.email, password, '/targets');
  await expect(page.getByText('Your monthly sales targets, set by your manager.')).toBeVisible();
  await expect(page.getByRole('cell', { name: `Target for ${rep.name}, ${label}` })).toHaveText('$9,000');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page);
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the grid scrolls sideways under the names, the page does not; the attainment is a card per person', async ({
    page,
    api,
  }) => {
    const { manager, rep, second } = await seedTeam(api);
    const { month, label } = thisMonth();
    await api.post('/targets', { userId: second.id, month, amount: 4000 });
    await signIn(page, manager.email, password, '/targets');
    const name = page.getByRole('rowheader', { name: new RegExp(second.name) });
    await expect(name).toBeVisible();
    await expect(cell(page, second.name, label)).toHaveValue('$4,000');
    await expectNoHorizontalScroll(page);
    await page.locator('.targets-scroll').evaluate((box) => {
      box.scrollLeft = box.scrollWidth;
    });
    await expect(page.getByTestId(`targets-${second.id}-year`)).toBeInViewport();
    await expect(name).toBeInViewport();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    // The rep who won a deal but has no target is listed last, said in words.
    await page.goto('/reports/attainment');
    const cards = page.getByTestId('report-figure-cards').locator('.mantine-Card-root');
    await expect(cards.first()).toContainText(second.name);
    await expect(cards.first()).toContainText('$4,000');
    await expect(cards.nth(1)).toContainText(rep.name);
    await expect(cards.nth(1)).toContainText('No target');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });
});
