import type { Dashboard } from '../../src/shared/contracts/dashboard.js';
import { isoTime, seedSalesDesk, unique } from './api.js';
import { expect, expectAccessible, expectConsoleError, signIn, test } from './helpers.js';

/*
 * The daily work of a sales team, in the browser: each test seeds what it needs through the API on the
 * empty e2e database, under a unique tag, so the tests do not depend on each other or on demo data.
 */

test('the overview shows the same numbers as the API', async ({ page, api }) => {
  await seedSalesDesk(api);
  await signIn(page);
  const figures = (await api.get('/dashboard')) as Dashboard;
  const expected: Record<string, number | null> = {
    accounts: figures.accounts.total,
    'open-leads': figures.leads.open,
    'conversion-rate': figures.leads.conversionRate,
    'pipeline-value': figures.pipeline.value,
    'weighted-pipeline': figures.pipeline.weightedValue,
    'win-rate': figures.quarter.winRate,
    'overdue-tasks': figures.tasks.overdue,
  };
  for (const [id, value] of Object.entries(expected)) {
    await expect(page.getByTestId(`kpi-${id}`)).toHaveAttribute('data-value', value === null ? '' : String(value));
  }
  await expect(page.getByTestId('kpi-accounts')).toContainText(figures.accounts.total.toLocaleString('en-US'));
  await expect(page.getByRole('heading', { name: 'Pipeline by stage' })).toBeVisible();
  // The period drives the activity chart alone, so it sits on that chart, and the chart follows it: month
  // by month over a year, its legend counting the same window its links open.
  await expect(page.getByRole('combobox', { name: 'Period', exact: true })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Period of the activities chart' }).click();
  await page.getByRole('option', { name: 'Last 12 months' }).click();
  await expect(page).toHaveURL(/[?&]period=365/);
  await expect(page.getByRole('heading', { name: 'Activities by type, month by month' })).toBeVisible();
  const visits = page.getByRole('link', { name: /^Visit: \d+ in the last 12 months$/ });
  await expect(visits).toHaveAttribute('href', /type=visit&atFrom=[^&]+&atTo=/);
  // A card leads to the records behind it.
  await page.getByTestId('kpi-open-leads').click();
  await expect(page).toHaveURL(/\/leads\?status=open/);
  await expect(page.getByText(`${figures.leads.open} leads`)).toBeVisible();

  // So does a row of a report: the pipeline's Prospecting row opens the deals in that stage.
  await page.goto('/reports');
  await page.getByRole('link', { name: 'Prospecting', exact: true }).click();
  // With the report's currency: it counts and sums only the deals of that one.
  await expect(page).toHaveURL(/\/opportunities\?stage=prospecting.*&currency=USD/);
});

test('the Ask page answers a question as the API does', async ({ page, api }) => {
  await seedSalesDesk(api);
  await signIn(page);
  // Questions without a period, so the browser's time zone and the API call's cannot differ.
  for (const question of ['what is our win rate', 'how many open deals by stage']) {
    const expected = (await api.post('/query', { question })) as { answer: string; understood: string };
    await page.goto('/ask');
    await page.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    // The sentence, then what was understood on a line of its own (not twice).
    const [sentence] = expected.answer.split(' I understood: ');
    await expect(page.getByText(sentence ?? '', { exact: true })).toBeVisible();
    await expect(
      page.getByText(new RegExp(`^${expected.understood.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`)),
    ).toBeVisible();
  }
  // Money in the rows reads as money.
  await page.getByRole('textbox', { name: 'Your question' }).fill('open deals');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByRole('cell', { name: /^\$[\d,]+(\.\d\d)?$/ }).first()).toBeVisible();
  // Ctrl+K opens search from inside the question box too, and leaves the question as it was.
  await page.getByRole('textbox', { name: 'Your question' }).press('Control+K');
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Your question' })).toHaveValue('open deals');
});

