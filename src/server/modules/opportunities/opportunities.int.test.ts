import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let accountId: string;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  accountId = await createAccount(rep, 'Deal Test Account');
});
afterAll(async () => {
  await t.close();
});

async function createAccount(as: TestUser, name: string) {
  const response = await t.request({ method: 'POST', url: '/api/v1/accounts', as, payload: { name } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

let sequence = 0;
async function createDeal(payload: Record<string, unknown> = {}, as: TestUser = t.admin) {
  sequence += 1;
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    as,
    payload: { name: `Deal ${sequence}`, accountId, closeDate: '2026-09-30', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const get = (url: string, as: TestUser = t.admin) => t.request({ method: 'GET', url, as });
const patch = (id: string, payload: Record<string, unknown>, as: TestUser = t.admin, headers = {}) =>
  t.request({ method: 'PATCH', url: `/api/v1/opportunities/${id}`, as, payload, headers });
const stage = (id: string, payload: Record<string, unknown>, as: TestUser = t.admin, headers = {}) =>
  t.request({ method: 'POST', url: `/api/v1/opportunities/${id}/stage`, as, payload, headers });
const move = (id: string, payload: Record<string, unknown>, as: TestUser = t.admin) =>
  t.request({ method: 'POST', url: `/api/v1/opportunities/${id}/move`, as, payload });
const history = async (id: string, as: TestUser = t.admin) =>
  (await get(`/api/v1/opportunities/${id}/history`, as)).json().data;

describe('creating deals', () => {
  it('keeps amounts to the cent exactly as sent', async () => {
    expect((await createDeal({ amount: 0.1 })).amount).toBe(0.1);
    expect((await createDeal({ amount: 1_234_567.89 })).amount).toBe(1_234_567.89);
  });

  it('fills in the stage, probability, currency and weighted amount', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: rep,
      payload: { name: 'Tractor fleet', accountId, closeDate: '2026-10-15' },
    });
    expect(response.statusCode).toBe(201);
    const deal = response.json();
    expect(response.headers.location).toBe(`/api/v1/opportunities/${deal.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(deal).toMatchObject({
      stage: 'prospecting',
      probability: 10,
      amount: 0,
      currency: t.deps.config.defaultCurrency,
      weightedAmount: 0,
      ownerId: rep.id,
      contactId: null,
      leadId: null,
      closedAt: null,
      lossReason: null,
      approvalStatus: 'not_required',
      productInterest: [],
      competitors: [],
      version: 1,
    });
    expect(t.deps.config.defaultCurrency).toBe('USD');

    const negotiated = await createDeal({
      stage: 'negotiation',
      amount: 1234.56,
      currency: 'EUR',
      productInterest: ['combine', 'baler'],
      competitors: ['Rival AG'],
    });
    expect(negotiated).toMatchObject({ probability: 75, weightedAmount: 925.92, currency: 'EUR' });
    expect((await createDeal({ stage: 'proposal', probability: 33, amount: 100 })).weightedAmount).toBe(33);
    const won = await createDeal({ stage: 'closed_won', amount: 500 });
    expect(won).toMatchObject({ probability: 100, weightedAmount: 500 });
    expect(won.closedAt).not.toBeNull();
    expect(await history(won.id)).toMatchObject([
      { fromStage: null, toStage: 'closed_won', amount: 500, probability: 100, changedById: t.admin.id },
    ]);
  });

  it('answers problem+json 400 for invalid input and creates nothing', async () => {
    const otherAccount = await createAccount(t.admin, 'Elsewhere Inc');
    const otherContact = (
      await t.request({
        method: 'POST',
        url: '/api/v1/contacts',
        as: t.admin,
        payload: { accountId: otherAccount, firstName: 'Not', lastName: 'Here' },
      })
    ).json().id;
    const count = async () =>
      (await get(`/api/v1/opportunities?accountId=${accountId}&includeTotal=true&limit=1`)).json().total;
    const before = await count();
    const invalid: [Record<string, unknown>, string][] = [
      [{ closeDate: undefined }, 'closeDate'],
      [{ closeDate: '2026-13-01' }, 'closeDate'],
      [{ name: '' }, 'name'],
      [{ currency: 'usd' }, 'currency'],
      [{ currency: 'QQQ' }, 'currency'],
      [{ amount: 99_999.995 }, 'amount'],
      [{ amount: -1 }, 'amount'],
      [{ probability: 101 }, 'probability'],
      [{ stage: 'won' }, 'stage'],
      [{ productInterest: 'combine' }, 'productInterest'],
      [{ surprise: true }, ''],
      [{ accountId: '01890000-0000-7000-8000-000000000000' }, 'accountId'],
      [{ contactId: otherContact }, 'contactId'],
      [{ ownerId: '01890000-0000-7000-8000-000000000000' }, 'ownerId'],
      [{ stage: 'closed_lost' }, 'lossReason'],
      [{ stage: 'prospecting', lossReason: 'too early' }, 'lossReason'],
      [{ stage: 'closed_won', probability: 80 }, 'probability'],
    ];
    for (const [payload, path] of invalid) {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/opportunities',
        as: t.admin,
        payload: { name: 'Invalid', accountId, closeDate: '2026-09-30', ...payload },
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (path) expect(JSON.stringify(response.json().errors), JSON.stringify(payload)).toContain(path);
    }
    expect(await count()).toBe(before);
  });

  it("links only a contact of the deal's account, also when the account changes", async () => {
    const otherAccount = await createAccount(t.admin, 'Contact Switch Co');
    const contact = async (forAccount: string) =>
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/contacts',
          as: t.admin,
          payload: { accountId: forAccount, firstName: 'Buyer', lastName: forAccount.slice(-6) },
        })
      ).json().id as string;
    const here = await contact(accountId);
    const there = await contact(otherAccount);
    const deal = await createDeal({ contactId: here });
    expect(deal.contactId).toBe(here);
    expect((await patch(deal.id, { accountId: otherAccount })).statusCode).toBe(400);
    const moved = await patch(deal.id, { accountId: otherAccount, contactId: there });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ accountId: otherAccount, contactId: there });
    const audit = await get(`/api/v1/audit?entity=opportunities&entityId=${deal.id}`);
    expect(
      audit
        .json()
        .data.map((entry: { action: string }) => entry.action)
        .sort(),
    ).toEqual(['create', 'update']);
  });

  it('replays a create with the same Idempotency-Key and refuses the key for another body', async () => {
    const send = (name: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/opportunities',
        as: t.admin,
        headers: { 'idempotency-key': 'deal-create-1' },
        payload: { name, accountId, closeDate: '2026-11-30', amount: 10 },
      });
    const first = await send('Idempotent deal');
    const again = await send('Idempotent deal');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const listed = (await get(`/api/v1/opportunities?accountId=${accountId}&q=idempotent`)).json().data;
    expect(listed).toHaveLength(1);
    expect(await history(first.json().id)).toHaveLength(1);
    expect((await send('Another deal')).statusCode).toBe(409);
  });
});

describe('stage rules and history', () => {
  it('resets probability, sets and clears closedAt, requires a loss reason, and keeps every change', async () => {
    const deal = await createDeal({ amount: 1000 });
    let response = await patch(deal.id, { stage: 'proposal' });
    expect(response.json()).toMatchObject({ stage: 'proposal', probability: 50, weightedAmount: 500 });
    response = await patch(deal.id, { probability: 60, amount: 2000 });
    expect(response.json()).toMatchObject({ stage: 'proposal', probability: 60, weightedAmount: 1200 });
    response = await stage(deal.id, { stage: 'negotiation', reason: 'pricing agreed' });
    expect(response.json()).toMatchObject({ probability: 75, weightedAmount: 1500 });

    response = await stage(deal.id, { stage: 'closed_lost' });
    expect(response.statusCode).toBe(400);
    expect((await get(`/api/v1/opportunities/${deal.id}`)).json().stage).toBe('negotiation');
    response = await patch(deal.id, { stage: 'closed_lost', lossReason: 'went with a competitor' });
    expect(response.statusCode).toBe(200);
    const lost = response.json();
    expect(lost).toMatchObject({ probability: 0, weightedAmount: 0, lossReason: 'went with a competitor' });
    expect(Date.parse(lost.closedAt)).toBeGreaterThan(Date.now() - 60_000);

    // A closed deal's figures are frozen; its notes are not.
    expect((await patch(deal.id, { amount: 5 })).statusCode).toBe(409);
    expect((await patch(deal.id, { closeDate: '2027-01-01' })).statusCode).toBe(409);
    expect((await patch(deal.id, { risks: 'none left' })).statusCode).toBe(200);
    expect((await patch(deal.id, { lossReason: null })).statusCode).toBe(400);

    response = await stage(deal.id, { stage: 'qualification', reason: 'budget came back' });
    expect(response.json()).toMatchObject({
      stage: 'qualification',
      probability: 20,
      closedAt: null,
      lossReason: null,
    });

    const entries = await history(deal.id);
    expect(
      entries.map((entry: { fromStage: string | null; toStage: string }) => [entry.fromStage, entry.toStage]),
    ).toEqual([
      [null, 'prospecting'],
      ['prospecting', 'proposal'],
      ['proposal', 'negotiation'],
      ['negotiation', 'closed_lost'],
      ['closed_lost', 'qualification'],
    ]);
    expect(entries.map((entry: { amount: number }) => entry.amount)).toEqual([1000, 1000, 2000, 2000, 2000]);
    expect(entries.map((entry: { probability: number }) => entry.probability)).toEqual([10, 50, 75, 0, 20]);
    expect(entries.map((entry: { reason: string | null }) => entry.reason)).toEqual([
      null,
      null,
      'pricing agreed',
      'went with a competitor',
      'budget came back',
    ]);
    expect(new Set(entries.map((entry: { changedById: string }) => entry.changedById))).toEqual(new Set([t.admin.id]));
    const times = entries.map((entry: { changedAt: string }) => Date.parse(entry.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('makes the close date the day a deal closes, or the earlier day the change names, when it closed', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const won = await createDeal({ closeDate: '2099-03-16', amount: 5_000 });
    const closed = await patch(won.id, { stage: 'closed_won' });
    expect(closed.json()).toMatchObject({ stage: 'closed_won', closeDate: today });
    const lost = await createDeal({ closeDate: '2020-01-10', amount: 5_000 });
    expect((await patch(lost.id, { stage: 'closed_lost', lossReason: 'price' })).json().closeDate).toBe(today);
    const named = await createDeal({ closeDate: '2099-03-16', amount: 5_000 });
    expect((await patch(named.id, { stage: 'closed_won', closeDate: '2026-11-30' })).json()).toMatchObject({
      closeDate: '2026-11-30',
      closedAt: '2026-11-30T12:00:00.000Z',
    });
    // A day still to come cannot be when it closed: created or moved as closed, it closed today.
    const future = await createDeal({ stage: 'closed_won', closeDate: '2099-03-16', amount: 700 });
    expect(future).toMatchObject({ closeDate: today });
    expect(future.closedAt.slice(0, 10)).toBe(today);
    const futureNamed = await createDeal({ closeDate: '2099-03-16', amount: 5_000 });
    expect((await patch(futureNamed.id, { stage: 'closed_won', closeDate: '2099-04-01' })).json().closeDate).toBe(
      today,
    );
    // Logged as won after the fact, it closed on its close date.
    expect(await createDeal({ stage: 'closed_won', closeDate: '2026-08-15', amount: 700 })).toMatchObject({
      closeDate: '2026-08-15',
      closedAt: '2026-08-15T12:00:00.000Z',
    });
    // POST …/stage {stage, reason}: closing as lost, the reason is the loss reason.
    const viaStage = await createDeal({ amount: 5_000 });
    const lostViaStage = await stage(viaStage.id, { stage: 'closed_lost', reason: 'price' });
    expect(lostViaStage.statusCode, lostViaStage.body).toBe(200);
    expect(lostViaStage.json()).toMatchObject({ stage: 'closed_lost', lossReason: 'price' });
    const byReason = await get(`/api/v1/opportunities?lossReason=${encodeURIComponent(' price ,budget')}&limit=200`);
    const ids = byReason.json().data.map((deal: { id: string }) => deal.id);
    expect(ids).toEqual(expect.arrayContaining([lost.id, viaStage.id]));
    expect(byReason.json().data.every((deal: { lossReason: string }) => deal.lossReason === 'price')).toBe(true);
    // An edit of a closed deal that does not move its stage leaves the date alone.
    expect((await patch(named.id, { name: 'Renamed' })).json().closeDate).toBe('2026-11-30');
  });

  it('lets the manager or an admin reopen a closed deal, not the owner alone', async () => {
    const deal = await createDeal({ stage: 'negotiation' }, rep);
    expect((await stage(deal.id, { stage: 'closed_lost', lossReason: 'no budget' }, rep)).statusCode).toBe(200);
    expect((await stage(deal.id, { stage: 'negotiation' }, rep)).statusCode).toBe(403);
    expect((await patch(deal.id, { stage: 'proposal' }, rep)).statusCode).toBe(403);
    expect((await stage(deal.id, { stage: 'closed_won' }, rep)).statusCode).toBe(403);
    expect((await get(`/api/v1/opportunities/${deal.id}`, rep)).json().stage).toBe('closed_lost');

    const reopened = await stage(deal.id, { stage: 'negotiation', reason: 'second chance' }, manager);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ stage: 'negotiation', closedAt: null });
    expect((await stage(deal.id, { stage: 'closed_lost', lossReason: 'no budget again' }, rep)).statusCode).toBe(200);
    expect((await stage(deal.id, { stage: 'prospecting' }, t.admin)).statusCode).toBe(200);
    const changedBy = (await history(deal.id)).map((entry: { changedById: string }) => entry.changedById);
    expect(changedBy).toEqual([rep.id, rep.id, manager.id, rep.id, t.admin.id]);
  });

  it('answers 412 for a stale If-Match on PATCH and on stage changes, and changes nothing', async () => {
    const deal = await createDeal();
    expect((await patch(deal.id, { name: 'Renamed' })).json().version).toBe(2);
    const stalePatch = await patch(deal.id, { name: 'Stale' }, t.admin, { 'if-match': '"1"' });
    expect(stalePatch.statusCode).toBe(412);
    const staleStage = await stage(deal.id, { stage: 'proposal' }, t.admin, { 'if-match': '"1"' });
    expect(staleStage.statusCode).toBe(412);
    const current = await get(`/api/v1/opportunities/${deal.id}`);
    expect(current.json()).toMatchObject({ name: 'Renamed', stage: 'prospecting', version: 2 });
    expect(current.headers.etag).toBe('"2"');
    expect(await history(deal.id)).toHaveLength(1);
    const fresh = await stage(deal.id, { stage: 'proposal' }, t.admin, { 'if-match': '"2"' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('"3"');
  });

  it('soft-deletes and restores a deal', async () => {
    const deal = await createDeal();
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/opportunities/${deal.id}`, as: t.admin })).statusCode,
    ).toBe(204);
    expect((await get(`/api/v1/opportunities/${deal.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/opportunities/${deal.id}/history`)).statusCode).toBe(404);
    const restored = await t.request({ method: 'POST', url: `/api/v1/opportunities/${deal.id}/restore`, as: t.admin });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().stage).toBe('prospecting');
  });
});

