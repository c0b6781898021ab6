import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { startSmtpServer } from '../../../../test/helpers/smtp-server.js';
import { approvals } from '../../db/schema/index.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { createJobWorker } from '../../jobs/queue.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let manager: TestUser;
let rep: TestUser;
let accountId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ MERIDIAN_SMTP_URL: smtp.url, MERIDIAN_PUBLIC_URL: 'https://crm.example.com/' });
  manager = await t.createUser({ role: 'manager', name: 'Maria Lopez' });
  rep = await t.createUser({ managerId: manager.id, name: 'Rob Miller' });
  accountId = (
    await t.request({ method: 'POST', url: '/api/v1/accounts', as: rep, payload: { name: 'Harvest Co-op' } })
  ).json().id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A deal over the threshold, its approval asked by the rep, and the e-mail the manager got for it. */
async function askApproval(name: string) {
  const deal = await t.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    as: rep,
    payload: { name, accountId, amount: 250_000, stage: 'negotiation', closeDate: '2027-03-31' },
  });
  expect(deal.statusCode, deal.body).toBe(201);
  const asked = await t.request({
    method: 'POST',
    url: `/api/v1/opportunities/${deal.json().id}/approval-request`,
    as: rep,
    payload: { comment: 'Three-year contract' },
  });
  expect(asked.statusCode, asked.body).toBe(201);
  await createJobWorker(t.deps, [noticeEmailJob]).runDueJobs();
  const mail = smtp.received.find((received) => received.headers.subject?.startsWith(`Approval requested: ${name}`));
  expect(mail, 'the approver was e-mailed').toBeDefined();
  const link = /https:\/\/crm\.example\.com\/approvals\/([\w-]+)\/decide#token=([\w-]+)/.exec(mail?.body ?? '');
  expect(link?.[1]).toBe(asked.json().id);
  return {
    dealId: deal.json().id as string,
    approvalId: link?.[1] as string,
    token: link?.[2] as string,
    mail: mail as NonNullable<typeof mail>,
  };
}

const readLink = (id: string, token: string) =>
  t.request({ method: 'GET', url: `/api/v1/approval-links/${id}?token=${encodeURIComponent(token)}` });
const decideByLink = (id: string, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `/api/v1/approval-links/${id}`, payload });

describe('deciding an approval from its e-mail', () => {
  it('e-mails the approver, from the rep, a link that shows the deal and decides it without signing in', async () => {
    const { dealId, approvalId, token, mail } = await askApproval('Harvest fleet renewal');
    expect(mail.recipients).toEqual([manager.email]);
    expect(mail.headers.from).toBe(`Rob Miller <${rep.email}>`);
    expect(mail.headers.subject).toBe('Approval requested: Harvest fleet renewal ($250,000)');
    expect(mail.body).toContain('Rob Miller asks you to approve $250,000 to close "Harvest fleet renewal" (Harvest');
    expect(mail.body).toContain('"Three-year contract"');

    const read = await readLink(approvalId, token);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.json()).toMatchObject({
      approval: { id: approvalId, status: 'pending', amount: 250_000, requestComment: 'Three-year contract' },
      deal: { id: dealId, name: 'Harvest fleet renewal', accountName: 'Harvest Co-op', ownerName: 'Rob Miller' },
      requestedByName: 'Rob Miller',
      approverName: 'Maria Lopez',
      decidedByName: null,
    });

    const decided = await decideByLink(approvalId, { token, decision: 'approve', comment: 'Go ahead' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      approval: { status: 'approved', decisionComment: 'Go ahead', decidedById: manager.id },
      decidedByName: 'Maria Lopez',
    });
    // The same decision as in the app: the deal may now close as won, and the rep is told.
    const deal = await t.request({ method: 'GET', url: `/api/v1/opportunities/${dealId}`, as: rep });
    expect(deal.json().approvalStatus).toBe('approved');
    const inbox = await t.request({ method: 'GET', url: '/api/v1/notifications', as: rep });
    expect(inbox.json().data).toContainEqual(
      expect.objectContaining({ kind: 'approval_decided', title: 'Deal approved: Harvest fleet renewal' }),
    );

    // Once decided, the link still shows the outcome and decides nothing more.
    const again = await decideByLink(approvalId, { token, decision: 'reject' });
    expect(again.statusCode).toBe(409);
    expect((await readLink(approvalId, token)).json().approval.status).toBe('approved');
  });

  it('opens nothing with a wrong token, an expired link or a malformed request, and changes nothing', async () => {
    const { approvalId, token } = await askApproval('Harvest spare parts');
    const wrong = `${token.slice(0, -2)}xx`;
    expect((await readLink(approvalId, wrong)).statusCode).toBe(404);
    const refused = await decideByLink(approvalId, { token: wrong, decision: 'approve' });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await readLink('01890000-0000-7000-8000-000000000000', token)).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/approval-links/${approvalId}` })).statusCode).toBe(400);
    expect((await decideByLink(approvalId, { token, decision: 'maybe' })).statusCode).toBe(400);
    expect((await decideByLink(approvalId, { token, decision: 'approve', extra: 1 })).statusCode).toBe(400);

    await t.deps.database.db
      .update(approvals)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(approvals.id, approvalId));
    const expired = await readLink(approvalId, token);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().detail).toMatch(/expired/);
    const [row] = await t.deps.database.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row?.status).toBe('pending');
  });

  it('refuses the link of an approver who has left, and keeps the token itself out of the database', async () => {
    const { approvalId, token } = await askApproval('Harvest storage');
    const [row] = await t.deps.database.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row?.decisionTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.decisionTokenHash).not.toContain(token);

    const deactivated = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${manager.id}`,
      as: t.admin,
      payload: { active: false },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    const refused = await decideByLink(approvalId, { token, decision: 'approve' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/no longer active/);
  });
});