test('create an account, then a contact on it', async ({ page, api }) => {
  const name = `Quayside Traders ${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  // The shared contract refuses a bad e-mail before anything is sent.
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(dialog.getByText(/invalid email/i)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('hello@quayside.example.com');
  await dialog.getByRole('textbox', { name: 'City' }).fill('Rotterdam');
  await dialog.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = page.getByRole('dialog', { name: 'New contact' });
  await contactDialog.getByRole('textbox', { name: 'First name' }).fill('Lotte');
  await contactDialog.getByRole('textbox', { name: 'Last name' }).fill('de Vries');
  const lotteEmail = `lotte.${Date.now()}@quayside.example.com`;
  await contactDialog.getByRole('textbox', { name: 'E-mail' }).fill(lotteEmail);
  await contactDialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('link', { name: 'Lotte de Vries' })).toBeVisible();

  // The same e-mail again: the form says who has it and lets one add the contact anyway.
  expectConsoleError(page, /status of 409/);
  await page.getByRole('button', { name: 'Add contact' }).click();
  const again = page.getByRole('dialog', { name: 'New contact' });
  await again.getByRole('textbox', { name: 'First name' }).fill('Lotte');
  await again.getByRole('textbox', { name: 'Last name' }).fill('Visser');
  await again.getByRole('textbox', { name: 'E-mail' }).fill(lotteEmail);
  await again.getByRole('button', { name: 'Add contact' }).click();
  await expect(again.getByText('Someone already has this e-mail')).toBeVisible();
  await again.getByRole('button', { name: 'Add anyway' }).click();
  await expect(page.getByRole('link', { name: 'Lotte Visser' })).toBeVisible();

  await page.getByRole('link', { name: 'Lotte de Vries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lotte de Vries' })).toBeVisible();
  await expect(page.getByTestId('record-related').getByRole('link', { name })).toBeVisible();

  // Ctrl+K finds the new account from anywhere.
  await page.keyboard.press('Control+K');
  // The whole name: earlier runs against the same database leave other Quayside Traders behind.
  await page.getByRole('textbox', { name: 'Search' }).fill(name);
  // The top result is highlighted as it arrives, and Enter opens it.
  await expect(page.getByRole('button', { name: new RegExp(name) })).toHaveAttribute('data-selected', 'true');
  await page.getByRole('textbox', { name: 'Search' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // The timeline's quick actions: a note, and a call logged as done with its outcome.
  await page.getByRole('button', { name: 'Add note' }).click();
  const noteDialog = page.getByRole('dialog', { name: /Add a note/ });
  await noteDialog.getByRole('textbox', { name: 'Note' }).fill('Prefers **e-mail** before noon');
  await noteDialog.getByRole('button', { name: 'Add note' }).click();
  // The timeline shows the note's words, not its Markdown marks.
  await expect(page.getByText('Prefers e-mail before noon')).toBeVisible();
  await page.getByRole('button', { name: 'Log call' }).click();
  const callDialog = page.getByRole('dialog', { name: /Log an activity/ });
  await callDialog.getByRole('textbox', { name: 'Subject' }).fill('Intro call');
  await callDialog.getByRole('textbox', { name: 'Outcome' }).fill('Wants a quote for 40 units');
  // Who the call was with: a contact of the account.
  await callDialog.getByRole('combobox', { name: 'With' }).click();
  await page.getByRole('option', { name: 'Lotte de Vries' }).click();
  await callDialog.getByRole('button', { name: 'Save activity' }).click();
  await expect(page.getByText('Intro call')).toBeVisible();
  await expect(page.getByText('Wants a quote for 40 units')).toBeVisible();
  const calls = (await api.get(`/activities?q=${encodeURIComponent('Intro call')}&limit=200`)) as {
    data: { subject: string; contactId: string | null }[];
  };
  expect(calls.data.find((call) => call.subject === 'Intro call')?.contactId).toBeTruthy();

  // The contact list names each contact's account, and leads to it.
  await page.goto(`/contacts?q=${encodeURIComponent(lotteEmail)}`);
  const row = page.getByRole('row').filter({ hasText: 'Lotte de Vries' });
  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('the keyboard creates: c on a list, Ctrl+K anywhere; list headers stay in view', async ({ page, api }) => {
  const tag = unique();
  for (let index = 0; index < 30; index += 1) {
    await api.post('/accounts', { name: `Keyboard Supply ${tag} ${index}`, type: 'dealer' });
  }
  await signIn(page);
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.getByRole('dialog', { name: 'New lead' })).toBeVisible();
  await expect(page).toHaveURL(/[?&]new=1/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New lead' })).toBeHidden();
  await expect(page).not.toHaveURL(/new=1/);

  // Away from a list, c offers what can be created.
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(page).toHaveURL(/\/overview$/);
  // The address changes a moment before the page does: c is pressed on the overview, not on the leads.
  await expect(page.getByRole('heading', { level: 1, name: /Good to see you|Overview/ })).toBeVisible();
  await page.keyboard.press('c');
  await page.getByRole('button', { name: 'New task' }).click();
  await expect(page).toHaveURL(/\/tasks\?new=1/);
  await expect(page.getByRole('dialog', { name: 'New task' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Ctrl+K finds records, said in the app's words: "Dealer", "Account", not "dealer", "account".
  await expect(page.getByRole('dialog', { name: 'New task' })).toBeHidden();
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search' }).fill(`Keyboard Supply ${tag} 7`);
  const hit = page.getByRole('button', { name: new RegExp(`^Keyboard Supply ${tag} 7`) });
  await expect(hit).toContainText('Dealer');
  await expect(hit).toContainText('Account');
  await expect(hit).not.toContainText('dealer');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeHidden();

  // Ctrl+K plans a visit: the account first, then the form set for a visit.
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search' }).fill('plan visit');
  await page.getByRole('button', { name: 'Plan a visit' }).click();
  await expect(page).toHaveURL(/\/activities\?new=plan-visit/);
  const picker = page.getByRole('dialog', { name: 'New visit: for which account?' });
  await picker.getByRole('combobox', { name: 'Account' }).fill(`Keyboard Supply ${tag} 0`);
  await page.getByRole('option', { name: `Keyboard Supply ${tag} 0`, exact: true }).click();
  const visitForm = page.getByRole('dialog', { name: `Plan a visit · Keyboard Supply ${tag} 0` });
  await expect(visitForm.getByRole('combobox', { name: 'Type' })).toHaveValue('Visit');
  await page.keyboard.press('Escape');

  // A long list scrolls under its header.
  await page.goto(`/accounts?q=${encodeURIComponent(`Keyboard Supply ${tag}`)}`);
  const header = page.getByRole('columnheader', { name: /Name/ });
  await expect(page.getByRole('link', { name: `Keyboard Supply ${tag} 29` })).toBeVisible();
  await page.getByRole('link', { name: `Keyboard Supply ${tag} 29` }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 2000);
  // The first rows have gone up under the header, which is still on screen.
  await expect(header).toBeInViewport();
  const firstRow = page.getByRole('link', { name: `Keyboard Supply ${tag} 0`, exact: true });
  await expect
    .poll(async () => ((await firstRow.boundingBox())?.y ?? 0) < ((await header.boundingBox())?.y ?? 0))
    .toBe(true);
});

test('a row followed while the words typed are still on their way opens that row', async ({ page, api }) => {
  const account = (await api.post('/accounts', { name: `Follow Me Supply ${unique()}`, type: 'dealer' })) as {
    id: string;
    name: string;
  };
  await signIn(page);
  await page.goto('/accounts?q=Follow%20Me%20Supply');
  // The account page's code comes late, as on a slow network; the search typed just before the click must
  // not take the page back to the list meanwhile.
  await page.route('**/assets/AccountPage-*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.getByPlaceholder('Search accounts…').fill(account.name);
  await page.getByRole('link', { name: account.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account.id}$`));
});

