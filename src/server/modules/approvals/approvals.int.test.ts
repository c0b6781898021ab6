import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let peer: TestUser;
let outsider: TestUser;
let orphan: TestUser;
let accountId: string;
const threshold = 100_000;

beforeAll(async () => {
  t = await buildTestApp({ MERIDIAN_EXCHANGE_RATES: 'GBP=1.25' });
  expect(t.deps.config.approvalThreshold).toBe(threshold);
  const territory = (
    await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'West' } })
  ).json().id;
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id, territoryIds: [territory] });
  // Works the same territory: sees the rep's deals, may not change them.
  peer = await t.createUser({ territoryIds: [territory] });
  outsider = await t.createUser({ role: 'manager' });
  orphan = await t.createUser({ territoryIds: [territory] });
  accountId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Big Buyer', territoryId: territory },
    })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

async function createDeal(as: TestUser, amount: number, currency = 'USD') {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    as,
    payload: { name: `Deal of ${amount}`, accountId, amount, currency, stage: 'negotiation', closeDate: '2026-12-31' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const requestApproval = (dealId: string, as: TestUser, headers = {}) =>
  t.request({
    method: 'POST',
    url: `/api/v1/opportunities/${dealId}/approval-request`,
    as,
    payload: { comment: 'please' },
    headers,
  });
const decide = (approvalId: string, as: TestUser, decision: 'approve' | 'reject') =>
  t.request({ method: 'POST', url: `/api/v1/approvals/${approvalId}/decision`, as, payload: { decision } });
const closeWon = (dealId: string, as: TestUser = rep) =>
  t.request({ method: 'POST', url: `/api/v1/opportunities/${dealId}/stage`, as, payload: { stage: 'closed_won' } });
const deal = async (id: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/opportunities/${id}`, as: t.admin })).json();

describe('approvals', () => {
  it('needs none below the threshold', async () => {
    const small = await createDeal(rep, threshold - 0.01);
    const response = await requestApproval(small.id, rep);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/no approval needed/);
    expect((await closeWon(small.id)).statusCode).toBe(200);
  });

  it('compares a deal in another currency through its rate, and asks an approval where there is no rate', async () => {
    // 79,999 pounds are worth 99,998.75 dollars at 1.25; 80,000 pounds are the threshold.
    const pounds = await createDeal(rep, 79_999, 'GBP');
    expect((await requestApproval(pounds.id, rep)).statusCode).toBe(409);
    expect((await closeWon(pounds.id)).statusCode).toBe(200);
    const more = await createDeal(rep, 80_000, 'GBP');
    expect((await closeWon(more.id)).statusCode).toBe(409);
    // No rate for dinars: even a small amount cannot pass the threshold unseen.
    const dinars = await createDeal(rep, 5_000, 'KWD');
    const refused = await closeWon(dinars.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/^Deals in KWD need an approval to close as won, as no rate to USD is set/);
    const asked = await requestApproval(dinars.id, rep);
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await decide(asked.json().id, manager, 'approve')).statusCode).toBe(200);
    expect((await deal(dinars.id)).approvalStatus).toBe('approved');
    // An approval is for an amount in its currency: the same figure in dollars is not approved.
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${dinars.id}`,
      as: rep,
      payload: { currency: 'USD', amount: 150_000 },
    });
    expect(moved.json().approvalStatus).toBe('not_required');
    expect((await closeWon(dinars.id)).statusCode).toBe(409);
  });

  it("blocks closing a large deal until the owner's manager approves its amount", async () => {
    const big = await createDeal(rep, threshold);
    const blocked = await closeWon(big.id);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toMatch(/approval/);
    // Where to ask for one, for clients (the dashboard offers the button).
    expect(blocked.json().approvalRequest).toBe(`/api/v1/opportunities/${big.id}/approval-request`);

    expect((await requestApproval(big.id, peer)).statusCode).toBe(403);
    // The request changes the deal (its approval status), so a stale ETag of the deal asks nothing.
    expect((await requestApproval(big.id, rep, { 'if-match': `"${big.version + 1}"` })).statusCode).toBe(412);
    expect((await deal(big.id)).approvalStatus).toBe('not_required');
    const requested = await requestApproval(big.id, rep, {
      'idempotency-key': 'approve-big-1',
      'if-match': `"${big.version}"`,
    });
    expect(requested.statusCode).toBe(201);
    // The deal's approval history, for whoever sees the deal: the requester sees their request.
    const history = await t.request({ method: 'GET', url: `/api/v1/approvals?opportunityId=${big.id}`, as: rep });
    expect(history.json().data.map((approval: { id: string }) => approval.id)).toEqual([requested.json().id]);
    const approval = requested.json();
    expect(requested.headers.location).toBe(`/api/v1/approvals/${approval.id}`);
    expect(approval).toMatchObject({
      opportunityId: big.id,
      requestedById: rep.id,
      approverId: manager.id,
      status: 'pending',
      amount: threshold,
      currency: 'USD',
      requestComment: 'please',
      decidedAt: null,
    });
    expect(approval).not.toHaveProperty('decisionTokenHash');
    const replay = await requestApproval(big.id, rep, { 'idempotency-key': 'approve-big-1' });
    expect(replay.json().id).toBe(approval.id);
    expect((await deal(big.id)).approvalStatus).toBe('pending');
    expect((await requestApproval(big.id, rep)).statusCode).toBe(409);
    expect((await closeWon(big.id)).statusCode).toBe(409);

    // Who may decide: the approver or an admin. Others get 403 when they can see it, else 404.
    expect((await decide(approval.id, outsider, 'approve')).statusCode).toBe(404);
    expect((await decide(approval.id, peer, 'approve')).statusCode).toBe(403);
    expect((await decide(approval.id, rep, 'approve')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/approvals/${approval.id}`, as: outsider })).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: `/api/v1/approvals/${approval.id}`, as: rep })).statusCode).toBe(200);

    // A decision guarded by a stale ETag decides nothing.
    const staleDecision = await t.request({
      method: 'POST',
      url: `/api/v1/approvals/${approval.id}/decision`,
      as: manager,
      headers: { 'if-match': `"${approval.version + 1}"` },
      payload: { decision: 'reject' },
    });
    expect(staleDecision.statusCode).toBe(412);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/approvals/${approval.id}`, as: manager })).json(),
    ).toMatchObject({ status: 'pending', version: approval.version });

    const decided = await decide(approval.id, manager, 'approve');
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', decidedById: manager.id });
    expect(decided.json().decidedAt).not.toBeNull();
    expect((await decide(approval.id, manager, 'reject')).statusCode).toBe(409);
    expect((await decide(approval.id, t.admin, 'approve')).statusCode).toBe(409);
    expect((await deal(big.id)).approvalStatus).toBe('approved');
    expect((await requestApproval(big.id, rep)).statusCode).toBe(409);

    // A larger amount is not covered by the approval; going back to the approved amount is.
    const raised = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${big.id}`,
      as: rep,
      payload: { amount: threshold + 50_000 },
    });
    expect(raised.json().approvalStatus).toBe('not_required');
    expect((await closeWon(big.id)).statusCode).toBe(409);
    const lowered = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${big.id}`,
      as: rep,
      payload: { amount: threshold },
    });
    expect(lowered.json().approvalStatus).toBe('approved');
    const won = await closeWon(big.id);
    expect(won.statusCode).toBe(200);
    expect(won.json()).toMatchObject({ stage: 'closed_won', probability: 100, approvalStatus: 'approved' });

    const audit = await t.request({
      method: 'GET',
      url: `/api/v1/audit?entity=approvals&entityId=${approval.id}`,
      as: t.admin,
    });
    expect(
      audit
        .json()
        .data.map((entry: { action: string }) => entry.action)
        .sort(),
    ).toEqual(['create', 'decide']);
  });

  it('notifies the approver of a request, and the requester of the decision', async () => {
    const big = await createDeal(rep, 150_000);
    const approval = (await requestApproval(big.id, rep)).json();
    const inbox = async (user: TestUser) =>
      (await t.request({ method: 'GET', url: '/api/v1/notifications', as: user })).json().data as {
        kind: string;
        title: string;
        body: string;
        entity: string;
        entityId: string;
      }[];
    const asked = (await inbox(manager)).find((notification) => notification.entityId === big.id);
    expect(asked).toMatchObject({
      kind: 'approval_requested',
      title: 'Approval requested: Deal of 150000',
      entity: 'opportunities',
    });
    expect(asked?.body).toContain('$150,000');
    expect(asked?.body).toContain('“please”');
    expect((await inbox(rep)).some((notification) => notification.entityId === big.id)).toBe(false);

    expect((await decide(approval.id, manager, 'reject')).statusCode).toBe(200);
    const told = (await inbox(rep)).find((notification) => notification.kind === 'approval_decided');
    expect(told).toMatchObject({ title: 'Deal rejected: Deal of 150000', entity: 'opportunities', entityId: big.id });
    // The decider is not told of their own decision.
    expect((await inbox(manager)).some((notification) => notification.kind === 'approval_decided')).toBe(false);
  });

  it('sends the deals of an owner without a manager to an admin, and a rejection can be asked again', async () => {
    const big = await createDeal(orphan, 250_000);
    const approval = (await requestApproval(big.id, orphan)).json();
    expect(approval.approverId).toBe(t.admin.id);
    const rejected = await decide(approval.id, t.admin, 'reject');
    expect(rejected.json().status).toBe('rejected');
    expect((await deal(big.id)).approvalStatus).toBe('rejected');
    expect((await closeWon(big.id, orphan)).statusCode).toBe(409);
    const again = await requestApproval(big.id, orphan);
    expect(again.statusCode).toBe(201);
    expect((await deal(big.id)).approvalStatus).toBe('pending');
  });

  it('lists the approvals the caller may see, their queue by approver, every one for an admin, page by page', async () => {
    const first = await createDeal(rep, 300_000);
    const second = await createDeal(rep, 400_000);
    const approvals = [
      (await requestApproval(first.id, rep)).json().id,
      (await requestApproval(second.id, rep)).json().id,
    ];
    const list = async (as: TestUser, query: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/approvals?${query}`, as })).json();

    const managerQueue = await list(manager, 'approverId=me&status=pending&includeTotal=true');
    expect(managerQueue.data.map((approval: { id: string }) => approval.id)).toEqual(approvals);
    expect(managerQueue.total).toBe(2);
    // Every approval the caller may see: the rep sees what they asked for without filtering by it, and the
    // orphan's pending one, on a deal of an account in their territory.
    const repList = await list(rep, 'status=pending&includeTotal=true');
    expect(repList.data.map((approval: { id: string }) => approval.id)).toEqual(expect.arrayContaining(approvals));
    expect(repList.total).toBe(3);
    expect((await list(outsider, '')).data).toEqual([]);

    // What the rep asked for, and what waits on the manager, by person filter ("me" is the caller).
    const asked = await list(rep, 'requestedById=me&status=pending&includeTotal=true');
    expect(asked.data.map((approval: { id: string }) => approval.id)).toEqual(approvals);
    expect(asked.total).toBe(2);
    const waitingOnManager = await list(rep, `approverId=${manager.id}&status=pending`);
    expect(waitingOnManager.data.map((approval: { id: string }) => approval.id)).toEqual(approvals);
    expect((await list(outsider, `requestedById=${rep.id}`)).data).toEqual([]);

    // q searches the deal's name and the comments, and narrows the total with the page.
    const byDeal = await list(manager, 'q=400000&includeTotal=true');
    expect(byDeal.data.map((approval: { id: string }) => approval.id)).toEqual([approvals[1]]);
    expect(byDeal.total).toBe(1);
    expect((await list(manager, 'q=please&status=pending&approverId=me')).data).toHaveLength(2);
    expect((await list(manager, 'q=nothing-like-this')).data).toEqual([]);

    const adminSeen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(t.admin, `status=pending&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      adminSeen.push(...page.data.map((approval: { id: string }) => approval.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // The orphan's second request (to the admin) is pending too, created before these two.
    expect(adminSeen.slice(-2)).toEqual(approvals);
    expect(adminSeen).toHaveLength(3);
    // The dinar deal's approval and the large deal's.
    expect((await list(t.admin, 'status=approved')).data).toHaveLength(2);
    expect((await t.request({ method: 'GET', url: '/api/v1/approvals?status=maybe', as: t.admin })).statusCode).toBe(
      400,
    );
  });
});
