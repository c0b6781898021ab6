import { type Api, seedManagerAndRep, unique } from './api.js';
import { expect, expectAccessible, expectConsoleError, signIn, test } from './helpers.js';

const password = 'the password of the sales team';

/** A manager and a rep who reports to them, and an account for their deals. */
async function seedTeam(api: Api, tag: string) {
  const { manager, rep } = await seedManagerAndRep(api, tag, password);
  const account = await api.post('/accounts', { name: `Closed Deals ${tag}`, ownerId: rep.id });
  return { manager, rep, account };
}

test('a closed deal offers a rep no edit the server refuses, and its manager may still reopen it', async ({
  page,
  api,
  browser,
}) => {
  const tag = unique();
  const { manager, rep, account } = await seedTeam(api, tag);
  const won = await api.post('/opportunities', {
    name: `Won ${tag}`,
    accountId: account.id,
    ownerId: rep.id,
    stage: 'negotiation',
    amount: 5000,
    closeDate: '2030-01-31',
  });
  await api.post(`/opportunities/${won.id}/stage`, { stage: 'closed_won' });
  const open = await api.post('/opportunities', {
    name: `Open ${tag}`,
    accountId: account.id,
    ownerId: rep.id,
    stage: 'proposal',
    amount: 7000,
    closeDate: '2030-01-31',
  });

  // The list: the open deal's amount is edited in place, the closed one's is not, nor is its stage offered.
  await signIn(page, rep.email, password, `/opportunities?q=${tag}`);
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: open.name }).getByRole('button', { name: 'Edit amount' })).toHaveCount(1);
  const closedRow = rows.filter({ hasText: won.name });
  await expect(closedRow).toContainText('$5,000');
  await expect(closedRow.getByRole('button', { name: 'Edit amount' })).toHaveCount(0);
  await closedRow.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'New task' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Proposal' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The board: the open deal is picked up and moved, the closed one is not, and its card says why.
  await page.goto('/opportunities/board');
  await expect(page.getByTestId(`card-${open.id}`)).toHaveAttribute('aria-roledescription', 'Draggable deal');
  const closedCard = page.getByTestId(`card-${won.id}`);
  await expect(closedCard).toHaveAttribute('aria-roledescription', 'Deal');
  await expect(closedCard).toHaveAttribute('aria-label', /Closed: only the owner's manager or an admin may reopen it/);

  // The page: no amount pencil, the path shown but not offered, and why in words.
  await page.goto(`/opportunities/${won.id}`);
  await expect(page.getByRole('heading', { level: 1, name: won.name })).toBeVisible();
  const stage = page.getByRole('navigation', { name: 'Stage' });
  await expect(stage).toContainText("Only the owner's manager or an admin may reopen it");
  await expect(stage.locator('[aria-current="step"]')).toHaveText('Closed won');
  await expect(stage.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit amount' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit close date' })).toHaveCount(0);
  await expectAccessible(page);

  // The Edit dialog: the frozen fields are read-only and say why; the rest still saves.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${won.name}` });
  for (const [role, name] of [
    ['textbox', 'Amount'],
    ['textbox', 'Currency'],
    ['textbox', 'Close date'],
    ['combobox', 'Account'],
  ] as const) {
    const box = dialog.getByRole(role, { name, exact: true });
    await expect(box).toHaveAttribute('readonly', '');
    await expect(box).toHaveAccessibleDescription('Reopen the deal to change this');
  }
  await expectAccessible(page);
  await dialog.getByRole('textbox', { name: 'Risks' }).fill('Delivery in March');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await api.get(`/opportunities/${won.id}`)).risks).toBe('Delivery in March');

  // At phone width the list's card offers no amount edit either.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/opportunities?q=${tag}&stage=closed_won`);
  await expect(page.getByText(won.name)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit amount' })).toHaveCount(0);

  // The rep's manager, in a browser of their own, may reopen it: the path is offered again.
  const managerPage = await (await browser.newContext()).newPage();
  await signIn(managerPage, manager.email, password, `/opportunities/${won.id}`);
  await expect(managerPage.getByRole('heading', { level: 1, name: won.name })).toBeVisible();
  await expect(managerPage.getByText("Only the owner's manager or an admin may reopen it")).toHaveCount(0);
  await managerPage.getByRole('button', { name: 'Proposal', exact: true }).click();
  await expect(managerPage.getByRole('button', { name: 'Proposal (current)' })).toBeVisible();
  await expect.poll(async () => (await api.get(`/opportunities/${won.id}`)).stage).toBe('proposal');
  // Reopened, its amount is edited in place again.
  await expect(managerPage.getByRole('button', { name: 'Edit amount' }).first()).toBeVisible();
  await managerPage.context().close();
});