test('edit a field in place, delete the record from its page, then undo', async ({ page, api }) => {
  const name = `Mistake Supply ${unique()}`;
  const account = (await api.post('/accounts', { name, type: 'dealer' })) as { id: string };
  await signIn(page);
  await page.goto(`/accounts/${account.id}`);
  // A field edits in place: Enter saves it, and a bad value is refused at the field.
  await page.getByRole('button', { name: 'Edit phone' }).click();
  await page.getByRole('textbox', { name: 'Phone' }).fill('+31 10 555 0199');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: '+31 10 555 0199' })).toBeVisible();
  await expect
    .poll(async () => ((await api.get(`/accounts/${account.id}`)) as { phone: string }).phone)
    .toBe('+31 10 555 0199');
  await page.getByRole('button', { name: 'Edit employees' }).click();
  await page.getByRole('textbox', { name: 'Employees' }).fill('many');
  await page.keyboard.press('Enter');
  await expect(page.getByText('a whole number such as 250, or nothing')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete account' }).click();
  await page
    .getByRole('dialog', { name: `Delete account ${name}?` })
    .getByRole('button', { name: 'Delete account' })
    .click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByText(`Deleted account ${name}.`)).toBeVisible();
  expect((await api.get(`/accounts?q=${encodeURIComponent(name)}`)) as { data: unknown[] }).toMatchObject({ data: [] });

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(await api.get(`/accounts/${account.id}`)).toMatchObject({ id: account.id, name });
});

test('merge a duplicate account into the one that stays', async ({ page, api }) => {
  const tag = unique();
  const survivor = (await api.post('/accounts', { name: `Riverside Farm Supply ${tag}`, type: 'dealer' })) as {
    id: string;
    name: string;
  };
  const duplicate = (await api.post('/accounts', {
    name: `Riverside Farm Supply ${tag} Inc`,
    type: 'dealer',
    industry: 'Agriculture',
  })) as { id: string; name: string };
  await api.post('/contacts', { accountId: duplicate.id, firstName: 'Lena', lastName: `Moss ${tag}` });
  await signIn(page);
  await page.goto(`/accounts/${survivor.id}`);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Merge a duplicate into this account…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge a duplicate into ${survivor.name}` });
  // The likely duplicate is offered, but nothing is merged until one is chosen.
  await expect(dialog.getByRole('button', { name: 'Merge accounts' })).toBeDisabled();
  await dialog.getByRole('radio', { name: duplicate.name }).check();
  await expect(dialog.getByText(`${duplicate.name} will be merged into ${survivor.name}.`)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Merge accounts' }).click();
  await expect(page.getByText(`Merged ${duplicate.name} into ${survivor.name}: 1 contact moved here.`)).toBeVisible();
  // The page shows the moved contact and the filled-in industry without a reload.
  await expect(page.getByRole('link', { name: `Lena Moss ${tag}` })).toBeVisible();
  await expect(page.getByText('Agriculture').first()).toBeVisible();
  expect((await api.get(`/contacts?accountId=${survivor.id}`)) as { data: unknown[] }).toMatchObject({
    data: [{ lastName: `Moss ${tag}` }],
  });
});

test('an account page opens its family where the account sits, the other branches closed', async ({ page, api }) => {
  const tag = unique();
  type Created = { id: string; name: string };
  const account = async (name: string, type: string, parentId?: string) =>
    (await api.post('/accounts', { name: `${name} ${tag}`, type, parentId })) as Created;
  const root = await account('Delta Tractor Distribution', 'distributor');
  const north = await account('Delta North', 'distributor', root.id);
  const south = await account('Delta South', 'distributor', root.id);
  const dealer = await account('Delta North Dealer', 'dealer', north.id);
  const southDealer = await account('Delta South Dealer', 'dealer', south.id);
  const customers = [];
  for (const name of ['Apple Farm', 'Birch Farm', 'Cedar Farm'])
    customers.push(await account(name, 'customer', dealer.id));
  await signIn(page);
  await page.goto(`/accounts/${dealer.id}`);

  const tree = page.getByRole('list', { name: 'Account hierarchy' });
  await expect(tree.getByText(dealer.name, { exact: true })).toHaveAttribute('aria-current', 'page');
  // The way down from the root and the dealer's own customers are open.
  for (const customer of customers) await expect(tree.getByRole('link', { name: customer.name })).toBeVisible();
  await expect(tree.getByText(/Distributor · 7 below/)).toBeVisible();
  // The other branch is closed, its size beside it, and opens on a click.
  await expect(tree.getByRole('link', { name: southDealer.name })).toHaveCount(0);
  const openSouth = tree.getByRole('button', { name: `Open ${south.name}` });
  await expect(openSouth).toHaveAttribute('aria-expanded', 'false');
  await openSouth.click();
  await expect(tree.getByRole('link', { name: southDealer.name })).toBeVisible();
  await expect(tree.getByRole('button', { name: `Close ${south.name}` })).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);

  // Following a member opens the tree where that one sits.
  await tree.getByRole('link', { name: southDealer.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: southDealer.name })).toBeVisible();
  await expect(tree.getByText(southDealer.name, { exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(tree.getByRole('link', { name: customers[0]?.name as string })).toHaveCount(0);
});

test('create a lead and convert it into the matching account', async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const account = await api.post('/accounts', { name: `Harbour Logistics ${tag}`, type: 'customer' });
  await signIn(page);
  await page.goto('/leads');
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Noor');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill(`Jansen ${tag}`);
  await dialog.getByRole('textbox', { name: 'Company' }).fill(`Harbour Logistics ${tag}`);
  // What cannot be read is said at its field, never dropped or changed.
  await dialog.getByRole('textbox', { name: 'Budget' }).fill('abc');
  await dialog.getByRole('textbox', { name: 'Employees' }).fill('-5');
  await dialog.getByRole('textbox', { name: 'Decision date' }).fill('31/02/2027');
  await dialog.getByRole('textbox', { name: 'Company' }).click();
  await expect(dialog.getByText('There is no 31/02/2027')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Decision date' })).toHaveValue('31/02/2027');
  await dialog.getByRole('button', { name: 'Create lead' }).click();
  await expect(dialog.getByText('Must not be negative.')).toBeVisible();
  await expect(dialog.getByText(/An amount such as 250000/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Employees' }).fill('');
  await dialog.getByRole('textbox', { name: 'Decision date' }).fill('');
  // The compact amounts the app writes are read back.
  await dialog.getByRole('textbox', { name: 'Budget' }).fill('64k');
  await dialog.getByRole('button', { name: 'Create lead' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Noor Jansen ${tag}` })).toBeVisible();
  // BANT: the score updates as soon as the server has re-scored.
  const score = page.getByTestId('lead-score');
  const before = Number(await score.textContent());
  // The page may still be settling from the create: the switch is tried until it holds.
  await expect(async () => page.getByRole('switch', { name: 'Budget' }).check()).toPass({ timeout: 10_000 });
  await expect.poll(async () => Number(await score.textContent())).toBeGreaterThan(before);

  await page.getByRole('button', { name: 'Convert' }).click();
  const convert = page.getByRole('dialog', { name: /Convert Noor/ });
  await expect(convert.getByRole('radio', { name: new RegExp(`Join Harbour Logistics ${tag}`) })).toBeChecked();
  await convert.getByRole('button', { name: 'Convert lead' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account.id}`));
  await expect(page.getByRole('link', { name: `Noor Jansen ${tag}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Harbour Logistics ${tag} deal` })).toBeVisible();
  const [lead] = (await api.get(`/leads?q=${encodeURIComponent(`Jansen ${tag}`)}`)).data;
  expect(lead.budgetAmount).toBe(64000);
});

test('converting a lead whose owner has left says what to do, and converts once it is reassigned', async ({
  page,
  api,
}) => {
  const tag = Date.now().toString(36);
  const leaver = (await api.post('/users', {
    email: `leaver-${tag}@example.com`,
    name: `Lee Ver ${tag}`,
    role: 'rep',
    password: 'leaver-password-123',
  })) as { id: string };
  const lead = (await api.post('/leads', {
    firstName: 'Olga',
    lastName: `Brandt ${tag}`,
    company: `Fjord Tools ${tag}`,
    source: 'referral',
    budgetAmount: 9000,
    ownerId: leaver.id,
  })) as { id: string };
  await api.patch(`/users/${leaver.id}`, { active: false });
  expectConsoleError(page, /status of 400/);

  await signIn(page);
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole('button', { name: 'Convert' }).click();
  const convert = page.getByRole('dialog', { name: /Convert Olga/ });
  await convert.getByRole('button', { name: 'Convert lead' }).click();
  // Not a field of the dialog: said above its buttons, with what to do.
  await expect(convert.getByRole('alert').filter({ hasText: "The lead's owner is no longer active" })).toBeVisible();
  expect(await api.get(`/leads/${lead.id}`)).toMatchObject({ status: 'open' });

  const me = (await api.get('/users/me')) as { id: string };
  await api.patch(`/leads/${lead.id}`, { ownerId: me.id });
  await page.reload();
  await page.getByRole('button', { name: 'Convert' }).click();
  await page
    .getByRole('dialog', { name: /Convert Olga/ })
    .getByRole('button', { name: 'Convert lead' })
    .click();
  await expect(page).toHaveURL(/\/accounts\//);
  expect(await api.get(`/leads/${lead.id}`)).toMatchObject({ status: 'converted' });
});

test('convert a lead into an account chosen by name, with the amount asked for', async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const account = (await api.post('/accounts', { name: `Quarry Works ${tag}`, type: 'customer' })) as { id: string };
  const lead = (await api.post('/leads', {
    firstName: 'Ines',
    lastName: `Moreau ${tag}`,
    company: `Stone Co ${tag}`,
    source: 'referral',
  })) as {
    id: string;
  };
  await signIn(page);
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole('button', { name: 'Convert' }).click();
  const convert = page.getByRole('dialog', { name: /Convert Ines/ });
  await convert.getByRole('radio', { name: 'Another account I choose' }).check();
  await convert.getByRole('combobox', { name: 'Account' }).fill(`Quarry Works ${tag}`);
  await page.getByRole('option', { name: `Quarry Works ${tag}` }).click();
  // No budget on the lead: no amount is made up.
  await convert.getByRole('button', { name: 'Convert lead' }).click();
  await expect(convert.getByText('Enter the expected amount')).toBeVisible();
  await convert.getByRole('textbox', { name: 'Amount' }).fill('18500');
  await convert.getByRole('button', { name: 'Convert lead' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account.id}`));
  const converted = (await api.get(`/leads/${lead.id}`)) as {
    convertedAccountId: string;
    convertedOpportunityId: string;
  };
  expect(converted.convertedAccountId).toBe(account.id);
  expect(((await api.get(`/opportunities/${converted.convertedOpportunityId}`)) as { amount: number }).amount).toBe(
    18500,
  );
});

