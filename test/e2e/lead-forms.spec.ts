import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { type Api, seedManagerAndRep, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectNoHorizontalScroll, signIn, test } from './helpers.js';

/*
 * Lead forms (web-to-lead), as a manager or an admin sets one up in the browser: the form's page gives its
 * public address and the HTML to paste, a test inquiry makes a lead, and the HTML itself, served as a
 * website would, posts real inquiries that become leads. Reps have no entry and are told who keeps forms.
 */

/** A company's website: the page a form sends visitors on to after they post it. */
let site: http.Server;
let siteOrigin = '';

test.beforeAll(async () => {
  site = http.createServer((request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>Thanks</title><h1>Thanks from our own site</h1><p>${request.url}</p>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

/** Shows the pasted HTML as a page of its own, as a website would serve it (the dashboard's page left). */
async function openSnippet(page: Page, snippet: string) {
  await page.goto('about:blank');
  await page.setContent(snippet);
}

/** The leads of a source whose e-mail is `email` (the newest 100 the admin sees). */
async function leadsWithEmail(api: Api, source: string, email: string) {
  const page = await api.get(`/leads?source=${source}&sort=-createdAt&limit=100`);
  return (page.data as { id: string; email: string | null }[]).filter((lead) => lead.email === email);
}

test('an admin creates a lead form, reads how to embed it, sends a test inquiry and finds the lead', async ({
  page,
  api,
}) => {
  const tag = unique();
  const name = `Contact page ${tag}`;
  const noFormsYet = (await api.get('/lead-forms?limit=1')).data.length === 0;
  await signIn(page);

  // From the Settings section of the navigation.
  await page.getByRole('link', { name: 'Lead forms', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lead forms' })).toBeVisible();
  // Off the link just clicked: axe measures what people read, not a hovered entry.
  await page.mouse.move(0, 0);
  if (noFormsYet) {
    await expect(page.getByText('No lead forms yet')).toBeVisible();
    await expect(page.getByText(/Put a form on your website and its inquiries arrive here as leads/)).toBeVisible();
    await expectAccessible(page);
  }

  // Nothing is sent without a name; then every lead to the admin, the thank-you page after posting.
  await page.getByRole('button', { name: 'New lead form' }).click();
  const form = page.getByRole('dialog', { name: 'New lead form' });
  await form.getByRole('button', { name: 'Create lead form' }).click();
  await expect(form.getByText('Give the form a name, such as Website contact page')).toBeVisible();
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await form.getByRole('radio', { name: 'Always the owner' }).check();
  await form.getByRole('textbox', { name: 'After sending, go to' }).fill('not an address');
  await form.getByRole('button', { name: 'Create lead form' }).click();
  await expect(form.getByText(/Enter the whole address, starting with https:\/\//)).toBeVisible();
  await form.getByRole('textbox', { name: 'After sending, go to' }).fill('');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Create lead form' }).click();

  // The new form's page: its address and the HTML to paste, built on the address the dashboard is at.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/lead-forms\/[0-9a-f-]{36}$/);
  const summary = page.getByTestId('lead-form-summary');
  await expect(summary).toContainText('Active');
  await expect(summary).toContainText('Always Administrator');
  await expect(summary).toContainText('No inquiries yet');
  const address = await page.getByRole('textbox', { name: 'Public address' }).inputValue();
  expect(address).toMatch(new RegExp(`^${e2eOrigin}/api/v1/forms/lf_[\\w-]+/leads$`));
  const snippet = await page.getByRole('textbox', { name: 'HTML form' }).inputValue();
  expect(snippet).toContain(`<form action="${address}" method="post">`);
  for (const field of ['name', 'email', 'company', 'message']) expect(snippet).toContain(`name="${field}"`);
  expect(snippet).toMatch(/name="_hp"[^>]*style="display:none" tabindex="-1" autocomplete="off"/);
  await expect(page.getByRole('textbox', { name: 'Example (curl)' })).toHaveValue(/content-type: application\/json/);
  await expect(page.getByText('They see a short thank-you page from Meridian.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy address' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy HTML' })).toBeVisible();
  await expectAccessible(page);

  // A test inquiry, posted to that address: the lead it made opens, and the form counts it.
  await page.getByRole('button', { name: 'Send a test inquiry' }).click();
  const received = page.getByRole('status').filter({ hasText: 'Test inquiry received' });
  await expect(received).toBeVisible();
  const email = /test-inquiry\+\w+@example\.com/.exec((await received.textContent()) ?? '')?.[0] ?? '';
  expect(email).not.toBe('');
  await expect(summary).toContainText('1 inquiry');
  await expect(summary).toContainText(/last inquiry (a few seconds|a minute) ago/);
  const [lead] = await leadsWithEmail(api, 'website', email);
  const me = await api.get('/users/me');
  expect(lead).toMatchObject({ firstName: 'Test', lastName: 'Inquiry', source: 'website', ownerId: me.id });

  // The admin, the form's owner, is told in the bell; the notification opens the lead.
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByText(`New lead from ${name}: Test Inquiry`)).toBeVisible();
  await page.keyboard.press('Escape');

  const newest = received.getByRole('link', { name: 'See the newest website leads' });
  await expect(newest).toHaveAttribute('href', '/leads?source=website&sort=-createdAt');
  await received.getByRole('link', { name: 'Open the test lead' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead?.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: /Test Inquiry/ })).toBeVisible();
  await page.goto('/leads?source=website&sort=-createdAt');
  await expect(page.getByRole('link', { name: /^Test Inquiry/ }).first()).toBeVisible();

  // The list says where its leads go and how many came.
  await page.goto(`/lead-forms?q=${tag}`);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Website');
  await expect(row).toContainText('Always Administrator');
  await expect(row).toContainText('1 inquiry');
  await expect(row).toContainText(/last inquiry/);
  await expect(row).toContainText('Active');
  await page.mouse.move(0, 0);
  await expectAccessible(page);
});

test('the pasted HTML form posts real inquiries: the thank-you page, then the site’s own page', async ({
  page,
  api,
}) => {
  const tag = unique();
  const leadForm = await api.post('/lead-forms', { name: `Trade show kiosk ${tag}`, source: 'trade_show' });
  await signIn(page, undefined, undefined, `/lead-forms/${leadForm.id}`);
  await expect(page.getByRole('heading', { level: 1, name: leadForm.name })).toBeVisible();
  await expect(page.getByTestId('lead-form-summary')).toContainText("Territory's reps in turn");
  const address = await page.getByRole('textbox', { name: 'Public address' }).inputValue();
  const snippet = await page.getByRole('textbox', { name: 'HTML form' }).inputValue();

  // A visitor fills the form on "the website" (the snippet as a page of its own) and sends it.
  const visitor = { name: `Grace Hopper ${tag}`, email: `grace-${tag}@navy.example.com` };
  await openSnippet(page, snippet);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Grace');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(visitor.email);
  await page.getByRole('textbox', { name: 'Company' }).fill(`Navy Labs ${tag}`);
  await page.getByRole('textbox', { name: 'How can we help?' }).fill('Twelve compilers, please.');
  // One word is not a first and a last name: the browser keeps the form until both are given.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('input[name="name"]:invalid')).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Your name' }).fill(visitor.name);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(address);
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();

  const [lead] = await leadsWithEmail(api, 'trade_show', visitor.email);
  expect(lead).toMatchObject({
    firstName: 'Grace',
    lastName: `Hopper ${tag}`,
    company: `Navy Labs ${tag}`,
    needDescription: 'Twelve compilers, please.',
    source: 'trade_show',
  });

  // A robot that fills the hidden field is thanked alike, and makes no lead.
  const robot = `robot-${tag}@spam.example.com`;
  await openSnippet(page, snippet);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Spam Bot');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(robot);
  await page.locator('input[name="_hp"]').evaluate((input: HTMLInputElement) => {
    input.value = 'https://spam.example.com';
  });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
  expect(await leadsWithEmail(api, 'trade_show', robot)).toHaveLength(0);

  // Sent on to a page of the company's own site: set in the form's settings, said in its Embed section.
  await page.goto(`/lead-forms/${leadForm.id}`);
  await page.getByRole('button', { name: 'Edit settings' }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${leadForm.name}` });
  await edit.getByRole('textbox', { name: 'After sending, go to' }).fill(`${siteOrigin}/thanks`);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByText('Their browser goes on to')).toContainText(`${siteOrigin}/thanks`);
  expect((await api.get(`/lead-forms/${leadForm.id}`)).redirectUrl).toBe(`${siteOrigin}/thanks`);
  await expect(page.getByTestId('lead-form-summary')).toContainText('1 inquiry');

  const second = `ada-${tag}@engines.example.com`;
  await openSnippet(page, snippet);
  await page.getByRole('textbox', { name: 'Your name' }).fill(`Ada Lovelace ${tag}`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(second);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(`${siteOrigin}/thanks`);
  await expect(page.getByRole('heading', { name: 'Thanks from our own site' })).toBeVisible();
  expect(await leadsWithEmail(api, 'trade_show', second)).toHaveLength(1);
  expect((await api.get(`/lead-forms/${leadForm.id}`)).submissionCount).toBe(2);
});

test('a manager has Lead forms under Settings; a rep has no entry and is told who keeps them', async ({
  page,
  api,
}) => {
  const tag = unique();
  const password = 'the password of the team';
  const { manager, rep } = await seedManagerAndRep(api, tag, password);

  await signIn(page, manager.email, password);
  await expect(page.getByRole('link', { name: 'Lead forms', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  // The search palette knows the page too.
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search' }).fill('lead forms');
  await page.getByRole('button', { name: 'Lead forms', exact: true }).click();
  await expect(page).toHaveURL(/\/lead-forms$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lead forms' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New lead form' })).toBeVisible();
  await page.getByRole('button', { name: `Account menu of ${manager.name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await signIn(page, rep.email, password);
  await expect(page.getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lead forms', exact: true })).toHaveCount(0);
  // Not among the palette's pages either: "lead" offers New lead, and no Lead forms beside it.
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search' }).fill('lead');
  await expect(page.getByRole('button', { name: 'New lead', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lead forms', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The address typed in: a clear word, no request refused (a 403 would be a console error).
  await page.goto('/lead-forms');
  await expect(page.getByRole('heading', { level: 1, name: 'Lead forms' })).toBeVisible();
  await expect(page.getByText('Managers and admins keep the lead forms')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New lead form' })).toHaveCount(0);
  await page.goto('/lead-forms/0195f3d2-0000-7000-8000-000000000000');
  await expect(page.getByText('Managers and admins keep the lead forms')).toBeVisible();
  await expectAccessible(page);
});

test.describe('at phone width (375 px)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('a form is deactivated and deleted, each with Undo', async ({ page, api }) => {
    const tag = unique();
    const leadForm = await api.post('/lead-forms', { name: `Partner portal ${tag}`, source: 'referral' });
    await signIn(page, undefined, undefined, `/lead-forms?q=${tag}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lead forms' })).toBeVisible();
    await expect(page.getByRole('link', { name: leadForm.name })).toBeVisible();
    await expect(page.getByText("Territory's reps in turn")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);

    const actions = page.getByRole('button', { name: 'Actions' });
    await actions.click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await expect(page.getByText('Inactive', { exact: true })).toBeVisible();
    await expect.poll(async () => (await api.get(`/lead-forms/${leadForm.id}`)).active).toBe(false);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText('Active', { exact: true })).toBeVisible();
    await expect.poll(async () => (await api.get(`/lead-forms/${leadForm.id}`)).active).toBe(true);

    await actions.click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete the lead form?' })
      .getByRole('button', { name: 'Delete lead form' })
      .click();
    await expect(page.getByText(`Deleted lead form ${leadForm.name}.`)).toBeVisible();
    await expect(page.getByRole('link', { name: leadForm.name })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('link', { name: leadForm.name })).toBeVisible();
    expect((await api.get(`/lead-forms/${leadForm.id}`)).active).toBe(true);

    // Its page on a phone: the address and the HTML fit the screen.
    await page.getByRole('link', { name: leadForm.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: leadForm.name })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Public address' })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