test('requesting the approval a refused move asked for takes the refusal notice away', async ({ page, api }) => {
  const tag = unique();
  const { rep, account } = await seedTeam(api, tag);
  const large = await api.post('/opportunities', {
    name: `Large ${tag}`,
    accountId: account.id,
    ownerId: rep.id,
    stage: 'negotiation',
    amount: 150_000,
    closeDate: '2030-01-31',
  });
  expectConsoleError(page, /409/);
  await signIn(page, rep.email, password, `/opportunities/${large.id}`);
  await page.getByRole('button', { name: 'Closed won', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The stage did not change' });
  await expect(refusal.getByRole('button', { name: 'Request approval' })).toBeVisible();

  // The request made from the deal's own Approval section, not from the notice.
  await page.getByRole('main').getByRole('button', { name: 'Request approval' }).click();
  await page.getByRole('dialog', { name: 'Request approval' }).getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Approval requested' })).toBeVisible();
  await expect(refusal).toHaveCount(0);
  await expect.poll(async () => (await api.get(`/opportunities/${large.id}`)).approvalStatus).toBe('pending');
});

test('the lead funnel writes the days to convert with a tenth under ten days', async ({ page }) => {
  let average = 0.47;
  // The time to convert is set by the server's clock; the page's part is how it writes it.
  await page.route('**/api/v1/reports/lead-funnel*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), averageDaysToConvert: average } });
  });
  await signIn(page, undefined, undefined, '/reports/lead-funnel');
  const figure = page.getByTestId('kpi-days-to-convert');
  await expect(figure).toContainText('0.5 days');
  average = 12.6;
  await page.reload();
  await expect(figure).toContainText('13 days');
});

test('the loss reasons offered are those already given, most used first, then the common ones once', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Loss Reasons ${tag}` });
  const lose = async (name: string, lossReason: string) => {
    const deal = await api.post('/opportunities', {
      name: `${name} ${tag}`,
      accountId: account.id,
      stage: 'proposal',
      amount: 1000,
      closeDate: '2030-01-31',
    });
    await api.post(`/opportunities/${deal.id}/stage`, { stage: 'closed_lost', lossReason });
  };
  for (const index of [1, 2, 3]) await lose(`Dark ${index}`, `Went dark ${tag}`);
  for (const index of [1, 2]) await lose(`Cut ${index}`, `Budget cut ${tag}`);
  await lose('Dear', 'PRICE');
  const deal = await api.post('/opportunities', {
    name: `To lose ${tag}`,
    accountId: account.id,
    stage: 'proposal',
    amount: 1000,
    closeDate: '2030-01-31',
  });

  await signIn(page, undefined, undefined, `/opportunities/${deal.id}`);
  await page.getByRole('button', { name: 'Closed lost', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Why was/ });
  const chips = dialog.getByRole('group', { name: 'Reasons given before and common ones' });
  await expect(chips.getByText('Lost to a competitor', { exact: true })).toBeVisible();
  await expect(chips.getByText(`Went dark ${tag}`, { exact: true })).toBeVisible();
  const offered = await chips.locator('label').allTextContents();
  // Most used first; a common reason nobody gave yet comes after those given.
  const at = (reason: string) => offered.indexOf(reason);
  expect(at(`Went dark ${tag}`)).toBeGreaterThanOrEqual(0);
  expect(at(`Went dark ${tag}`)).toBeLessThan(at(`Budget cut ${tag}`));
  expect(at(`Budget cut ${tag}`)).toBeLessThan(at('Lost to a competitor'));
  // "PRICE" already given and the common "Price" are one reason, offered once.
  expect(offered.filter((reason) => reason.toLowerCase() === 'price')).toHaveLength(1);
  await chips.getByText(`Budget cut ${tag}`).click();
  await expect(dialog.getByRole('textbox', { name: 'Loss reason' })).toHaveValue(`Budget cut ${tag}`);
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(page.getByRole('button', { name: 'Closed lost (current)' })).toBeVisible();
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).lossReason).toBe(`Budget cut ${tag}`);
});