test('drag a deal across the board', async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const account = await api.post('/accounts', { name: `Board Test ${tag}` });
  const deal = await api.post('/opportunities', {
    name: `Drag me ${tag}`,
    accountId: account.id,
    stage: 'prospecting',
    amount: 5000,
    closeDate: '2030-01-31',
  });
  // Its next activity, a call that was due yesterday: the card shows it, overdue.
  await api.post('/activities', {
    type: 'call',
    subject: `Call back ${tag}`,
    scheduledAt: new Date(Date.now() - 86_400_000).toISOString(),
    accountId: account.id,
    opportunityId: deal.id,
  });
  await signIn(page);
  await page.goto('/opportunities/board');
  const card = page.getByTestId(`card-${deal.id}`);
  const target = page.getByTestId('column-proposal');
  await expect(card).toBeVisible();
  // The card names its account (the board asks for every card's account in one call).
  await expect(card).toContainText(`Board Test ${tag}`);
  await expect(card.getByTestId('next-activity')).toHaveText(`⚠ Call a day overdue: Call back ${tag}`);
  // Earlier tests leave deals in the column: the new card may sit below the fold.
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('board not laid out');
  // Grab the card below its title (the title is a link to the deal).
  const grab = { x: from.x + from.width / 2, y: from.y + from.height - 12 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 20, grab.y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
  await page.mouse.up();

  await expect(target.getByTestId(`card-${deal.id}`)).toBeVisible();
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).stage).toBe('proposal');

  // The keyboard way: space picks the card up, an arrow carries it a column on, space drops it, and the
  // focus stays on the card in its new column so the next key press goes on from there.
  // Each step waits for what a screen reader hears, as dnd-kit measures the columns between key presses.
  const announced = page.locator('[aria-live]').filter({ hasText: deal.name });
  await target.getByTestId(`card-${deal.id}`).focus();
  await page.keyboard.press('Space');
  await expect(announced).toContainText('is over the Proposal column');
  await page.keyboard.press('ArrowRight');
  await expect(announced).toContainText('is over the Negotiation column');
  await page.keyboard.press('Space');
  const moved = page.getByTestId('column-negotiation').getByTestId(`card-${deal.id}`);
  await expect(moved).toBeFocused();
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).stage).toBe('negotiation');

  // Losing a deal asks why, on the stage bar of its page as on the board. The board takes a click within
  // 300 ms of a drop for the drop's own click and ignores it; on a fast machine the checks above take less.
  await page.waitForTimeout(350);
  await card.click();
  await expect(page.getByRole('heading', { level: 1, name: `Drag me ${tag}` })).toBeVisible();
  // Under the stage path, what negotiation needs: the risks are missing, and are filled in right there.
  const needed = page.getByTestId('stage-fields');
  await expect(needed).toContainText('Missing');
  await needed.getByRole('button', { name: 'Edit risks' }).click();
  await needed.getByRole('textbox', { name: 'Risks' }).fill('Budget freeze in Q1');
  await page.keyboard.press('Enter');
  await expect(needed).not.toContainText('Missing');
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).risks).toBe('Budget freeze in Q1');
  // Its account is among the related records on the right.
  await expect(page.getByRole('link', { name: `Board Test ${tag}` }).last()).toBeVisible();
  await page.getByRole('button', { name: 'Closed lost' }).click();
  const dialog = page.getByRole('dialog', { name: /Why was/ });
  await dialog.getByRole('textbox', { name: 'Loss reason' }).fill('Went with a cheaper competitor');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(page.getByRole('button', { name: 'Closed lost (current)' })).toBeVisible();
  await expect
    .poll(async () => (await api.get(`/opportunities/${deal.id}`)).lossReason)
    .toBe('Went with a cheaper competitor');
});

