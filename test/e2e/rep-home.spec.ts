import { type Api, isoDate, unique } from './api.js';
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

  // Signed out, a link to a contact asks to sign in, then opens that contact rather than the board.
  await page.getByRole('button', { name: `Account menu of ${rep.name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, rep.email, rep.password, `/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Dora ${rep.tag}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));
});