describe('listing', () => {
  it('pages by close date under filters, with totals, ranges and text search', async () => {
    const listAccount = await createAccount(t.admin, 'Paging Co');
    const specs: [string, string, number][] = [
      ['proposal', '2026-03-01', 100],
      ['negotiation', '2026-01-15', 200],
      ['proposal', '2026-01-15', 300],
      ['prospecting', '2026-02-01', 400],
      ['negotiation', '2026-05-20', 500],
      ['proposal', '2026-04-10', 600],
      ['closed_lost', '2026-02-10', 700],
    ];
    const deals = [];
    for (const [dealStage, closeDate, amount] of specs) {
      deals.push(
        await createDeal({
          accountId: listAccount,
          stage: dealStage,
          closeDate,
          amount,
          ...(dealStage === 'closed_lost' ? { lossReason: 'lost' } : {}),
        }),
      );
    }
    const expected = deals
      .filter((deal) => ['proposal', 'negotiation'].includes(deal.stage))
      .sort((a, b) => (a.closeDate === b.closeDate ? (a.id < b.id ? -1 : 1) : a.closeDate < b.closeDate ? -1 : 1))
      .map((deal) => deal.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `accountId=${listAccount}&stage=proposal,negotiation&limit=2&includeTotal=true${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(`/api/v1/opportunities?${query}`)).json();
      expect(page.total).toBe(5);
      seen.push(...page.data.map((deal: { id: string }) => deal.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    const ids = async (query: string) =>
      (await get(`/api/v1/opportunities?accountId=${listAccount}&${query}`))
        .json()
        .data.map((deal: { id: string }) => deal.id);
    expect(await ids('stage=proposal,negotiation&sort=-closeDate')).toEqual([...expected].reverse());
    expect(await ids('closeDateFrom=2026-02-01&closeDateTo=2026-04-10&sort=amount')).toEqual([
      deals[0].id,
      deals[3].id,
      deals[5].id,
      deals[6].id,
    ]);
    expect(await ids('amountMin=250&amountMax=550&sort=-amount')).toEqual([deals[4].id, deals[3].id, deals[2].id]);
    expect(await ids('stage=closed_lost')).toEqual([deals[6].id]);
    // Logged as lost with a close date gone by: it closed that day, and is found by when it closed.
    expect(deals[6].closedAt).toBe('2026-02-10T12:00:00.000Z');
    expect(await ids('closedAtFrom=2026-02-10&closedAtTo=2026-02-10')).toEqual([deals[6].id]);
    expect(await ids('closedAtTo=2001-01-01')).toEqual([]);

    const first = (await get(`/api/v1/opportunities?accountId=${listAccount}&limit=1`)).json();
    const wrongSort = await get(
      `/api/v1/opportunities?accountId=${listAccount}&sort=amount&cursor=${first.nextCursor}`,
    );
    expect(wrongSort.statusCode).toBe(400);
    expect((await get('/api/v1/opportunities?stage=won')).statusCode).toBe(400);

    // territoryId: the territory of the deal's account.
    const territory = (
      await t.request({ method: 'POST', url: '/api/v1/territories', as: t.admin, payload: { name: 'Deal Plains' } })
    ).json();
    const territoryAccount = (
      await t.request({
        method: 'POST',
        url: '/api/v1/accounts',
        as: t.admin,
        payload: { name: 'Plains Deal Co', territoryId: territory.id },
      })
    ).json();
    const inTerritory = await createDeal({ accountId: territoryAccount.id });
    const byTerritory = (await get(`/api/v1/opportunities?territoryId=${territory.id}&includeTotal=true`)).json();
    expect(byTerritory.data.map((deal: { id: string }) => deal.id)).toEqual([inTerritory.id]);
    expect(byTerritory.total).toBe(1);

    const named = await createDeal({ accountId: listAccount, name: 'Irrigation pivot retrofit' });
    for (const q of ['irrigation', 'irrig pivot', 'Irigation pivot retrofit']) {
      expect(await ids(`q=${encodeURIComponent(q)}`), q).toEqual([named.id]);
    }
  });
});

describe('the board', () => {
  it('puts new cards at the end and moves cards between neighbours', async () => {
    const boardAccount = await createAccount(t.admin, 'Board Co');
    const column = async (columnStage: string) =>
      (await get(`/api/v1/opportunities?accountId=${boardAccount}&stage=${columnStage}&sort=position`))
        .json()
        .data.map((deal: { name: string }) => deal.name);
    const card = async (name: string) => createDeal({ accountId: boardAccount, name });
    const a = await card('A');
    const b = await card('B');
    const c = await card('C');
    expect(b.position).toBeGreaterThan(a.position);
    expect(c.position).toBeGreaterThan(b.position);
    expect(await column('prospecting')).toEqual(['A', 'B', 'C']);

    expect((await move(c.id, { afterId: a.id })).statusCode).toBe(200);
    expect(await column('prospecting')).toEqual(['A', 'C', 'B']);
    expect((await move(b.id, { beforeId: a.id })).statusCode).toBe(200);
    expect(await column('prospecting')).toEqual(['B', 'A', 'C']);
    expect((await move(b.id, { afterId: a.id, beforeId: c.id })).statusCode).toBe(200);
    expect(await column('prospecting')).toEqual(['A', 'B', 'C']);
    expect((await move(a.id, {})).statusCode).toBe(200);
    expect(await column('prospecting')).toEqual(['B', 'C', 'A']);

    // Bad neighbours: itself, a card of another column, or the wrong way round.
    const elsewhere = await createDeal({ accountId: boardAccount, name: 'Q', stage: 'qualification' });
    expect((await move(a.id, { afterId: a.id })).statusCode).toBe(400);
    expect((await move(a.id, { afterId: elsewhere.id })).statusCode).toBe(400);
    expect((await move(a.id, { afterId: c.id, beforeId: b.id })).statusCode).toBe(400);

    // Into another column: a stage change like any other, placed where it was dropped.
    const moved = await move(c.id, { stage: 'qualification', beforeId: elsewhere.id, reason: 'call booked' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: 'qualification', probability: 20 });
    expect(await column('qualification')).toEqual(['C', 'Q']);
    expect((await history(c.id)).at(-1)).toMatchObject({
      fromStage: 'prospecting',
      toStage: 'qualification',
      reason: 'call booked',
    });
    expect((await move(c.id, { stage: 'closed_lost' })).statusCode).toBe(400);
  });

  it('keeps the order when repeated drops into one gap exhaust the fractions', async () => {
    const boardAccount = await createAccount(t.admin, 'Crowded Board Co');
    const make = async (name: string) =>
      createDeal({ accountId: boardAccount, name, stage: 'proposal', closeDate: '2026-12-01' });
    const top = await make('Top');
    let first = await make('X');
    let second = await make('Y');
    await make('Bottom');
    // Each drop goes between Top and the card below it, halving that gap: doubles run out after ~50.
    for (let drop = 0; drop < 60; drop += 1) {
      const response = await move(second.id, { afterId: top.id, beforeId: first.id });
      expect(response.statusCode, response.body).toBe(200);
      [first, second] = [second, first];
    }
    const names = (await get(`/api/v1/opportunities?accountId=${boardAccount}&stage=proposal&sort=position`))
      .json()
      .data.map((deal: { name: string }) => deal.name);
    expect(names).toEqual(['Top', first.name, second.name, 'Bottom']);
  });
});