test('a deal that needs an approval stays put on the board, and says the threshold in its currency', async ({
  page,
  api,
}) => {
  const tag = Date.now().toString(36);
  const account = await api.post('/accounts', { name: `Approval Test ${tag}` });
  const large = await api.post('/opportunities', {
    name: `Large ${tag}`,
    accountId: account.id,
    stage: 'negotiation',
    amount: 150_000,
    currency: 'USD',
    closeDate: '2030-01-31',
  });
  const euros = await api.post('/opportunities', {
    name: `In euros ${tag}`,
    accountId: account.id,
    stage: 'negotiation',
    amount: 5_000,
    currency: 'EUR',
    closeDate: '2030-01-31',
  });
  await signIn(page);
  await page.goto('/opportunities/board');
  const card = page.getByTestId('column-negotiation').getByTestId(`card-${large.id}`);
  await expect(card).toContainText('Approval needed');
  const announced = page.locator('[aria-live]').filter({ hasText: large.name });
  await card.focus();
  await page.keyboard.press('Space');
  await expect(announced).toContainText('is over the Negotiation column');
  await page.keyboard.press('ArrowRight');
  await expect(announced).toContainText('is over the Closed won column');
  await page.keyboard.press('Space');
  // Refused before anything is sent, with the request one click away.
  const notice = page.getByRole('alert').filter({ hasText: `${large.name} did not move` });
  await expect(notice).toContainText('Deals of $100,000 or more need an approval');
  await expect(notice.getByRole('button', { name: 'Request approval' })).toBeVisible();
  await expect(card).toBeFocused();
  expect((await api.get(`/opportunities/${large.id}`)).stage).toBe('negotiation');

  // A deal in a currency without a rate to the default one needs an approval whatever its amount.
  await page.goto(`/opportunities/${euros.id}`);
  await expect(
    page.getByText(/Deals in EUR need an approval before they close as won, whatever their amount/),
  ).toBeVisible();
});

