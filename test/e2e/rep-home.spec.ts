import { type Api, apiAs, isoDate, isoTime, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, signIn, test } from './helpers.js';

/*
 * A rep's home is the pipeline board (UI.md, Pipedrive), and its column headers count every deal of the
 * column, not only the cards shown: checked against the API's own figures, as the rep sees them.
 */

/** A rep of their own, with an account and `counts` deals per stage (amounts 1,000, 2,000, …). */
async function repWithDeals(api: Api, counts: Record<string, number>, currencyOf = (_index: number) => 'USD') {
  const tag = unique();
  const rep = { name: `Rita Rep ${tag}`, email: `rita-${tag}@example.com`, password: 'the password of rita rep' };
  const user = await api.post('/users', { ...rep, role: 'rep' });
  const account = await api.post('/accounts', { name: `Rita's Dealer ${tag}`, type: 'dealer', ownerId: user.id });
  let index = 0;
  for (const [stage, count] of Object.entries(counts)) {
    for (let n = 0; n < count; n += 1, index += 1) {
      await api.post('/opportunities', {
        name: `Mower ${stage} ${n} ${tag}`,
        accountId: account.id,
        ownerId: user.id,
        stage,
        amount: 1000 * (n + 1),
        currency: currencyOf(index),
        closeDate: isoDate(30),
      });
    }
  }
  return { ...rep, id: user.id, account, tag };
}

/** What the API says of a column, as the rep may see it: every deal, and the total in the report's currency. */
async function columnFigures(as: Api, stage: string) {
  const list = await as.get(`/opportunities?stage=${stage}&includeTotal=true&limit=1`);
  const report = await as.get(`/reports/pipeline?stage=${stage}`);
  return { count: list.total as number, amount: report.data[0].amount as number, inCurrency: report.data[0].count };
}

test('a rep signs in to the board; the overview is a click away; a link followed to sign in wins', async ({
  page,
  api,
}) => {
  const rep = await repWithDeals(api, { prospecting: 1 });
  const contact = await api.post('/contacts', { accountId: rep.account.id, firstName: 'Dora', lastName: rep.tag });

  await signIn(page, rep.email, rep.password);
  await expect(page).toHaveURL(/\/opportunities\/board$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline board' })).toBeVisible();
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId('kpi-pipeline-value')).toHaveAttribute('data-value', '1000');
  // A rep sees only their own records: no owner to choose, rather than six who would all show zero.
  await expect(page.getByRole('combobox', { name: 'Territory' })).toBeAttached();
  await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveCount(0);
  // A chart with nothing to draw (no leads yet) teaches what fills it, rather than drawing empty axes.
  const noLeads = page.getByTestId('chart-empty').filter({ hasText: 'No open leads' });
  await expect(noLeads.getByRole('link', { name: 'New lead' })).toHaveAttribute('href', '/leads?new=1');
  await page.goto('/reports/win-loss');
  await expect(page.getByTestId('chart-empty').filter({ hasText: 'No deals closed in this period' })).toBeVisible();
  await expect(page.getByText('Nothing to count yet')).toBeVisible();

  // A rep with nothing planned is told so, and offered to plan, not to loosen filters they never set.
  await page.goto('/activities');
  await expect(page.getByText('Nothing planned')).toBeVisible();
  await page.getByRole('button', { name: 'Plan a visit' }).click();
  await expect(page).toHaveURL(/[?&]new=plan-visit/);
  await expect(page.getByRole('dialog', { name: /New visit/ })).toBeVisible();
  await page.goto('/opportunities/board');

  // Signed out, a link to a contact asks to sign in, then opens that contact rather than the board.
  await page.getByRole('button', { name: `Account menu of ${rep.name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, rep.email, rep.password, `/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Dora ${rep.tag}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));
});

