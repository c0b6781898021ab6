import type { Page } from '@playwright/test';
import { isoDate, unique } from './api.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * Contact and lead pages as HubSpot lays a record out: key properties left, the timeline with its quick
 * actions in the middle, associated records right; on a phone the three stack in that order.
 */

async function box(page: Page, testId: string) {
  const found = await page.getByTestId(testId).boundingBox();
  if (!found) throw new Error(`${testId} is not laid out`);
  return found;
}

/** Where the properties, the timeline and the related records are on the screen. */
const columns = async (page: Page) =>
  [
    await box(page, 'record-properties'),
    await box(page, 'record-timeline'),
    await box(page, 'record-related'),
  ] as const;

async function expectSideBySide(page: Page) {
  const [properties, timeline, related] = await columns(page);
  expect(properties.x + properties.width).toBeLessThanOrEqual(timeline.x);
  expect(timeline.x + timeline.width).toBeLessThanOrEqual(related.x);
  expect(Math.abs(properties.y - timeline.y)).toBeLessThan(2);
  expect(Math.abs(timeline.y - related.y)).toBeLessThan(2);
}

/** One above the other at phone width, in reading order (called in `toPass`: the page reflows after a resize). */
async function expectStacked(page: Page) {
  const [properties, timeline, related] = await columns(page);
  expect(properties.y + properties.height).toBeLessThanOrEqual(timeline.y);
  expect(timeline.y + timeline.height).toBeLessThanOrEqual(related.y);
  for (const box of [properties, timeline, related]) expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('a contact page: three columns, the related records, and a task created from the timeline', async ({
  page,
  api,
}) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Linden Mills ${tag}`, type: 'customer' });
  const boss = await api.post('/contacts', { accountId: account.id, firstName: 'Greta', lastName: `Boss ${tag}` });
  const contact = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Hugo',
    lastName: `Buyer ${tag}`,
    reportsToId: boss.id,
    phone: '+14535550124',
  });
  const deal = await api.post('/opportunities', {
    name: `Saw blades ${tag}`,
    accountId: account.id,
    contactId: contact.id,
    amount: 9000,
    closeDate: isoDate(40),
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Hugo Buyer ${tag}` })).toBeVisible();
  await expect(() => expectSideBySide(page)).toPass();
  const related = page.getByTestId('record-related');
  await expect(related.getByRole('link', { name: account.name })).toBeVisible();
  await expect(related.getByRole('link', { name: `Greta Boss ${tag}` })).toBeVisible();
  await expect(related.getByRole('link', { name: deal.name })).toBeVisible();
  // The phone as people write it, dialled as stored.
  await expect(page.getByRole('link', { name: '+1 453-555-0124' })).toHaveAttribute('href', 'tel:+14535550124');

  // The timeline's quick action files the task against the contact; it shows among the open tasks at once.
  await page.getByTestId('record-timeline').getByRole('button', { name: 'Create task' }).click();
  const dialog = page.getByRole('dialog', { name: `New task · Hugo Buyer ${tag}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(`Send the blade catalogue ${tag}`);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  await expect(related.getByRole('button', { name: `Send the blade catalogue ${tag}`, exact: true })).toBeVisible();
  const tasks = await api.get(`/tasks?contactId=${contact.id}`);
  expect(tasks.data).toMatchObject([{ title: `Send the blade catalogue ${tag}`, accountId: account.id }]);
  await expectAccessible(page);

  await page.setViewportSize({ width: 375, height: 812 });
  await expect(() => expectStacked(page)).toPass();
});

test('a lead page: three columns, fields edited in place, a note and a call from the timeline', async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.post('/leads', {
    firstName: 'Iris',
    lastName: `Vale ${tag}`,
    company: `Vale Orchards ${tag}`,
    source: 'trade_show',
    bant: { timeline: true },
    decisionDate: '2027-02-19',
  });
  const converted = await api.post('/leads', {
    firstName: 'Jon',
    lastName: `Reed ${tag}`,
    company: `Reed Farms ${tag}`,
    source: 'referral',
  });
  const conversion = await api.post(`/leads/${converted.id}/convert`, {
    opportunity: { name: `Reed Farms tractors ${tag}`, amount: 30000, closeDate: isoDate(60) },
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, undefined, undefined, `/leads/${lead.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Iris Vale ${tag}` })).toBeVisible();
  await expect(() => expectSideBySide(page)).toPass();
  const related = page.getByTestId('record-related');
  await expect(related.getByText('Administrator')).toBeVisible();
  // The score says why, its dates written as the app writes them.
  await expect(page.getByText('Timeline confirmed (decision by 19 Feb 2027)')).toBeVisible();

  // Properties change in place; a value the field cannot take is refused there.
  const properties = page.getByTestId('record-properties');
  await properties.getByRole('button', { name: 'Edit budget' }).click();
  await properties.getByRole('textbox', { name: 'Budget' }).fill('lots');
  await page.keyboard.press('Enter');
  await expect(properties.getByText('an amount such as 250000, 12k or 1.2m')).toBeVisible();
  await properties.getByRole('textbox', { name: 'Budget' }).fill('42000');
  await page.keyboard.press('Enter');
  await expect(properties.getByText('$42,000')).toBeVisible();
  await expect.poll(async () => (await api.get(`/leads/${lead.id}`)).budgetAmount).toBe(42000);

  // The quick actions: a note, then a call logged as done, both on the lead's timeline.
  const timeline = page.getByTestId('record-timeline');
  await timeline.getByRole('button', { name: 'Add note' }).click();
  const note = page.getByRole('dialog', { name: /Add a note/ });
  await note.getByRole('textbox', { name: 'Note' }).fill(`Met at the **fair** ${tag}`);
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(timeline.getByText(`Met at the fair ${tag}`)).toBeVisible();
  await timeline.getByRole('button', { name: 'Log call' }).click();
  const call = page.getByRole('dialog', { name: /Log an activity/ });
  await call.getByRole('textbox', { name: 'Subject' }).fill(`Intro call ${tag}`);
  await call.getByRole('textbox', { name: 'Outcome' }).fill('Wants a demo in spring');
  await call.getByRole('button', { name: 'Save activity' }).click();
  await expect(timeline.getByText(`Intro call ${tag}`)).toBeVisible();
  expect((await api.get(`/activities?leadId=${lead.id}`)).data).toMatchObject([
    { subject: `Intro call ${tag}`, status: 'completed' },
  ]);
  await expectAccessible(page);

  // A converted lead leads on to what it became.
  await page.goto(`/leads/${converted.id}`);
  await expect(related.getByRole('link', { name: conversion.account.name })).toBeVisible();
  await expect(related.getByRole('link', { name: `Jon Reed ${tag}` })).toBeVisible();
  await expect(related.getByRole('link', { name: `Reed Farms tractors ${tag}` })).toBeVisible();
  await expect(properties.getByRole('button', { name: 'Edit budget' })).toHaveCount(0);

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Iris Vale ${tag}` })).toBeVisible();
  await expect(() => expectStacked(page)).toPass();
});

test('a lead another rep owns: open to read and to log on, but converting, disqualifying and editing are not offered', async ({
  page,
  api,
}) => {
  const tag = unique();
  const territory = await api.post('/territories', { name: `Orchard Valley ${tag}` });
  const password = 'the password of the two reps';
  const [owner, colleague] = await Promise.all(
    ['Olive', 'Colin'].map((name) =>
      api.post('/users', {
        name: `${name} ${tag}`,
        email: `${name.toLowerCase()}-${tag}@example.com`,
        password,
        role: 'rep',
        territoryIds: [territory.id],
      }),
    ),
  );
  const lead = await api.post('/leads', {
    firstName: 'Nora',
    lastName: `Hale ${tag}`,
    company: `Hale Orchards ${tag}`,
    source: 'referral',
    ownerId: owner.id,
    territoryId: territory.id,
  });
  await signIn(page, colleague.email, password, `/leads/${lead.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Nora Hale ${tag}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log activity' })).toBeVisible();
  for (const name of ['Convert', 'Disqualify', 'Edit']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
});