test('the board narrows to a territory, cards and column figures alike', async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const territory = await api.post('/territories', { name: `Board Territory ${tag}` });
  const inside = await api.post('/accounts', { name: `Inside ${tag}`, territoryId: territory.id });
  const outside = await api.post('/accounts', { name: `Outside ${tag}` });
  const deal = (account: { id: string }, name: string) =>
    api.post('/opportunities', {
      name,
      accountId: account.id,
      stage: 'qualification',
      amount: 7000,
      closeDate: '2030-02-28',
    });
  const shown = await deal(inside, `In territory ${tag}`);
  const hidden = await deal(outside, `Elsewhere ${tag}`);
  await signIn(page);
  await page.goto('/opportunities/board');
  await page.getByRole('combobox', { name: 'Territory' }).click();
  await page.getByRole('option', { name: `Board Territory ${tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`territoryId=${territory.id}`));
  const column = page.getByTestId('column-qualification');
  await expect(column.getByTestId(`card-${shown.id}`)).toBeVisible();
  await expect(column.getByTestId(`card-${hidden.id}`)).toHaveCount(0);
  // The header counts the territory's one deal and its amount, not the whole column's.
  await expect(page.getByTestId('count-qualification')).toHaveText('1');
  await expect(page.getByTestId('amount-qualification')).toHaveAttribute('data-value', '7000');

  // "Pipeline", as the menu calls the board, is an address too, and it keeps the filters it is given.
  await page.goto(`/pipeline?territoryId=${territory.id}`);
  await expect(page).toHaveURL(new RegExp(`/opportunities/board\\?territoryId=${territory.id}$`));
  await expect(page.getByTestId(`card-${shown.id}`)).toBeVisible();
  await expect(page.getByTestId(`card-${hidden.id}`)).toHaveCount(0);
});

test('a deal list cell edits in place, and a refused value says what it takes', async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const account = await api.post('/accounts', { name: `Inline Test ${tag}` });
  const deal = await api.post('/opportunities', {
    name: `Edit in the list ${tag}`,
    accountId: account.id,
    amount: 12000,
    closeDate: '2030-03-31',
  });
  await signIn(page);
  await page.goto(`/opportunities?q=${encodeURIComponent(deal.name)}`);
  const row = page.getByRole('row').filter({ hasText: deal.name });
  await row.hover();
  await row.getByRole('button', { name: 'Edit amount' }).click();
  const amount = row.getByRole('textbox', { name: 'Amount' });
  await amount.fill('twelve');
  await amount.press('Enter');
  await expect(row.getByText('an amount such as 250000')).toBeVisible();
  await amount.fill('-500');
  await amount.press('Enter');
  await expect(row.getByText('must not be negative')).toBeVisible();
  await amount.fill('15000.5');
  await amount.press('Enter');
  // Saved without leaving the list, and the keyboard carries on from the cell's pencil; a table shows
  // the amount exact, to the cent.
  await expect(row).toContainText('$15,000.50');
  await expect(row.getByRole('button', { name: 'Edit amount' })).toBeFocused();
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).amount).toBe(15000.5);

  // A date in place reads and takes dates as the app writes them.
  await row.hover();
  await row.getByRole('button', { name: 'Edit close date' }).click();
  const closeDate = row.getByRole('textbox', { name: 'Close date' });
  await expect(closeDate).toHaveValue('31 Mar 2030');
  await closeDate.fill('15 Apr 2030');
  await closeDate.press('Enter');
  await expect(row).toContainText('15 Apr 2030');
  await expect.poll(async () => (await api.get(`/opportunities/${deal.id}`)).closeDate).toBe('2030-04-15');
});

test('complete a task in one click', async ({ page, api }) => {
  const title = `Call the buyer back ${Date.now().toString(36)}`;
  await api.post('/tasks', { title, dueAt: new Date(Date.now() - 3_600_000).toISOString(), priority: 'high' });
  await signIn(page);
  // The overview's overdue figure leads to the overdue tasks alone.
  await page.getByTestId('kpi-overdue-tasks').click();
  await expect(page).toHaveURL(/\/tasks\?.*overdue=true/);
  await expect(page.getByRole('region', { name: 'Upcoming' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Overdue only · show all' }).click();
  await expect(page.getByRole('region', { name: 'Upcoming' })).toBeVisible();
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  const overdue = page.getByRole('region', { name: 'Overdue' });
  await expect(overdue.getByText(title)).toBeVisible();
  await page.getByRole('checkbox', { name: `Complete ${title}` }).click();
  // It leaves the list at once; the notice saying it is done offers Undo for a while.
  await expect(page.getByTestId('task-row').filter({ hasText: title })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: `Done: ${title}` })).toBeVisible();
  const open = await api.get(`/tasks?q=${encodeURIComponent(title)}&status=completed`);
  expect(open.data).toHaveLength(1);
});

test('every main page loads without errors and passes an accessibility scan', async ({ page, api }) => {
  // Fifteen pages, each scanned by axe: more than one test's worth of time on a busy machine.
  test.setTimeout(240_000);
  const desk = await seedSalesDesk(api);
  await signIn(page);
  const pages = [
    { path: '/', heading: /Good to see you|Overview/ },
    { path: '/accounts', heading: 'Accounts' },
    { path: `/accounts/${desk.accounts[0].id}`, heading: desk.accounts[0].name },
    { path: '/contacts', heading: 'Contacts' },
    { path: '/leads', heading: 'Leads' },
    { path: `/leads/${desk.leads[0].id}`, heading: `${desk.leads[0].firstName} ${desk.leads[0].lastName}` },
    { path: '/opportunities', heading: 'Opportunities' },
    { path: `/opportunities/${desk.deals[3].id}`, heading: desk.deals[3].name },
    { path: '/opportunities/board', heading: 'Pipeline board' },
    { path: '/activities', heading: 'Activities' },
    { path: '/activities?view=week', heading: 'Activities' },
    { path: '/tasks', heading: 'Tasks' },
    { path: '/reports', heading: 'Reports' },
    { path: '/ask', heading: 'Ask' },
    { path: '/no-such-page', heading: "There's no page here" },
  ];
  for (const { path, heading } of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page);
  }
});

test('a won deal, a contact and the reports at phone width pass an accessibility scan', async ({ page, api }) => {
  const desk = await seedSalesDesk(api);
  // Under the approval threshold, so it closes as won at once: white on the won stage's teal must be legible.
  const won = desk.deals[5] as { id: string; name: string };
  await api.post(`/opportunities/${won.id}/stage`, { stage: 'closed_won' });
  const contact = desk.contacts[0] as { id: string; firstName: string; lastName: string };
  await signIn(page);
  await page.goto(`/opportunities/${won.id}`);
  await expect(page.getByRole('button', { name: 'Closed won (current)' })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `${contact.firstName} ${contact.lastName}` })).toBeVisible();
  await expectAccessible(page);
  // On a phone every report's tab is on the screen, not scrolled away to the side.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/reports/activity-summary');
  await expect(page.getByRole('tab', { name: 'Activities' })).toHaveAttribute('aria-selected', 'true');
  for (const tab of await page.getByRole('tab').all()) await expect(tab).toBeInViewport({ ratio: 1 });
  await expectAccessible(page);
  // The figures are a card per row, every column named beside its figure: none hides off to the side.
  await page.goto('/reports/lead-funnel');
  const cards = page.getByTestId('report-figure-cards');
  const converted = cards.getByText('Converted').first();
  await converted.scrollIntoViewIfNeeded();
  await expect(converted).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('table')).toHaveCount(0);
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrolls, 'the page scrolls sideways').toBe(false);
  await expectAccessible(page);
});

test('a disqualified lead says why and can be reopened, and a missing record leads back to its list', async ({
  page,
  api,
}) => {
  const desk = await seedSalesDesk(api);
  const lead = desk.leads[0] as { id: string; firstName: string; lastName: string };
  await signIn(page);
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole('button', { name: 'Disqualify' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disqualify this lead' });
  await expect(dialog.getByText(/cannot be edited or converted while it is disqualified/)).toBeVisible();
  await dialog.getByRole('textbox', { name: /Why is it not worth pursuing/ }).fill('Bought from a competitor');
  await dialog.getByRole('button', { name: 'Disqualify' }).click();
  await expect(page.getByText('Bought from a competitor')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Convert' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Reopen lead' }).click();
  await expect(page.getByRole('button', { name: 'Convert' })).toBeVisible();
  await expect(page.getByText('Bought from a competitor')).toHaveCount(0);
  expect((await api.get(`/leads/${lead.id}`)).status).toBe('open');

  expectConsoleError(page, /status of 404/);
  await page.goto('/opportunities/01900000-0000-7000-8000-000000000000');
  await expect(page.getByText("We couldn't find this deal.")).toBeVisible();
  await page.getByRole('link', { name: 'Go to the deals' }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunities' })).toBeVisible();
  // An address whose id cannot be one is a record that does not exist, not a request to retry.
  await page.goto('/accounts/not-a-uuid');
  await expect(page.getByText("We couldn't find this account.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
});

test('the activities list says which planned activities are overdue, and names what each is about', async ({
  page,
  api,
}) => {
  const desk = await seedSalesDesk(api);
  const subject = `Call back about the racking quote ${desk.tag}`;
  await api.post('/activities', {
    type: 'call',
    subject,
    status: 'planned',
    scheduledAt: isoTime(-2),
    accountId: desk.accounts[0].id,
    opportunityId: desk.deals[0].id,
    contactId: desk.contacts[0].id,
  });
  const leadSubject = `Qualify the warehouse lead ${desk.tag}`;
  await api.post('/activities', {
    type: 'call',
    subject: leadSubject,
    status: 'planned',
    scheduledAt: isoTime(-1),
    leadId: desk.leads[0].id,
  });
  await signIn(page);
  const nameRequests: string[] = [];
  page.on('request', (request) => {
    const match = /\/api\/v1\/(accounts|contacts|leads|opportunities)\?id=/.exec(request.url());
    if (match?.[1]) nameRequests.push(match[1]);
  });
  await page.goto(`/activities?q=${encodeURIComponent(desk.tag)}`);
  const row = page.getByRole('row').filter({ hasText: subject });
  await expect(row.getByText('⚠ 2 days overdue')).toBeVisible();
  // Who it is about, by name, each leading to it.
  const relatedLinks = [
    [desk.accounts[0].name, `/accounts/${desk.accounts[0].id}`],
    [`Deal: ${desk.deals[0].name}`, `/opportunities/${desk.deals[0].id}`],
    [`${desk.contacts[0].firstName} ${desk.contacts[0].lastName}`, `/contacts/${desk.contacts[0].id}`],
  ];
  for (const [name, href] of relatedLinks) await expect(row.getByRole('link', { name })).toHaveAttribute('href', href);
  const leadRow = page.getByRole('row').filter({ hasText: leadSubject });
  await expect(
    leadRow.getByRole('link', { name: `${desk.leads[0].firstName} ${desk.leads[0].lastName}` }),
  ).toHaveAttribute('href', `/leads/${desk.leads[0].id}`);
  // The names of the whole page came in one call per kind of record, not one per row.
  expect(nameRequests.sort()).toEqual(['accounts', 'contacts', 'leads', 'opportunities']);
  await expectAccessible(page);
});

test('the activities list opens on the to-do; a followed link fills its date boxes; dates read as the app writes them', async ({
  page,
}) => {
  await signIn(page);
  // Asked for nothing in particular, the list is the rep's to-do: planned, the soonest (or most overdue) first.
  await page.goto('/activities');
  await expect(page).toHaveURL(/\/activities\?status=planned&sort=scheduledAt$/);
  await expect(page.getByRole('columnheader', { name: /When/ })).toHaveAttribute('aria-sort', 'ascending');

  // The overview's and the reports' links bound the list by atFrom / atTo: the boxes show those bounds, and
  // a date typed in a box changes that bound rather than adding a second one.
  const from = isoTime(-10);
  await page.goto(`/activities?type=call&atFrom=${encodeURIComponent(from)}`);
  const fromBox = page.getByRole('textbox', { name: 'Date from' });
  await expect(fromBox).toHaveValue(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  const toBox = page.getByRole('textbox', { name: 'Date to' });
  await toBox.fill('31 Dec 2030');
  await toBox.blur();
  await expect(page).toHaveURL(/[?&]atTo=2030-12-31(&|$)/);
  await expect(page).not.toHaveURL(/scheduledAt(From|To)/);
  await expect(toBox).toHaveValue('31 Dec 2030');

  // A form's date and time read "7 Dec 2026, 09:00", not the browser's "12/07/2026, 09:00 AM".
  await page.goto('/tasks?new=1');
  await expect(page.getByRole('dialog', { name: 'New task' }).getByRole('textbox', { name: 'Due' })).toHaveValue(
    /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/,
  );
});

test('a form that cannot be sent puts the focus on the first field to fix', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 640 });
  await signIn(page);
  await page.goto('/opportunities?new=1');
  const dialog = page.getByRole('dialog', { name: 'New deal' });
  await dialog.getByRole('textbox', { name: 'Deal name' }).fill('Mower fleet renewal');
  await dialog.getByRole('button', { name: 'Create deal' }).click();
  const account = dialog.getByRole('combobox', { name: 'Account' });
  await expect(account).toBeFocused();
  await expect(account).toBeInViewport();
});

test('the reports offer only the filters each one reads', async ({ page }) => {
  await signIn(page);
  await page.goto('/reports');
  await expect(page.getByRole('tab', { name: 'Pipeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Owner' })).toBeVisible();
  // The open pipeline is today's: a period would change nothing.
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Win / loss' }).click();
  await expect(page.getByRole('combobox', { name: 'Period' })).toBeVisible();
  // The workload is today's open tasks: narrowed by person and territory, never by a period.
  await page.getByRole('tab', { name: 'Workload' }).click();
  await expect(page.getByRole('heading', { name: 'Open tasks per person' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Territory' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveCount(0);
  // A link to a report that does not exist opens the pipeline, not an empty page.
  await page.goto('/reports/activities');
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole('tab', { name: 'Pipeline' })).toHaveAttribute('aria-selected', 'true');
});

test('every figure of a report opens the records behind it', async ({ page, api }) => {
  const tag = unique();
  const rep = await api.post('/users', {
    name: `Wanda Workload ${tag}`,
    email: `wanda-${tag}@example.com`,
    password: 'the password of wanda',
    role: 'rep',
  });
  const task = (title: string, dueAt: string) =>
    api.post('/tasks', { title: `${title} ${tag}`, dueAt, assigneeId: rep.id });
  await task('Long overdue', isoTime(-30));
  // Ten minutes from now: this week (Monday to Sunday, UTC) unless the test runs in Sunday's last minutes.
  await task('Due soon', new Date(Date.now() + 10 * 60_000).toISOString());
  await task('Far off', isoTime(60));
  await signIn(page);

  // The workload's row: open, overdue and due this week each open those tasks of the person.
  await page.goto(`/reports/workload?ownerId=${rep.id}`);
  const row = () => page.getByRole('row').filter({ hasText: `Wanda Workload ${tag}` });
  await expect(row().getByRole('link')).toHaveText([`Wanda Workload ${tag}`, '3', '1', '1']);
  await row().getByRole('link').nth(2).click();
  await expect(page).toHaveURL(new RegExp(`/tasks\\?.*assigneeId=${rep.id}.*overdue=true`));
  await expect(page.getByText(`Long overdue ${tag}`)).toBeVisible();
  await expect(page.getByText(`Due soon ${tag}`)).toHaveCount(0);
  await page.goBack();
  await row().getByRole('link').nth(3).click();
  await expect(page.getByText(/^Due \d+ \w+ \d{4} – \d+ \w+ \d{4}$/)).toBeVisible();
  await expect(page.getByText(`Due soon ${tag}`)).toBeVisible();
  await expect(page.getByText(`Long overdue ${tag}`)).toHaveCount(0);
  await expect(page.getByText(`Far off ${tag}`)).toHaveCount(0);

  // A summary card of the win / loss report: the deals won in the period, as many as it counts.
  const account = await api.post('/accounts', { name: `Figures ${tag}` });
  await api.post('/opportunities', {
    name: `Won for the figures ${tag}`,
    accountId: account.id,
    stage: 'closed_won',
    amount: 1000,
    closeDate: new Date().toISOString().slice(0, 10),
  });
  await page.goto('/reports/win-loss');
  const won = page.getByTestId('kpi-won');
  await expect(won).toHaveAttribute('data-value', /^[1-9]\d*$/);
  const wonCount = Number(await won.getAttribute('data-value'));
  await won.click();
  await expect(page).toHaveURL(/\/opportunities\?stage=closed_won&closedAtFrom=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByText(wonCount === 1 ? '1 deal' : `${wonCount} deals`, { exact: true })).toBeVisible();
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the overview and an account page fit the screen', async ({ page, api }) => {
    const desk = await seedSalesDesk(api);
    await signIn(page);
    await expect(page.getByTestId('kpi-pipeline-value')).toHaveAttribute('data-value', /\d/);
    await expect(page.getByRole('heading', { name: 'Pipeline by stage' })).toBeVisible();
    await page.waitForTimeout(500);
    // Every stage is named under its bars, slanted rather than dropped for want of room.
    const pipelineChart = page.locator('.mantine-Card-root').filter({ hasText: 'Pipeline by stage' });
    for (const stage of ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'])
      await expect(pipelineChart.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: stage })).toHaveCount(
        1,
      );
    await page.screenshot({ path: 'test-results/screenshots/overview-375.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The navigation collapses into a menu, which says whether it is open.
    const menu = page.getByRole('button', { name: 'Open navigation' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
    // The list's primary action stays in reach of the thumb however far the list scrolls.
    await page.mouse.wheel(0, 5000);
    const create = page.getByRole('button', { name: 'New account' });
    await expect(create).toBeInViewport();
    await create.click();
    await expect(page.getByRole('dialog', { name: 'New account' })).toBeVisible();
    await page.keyboard.press('Escape');
    // Other tests add accounts too: search, so it is on the first page whatever else exists.
    await page.getByPlaceholder('Search accounts…').fill(desk.accounts[0].name);
    await page.getByRole('link', { name: desk.accounts[0].name }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: desk.accounts[0].name })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screenshots/account-375.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test('the board keeps its filters behind a button, and the first cards in view', async ({ page }) => {
    await signIn(page);
    await page.goto('/opportunities/board');
    await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveCount(0);
    await expect(page.getByTestId('column-prospecting')).toBeInViewport();
    await page.getByRole('button', { name: 'Filters' }).click();
    await expect(page.getByRole('combobox', { name: 'Owner' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Territory' })).toBeVisible();
  });

  test('a deal page keeps its timeline actions and stage history on the screen', async ({ page, api }) => {
    const desk = await seedSalesDesk(api);
    const deal = desk.deals[1] as { id: string; name: string };
    await api.post(`/opportunities/${deal.id}/stage`, { stage: 'proposal', reason: 'Pricing agreed in principle' });
    await signIn(page);
    await page.goto(`/opportunities/${deal.id}`);
    await expect(page.getByRole('heading', { level: 1, name: deal.name })).toBeVisible();
    // Who moved it and why are read on the phone, not hidden in a table wider than the screen.
    const history = page.getByRole('table');
    await expect(history.getByText('Pricing agreed in principle')).toBeVisible();
    await expect(history.getByText('Administrator').first()).toBeVisible();
    expect(await history.evaluate((table) => table.scrollWidth - table.clientWidth)).toBeLessThanOrEqual(0);
    // The quick actions stay inside the timeline's card.
    const create = page.getByRole('button', { name: 'Create task' });
    const card = page.locator('.mantine-Card-root', { has: page.getByRole('heading', { name: 'Timeline' }) });
    const [button, box] = [await create.boundingBox(), await card.boundingBox()];
    expect((button?.x ?? 0) + (button?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0) - 8);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