test('board headers count and total a whole column, before and after a move', async ({ page, api }) => {
  test.setTimeout(120_000);
  // 55 deals in qualification, two of them in euros, and one in proposal.
  const rep = await repWithDeals(api, { qualification: 55, proposal: 1 }, (index) => (index < 2 ? 'EUR' : 'USD'));
  const asRep = await apiAs(e2eOrigin, rep.email, rep.password);
  await signIn(page, rep.email, rep.password);
  await expect(page).toHaveURL(/\/opportunities\/board$/);

  const expectHeader = async (stage: string) => {
    const figures = await columnFigures(asRep, stage);
    const column = page.getByTestId(`column-${stage}`);
    await expect(column.getByTestId(`count-${stage}`)).toHaveText(String(figures.count));
    await expect(column.getByTestId(`amount-${stage}`)).toHaveAttribute('data-value', String(figures.amount));
    return figures;
  };
  const qualification = await expectHeader('qualification');
  // Every deal, not the 50 cards shown; the total leaves out the euros (1,000 + 2,000) and says so.
  expect(qualification).toEqual({ count: 55, amount: (55 * 56 * 1000) / 2 - 3000, inCurrency: 53 });
  const column = page.getByTestId('column-qualification');
  await expect(column.getByTestId('amount-qualification')).toHaveText('$1.5M');
  await expect(column.getByText('2 in other currencies, not in the total')).toBeVisible();
  await expect(column.getByText('50 of 55 shown')).toBeVisible();
  await expect(column.getByRole('link', { name: 'See all in the list' })).toHaveAttribute(
    'href',
    '/opportunities?stage=qualification',
  );
  expect(await expectHeader('proposal')).toEqual({ count: 1, amount: 1000, inCurrency: 1 });

  // The top card moves a column on, by keyboard.
  const first = (await asRep.get('/opportunities?stage=qualification&sort=position&limit=1')).data[0];
  const card = page.getByTestId(`card-${first.id}`);
  const announced = page.locator('[aria-live]').filter({ hasText: first.name });
  await card.focus();
  await page.keyboard.press('Space');
  await expect(announced).toContainText('is over the Qualification column');
  await page.keyboard.press('ArrowRight');
  await expect(announced).toContainText('is over the Proposal column');
  await page.keyboard.press('Space');
  await expect.poll(async () => (await asRep.get(`/opportunities/${first.id}`)).stage).toBe('proposal');
  const moved = first.currency === 'USD' ? first.amount : 0;
  await expect(page.getByTestId('count-proposal')).toHaveText('2');
  await expect(page.getByTestId('count-qualification')).toHaveText('54');
  expect(await expectHeader('qualification')).toMatchObject({ count: 54, amount: qualification.amount - moved });
  expect(await expectHeader('proposal')).toMatchObject({ count: 2, amount: 1000 + moved });
});

test('a card names the next step, an overdue task first and never a note; c creates a deal over the board', async ({
  page,
  api,
}) => {
  const rep = await repWithDeals(api, { prospecting: 2 });
  const asRep = await apiAs(e2eOrigin, rep.email, rep.password);
  const [late, noted] = (await asRep.get('/opportunities?stage=prospecting&sort=name&limit=2')).data;
  const links = (deal: { id: string }) => ({ accountId: rep.account.id, opportunityId: deal.id });
  // The late deal: a call planned in five days, but a task linked to it was due three days ago.
  await asRep.post('/activities', {
    type: 'call',
    subject: `Call ${rep.tag}`,
    scheduledAt: isoTime(5),
    ...links(late),
  });
  await asRep.post('/tasks', { title: `Send the quote ${rep.tag}`, dueAt: isoTime(-3), ...links(late) });
  // The other deal: notes are records, not plans, whatever their date; the call is its next step.
  await asRep.post('/activities', {
    type: 'note',
    subject: `Call notes ${rep.tag}`,
    scheduledAt: isoTime(2),
    ...links(noted),
  });
  await asRep.post('/activities', {
    type: 'call',
    subject: `Follow up ${rep.tag}`,
    scheduledAt: isoTime(10),
    ...links(noted),
  });

  await signIn(page, rep.email, rep.password);
  await expect(page).toHaveURL(/\/opportunities\/board$/);
  const lateStep = page.getByTestId(`card-${late.id}`).getByTestId('next-activity');
  await expect(lateStep).toHaveText(`⚠ Task 3 days overdue: Send the quote ${rep.tag}`);
  await expect(lateStep).toHaveCSS('color', 'rgb(201, 42, 42)');
  await expect(page.getByTestId(`card-${noted.id}`).getByTestId('next-activity')).toHaveText(
    `Call in 10 days: Follow up ${rep.tag}`,
  );

  // c opens the new deal form over the board; Escape leaves the rep on the board.
  await page.keyboard.press('c');
  const form = page.getByRole('dialog', { name: 'New deal' });
  await expect(form).toBeVisible();
  await expect(page).toHaveURL(/\/opportunities\/board\?new=1$/);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\/opportunities\/board$/);

  // Saved, the deal lands on the board, where the rep still is.
  await page.keyboard.press('c');
  await form.getByRole('textbox', { name: 'Deal name' }).fill(`Made on the board ${rep.tag}`);
  await form.getByRole('combobox', { name: 'Account' }).fill(rep.account.name);
  await page.getByRole('option', { name: rep.account.name, exact: true }).click();
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\/opportunities\/board$/);
  await expect(page.getByTestId('column-prospecting')).toContainText(`Made on the board ${rep.tag}`);
});
