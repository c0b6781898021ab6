import { apiAs, seedManagerAndRep, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, expectConsoleError, test } from './helpers.js';
import { mailedLink } from './outbox.js';

const password = 'the password of the sales team';

/** The decision link of the approval e-mail about `dealName`, from the server's offline outbox. */
const decisionLinkFor = (dealName: string) =>
  mailedLink(dealName, /https?:\/\/\S+\/approvals\/[\w-]+\/decide#token=[\w-]+/);

test('a manager approves a deal from the e-mailed link without signing in, and the link then only shows the outcome', async ({
  page,
  api,
}) => {
  const tag = unique();
  const { manager, rep } = await seedManagerAndRep(api, tag, password);
  const account = await api.post('/accounts', { name: `Harvest ${tag}`, ownerId: rep.id });
  const asRep = await apiAs(e2eOrigin, rep.email, password);
  const deal = await asRep.post('/opportunities', {
    name: `Fleet renewal ${tag}`,
    accountId: account.id,
    stage: 'negotiation',
    amount: 240_000,
    closeDate: '2030-03-31',
  });
  const approval = await asRep.post(`/opportunities/${deal.id}/approval-request`, { comment: 'Three-year contract' });

  const link = await decisionLinkFor(deal.name);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Approve this deal?' })).toBeVisible();
  await expect(page.getByText(`Rob ${tag} asks Mona ${tag} to approve $240,000`)).toBeVisible();
  await expect(page.getByText(deal.name)).toBeVisible();
  await expect(page.getByText('“Three-year contract”')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('textbox', { name: /Comment/ }).fill('Go ahead, keep the margin');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toContainText(`Approved by Mona ${tag}`);
  await expect(page.getByRole('status')).toContainText('Go ahead, keep the margin');

  const decided = await api.get(`/approvals/${approval.id}`);
  expect(decided).toMatchObject({
    status: 'approved',
    decidedById: manager.id,
    decisionComment: 'Go ahead, keep the margin',
  });
  expect((await api.get(`/opportunities/${deal.id}`)).approvalStatus).toBe('approved');

  // Opened again, the link says how it was decided and offers nothing to click.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deal approved' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // A link cut short opens nothing (only its fragment differs: reload, as opening it afresh would).
  expectConsoleError(page, /404 \(Not Found\)/);
  await page.goto(link.slice(0, -4));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This link does not open an approval' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open Meridian to decide there' })).toBeVisible();
});
