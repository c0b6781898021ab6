import { isoTime, unique } from './api.js';
import { expect, expectAccessible, expectConsoleError, signIn, test } from './helpers.js';

/*
 * Merging a duplicate contact from the contact page (features/contacts/MergeContactDialog): the likely
 * duplicate is listed first, choosing it says what this contact takes, a contact changed meanwhile is
 * refused (412) with a reload, and after the merge the page shows what came over.
 */

test('merge a duplicate contact into the one that stays', async ({ page, api }) => {
  const tag = unique();
  const account = await api.post('/accounts', { name: `Juniper Orchards ${tag}`, type: 'customer' });
  const name = `Mara Quist ${tag}`;
  const email = `mara.${tag}@juniper.example`;
  const survivor = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Mara',
    lastName: `Quist ${tag}`,
    email,
    title: 'Head buyer',
  });
  const duplicate = await api.post('/contacts', {
    accountId: account.id,
    firstName: 'Mara',
    lastName: `Quist ${tag}`,
    email,
    mobile: '+14535550188',
    allowDuplicate: true,
  });
  // Someone else at the account: listed, but after the likely duplicate.
  await api.post('/contacts', { accountId: account.id, firstName: 'Abel', lastName: `Brandt ${tag}` });
  const activity = await api.post('/activities', {
    type: 'call',
    subject: `Harvest plan call ${tag}`,
    scheduledAt: isoTime(1),
    accountId: account.id,
    contactId: duplicate.id,
  });
  const task = await api.post('/tasks', {
    title: `Send the price list ${tag}`,
    dueAt: isoTime(2),
    accountId: account.id,
    contactId: duplicate.id,
  });

  await signIn(page, undefined, undefined, `/contacts/${survivor.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Merge a duplicate into this contact…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge a duplicate into ${name}` });
  const merge = dialog.getByRole('button', { name: 'Merge contacts' });
  // The likely duplicate comes first, and nothing is merged until one is chosen.
  const first = dialog.getByRole('radio').first();
  await expect(first).toHaveAccessibleName(name);
  await expect(first).toHaveAccessibleDescription(`${email} · +1 453-555-0188 · same e-mail, same name`);
  await expect(dialog.getByRole('radio')).toHaveCount(2);
  await expect(merge).toBeDisabled();
  await first.check();
  // What this contact takes: the mobile it lacks, not the title it has.
  await expect(dialog.getByRole('listitem')).toHaveText(['Mobile: +1 453-555-0188']);
  await expect(dialog.getByText(`${name} will be merged into ${name}.`)).toBeVisible();
  await expectAccessible(page);

  // Someone changes the contact meanwhile: the merge is refused, nothing moves, and a reload fixes it.
  await api.patch(`/contacts/${survivor.id}`, { title: 'Head of purchasing' });
  expectConsoleError(page, /status of 412/);
  await merge.click();
  await expect(page.getByText('Someone changed this record meanwhile')).toBeVisible();
  await page.getByRole('button', { name: 'Reload the record' }).click();
  await expect(page.getByText('Head of purchasing').first()).toBeVisible();
  await merge.click();

  await expect(page.getByText(`Merged ${name} into ${name}: 1 activity and 1 task moved here.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The page shows what came over without a reload: the mobile, the call and the task.
  await expect(page.getByRole('link', { name: '+1 453-555-0188' })).toBeVisible();
  await expect(page.getByTestId('record-timeline').getByText(`Harvest plan call ${tag}`)).toBeVisible();
  await expect(
    page.getByTestId('record-related').getByRole('button', { name: `Send the price list ${tag}`, exact: true }),
  ).toBeVisible();
  expect(await api.get(`/activities/${activity.id}`)).toMatchObject({ contactId: survivor.id });
  expect(await api.get(`/tasks/${task.id}`)).toMatchObject({ contactId: survivor.id });
  expect(await api.get(`/contacts/${survivor.id}`)).toMatchObject({
    email,
    mobile: '+14535550188',
    title: 'Head of purchasing',
  });

  // The duplicate is gone: its page says so, and the account has two contacts left.
  expectConsoleError(page, /404 \(Not Found\)/);
  await page.goto(`/contacts/${duplicate.id}`);
  await expect(page.getByText("We couldn't find this contact.", { exact: false })).toBeVisible();
  expect((await api.get(`/contacts?accountId=${account.id}`)).data).toHaveLength(2);
});
