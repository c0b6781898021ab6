import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let peer: TestUser;
let tractor: { id: string; version: number };
let mower: { id: string };
let euroPart: { id: string };
let dealId: string;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  peer = await t.createUser();
  const product = async (payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/products', as: manager, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  tractor = await product({
    sku: 'CT-2540',
    name: 'Compact tractor 25 hp',
    family: 'Compact tractors',
    unitPrice: 18_500,
  });
  mower = await product({ sku: 'ZT-48', name: 'Zero-turn mower 48"', family: 'Mowers', unitPrice: 6_250.5 });
  euroPart = await product({ sku: 'EU-KIT', name: 'Front loader kit', unitPrice: 3_000, currency: 'EUR' });
  const account = (
    await t.request({ method: 'POST', url: '/api/v1/accounts', as: rep, payload: { name: 'Line Item Farms' } })
  ).json();
  dealId = (
    await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: rep,
      payload: { name: 'Spring fleet', accountId: account.id, amount: 5_000, closeDate: '2027-05-31' },
    })
  ).json().id;
});
afterAll(async () => {
  await t.close();
});

const lines = (as: TestUser = rep) =>
  t.request({ method: 'GET', url: `/api/v1/opportunities/${dealId}/line-items`, as });
const deal = async () => (await t.request({ method: 'GET', url: `/api/v1/opportunities/${dealId}`, as: rep })).json();

describe('the product catalogue', () => {
  it('is kept by managers and admins, read by everyone, with unique SKUs', async () => {
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/products',
      as: rep,
      payload: { sku: 'REP-1', name: 'Rep product', unitPrice: 1 },
    });
    expect(refused.statusCode).toBe(403);
    const duplicate = await t.request({
      method: 'POST',
      url: '/api/v1/products',
      as: manager,
      payload: { sku: 'ct-2540', name: 'Another', unitPrice: 1 },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().existingId).toBe(tractor.id);

    const listed = (
      await t.request({ method: 'GET', url: '/api/v1/products?family=Mowers&includeTotal=true', as: rep })
    ).json();
    expect(listed).toMatchObject({
      total: 1,
      data: [{ sku: 'ZT-48', unitPrice: 6_250.5, currency: 'USD', active: true }],
    });
    const searched = (await t.request({ method: 'GET', url: '/api/v1/products?q=tractor', as: peer })).json();
    expect(searched.data.map((product: { sku: string }) => product.sku)).toEqual(['CT-2540']);
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/products/${tractor.id}`,
      as: rep,
      payload: { unitPrice: 1 },
    });
    expect(patched.statusCode).toBe(403);
  });
});

describe("a deal's products", () => {
  it('make the amount the sum of their lines, at list price less the discount', async () => {
    const first = await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/line-items`,
      as: rep,
      payload: { productId: tractor.id, quantity: 2, discountPercent: 5 },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      sku: 'CT-2540',
      quantity: 2,
      unitPrice: 18_500,
      discountPercent: 5,
      total: 35_150,
    });
    const second = await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/line-items`,
      as: rep,
      payload: { productId: mower.id, quantity: 3 },
    });
    expect(second.json().total).toBe(18_751.5);
    expect(await deal()).toMatchObject({ amount: 53_901.5 });
    const list = (await lines()).json();
    expect(list).toMatchObject({ amount: 53_901.5, currency: 'USD' });
    expect(list.data.map((line: { sku: string }) => line.sku)).toEqual(['CT-2540', 'ZT-48']);

    // A line changed: the amount follows; a stale If-Match changes nothing.
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${dealId}/line-items/${second.json().id}`,
      as: rep,
      headers: { 'if-match': `"${second.json().version}"` },
      payload: { quantity: 1, unitPrice: 6_000 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await deal()).amount).toBe(41_150);
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${dealId}/line-items/${second.json().id}`,
      as: rep,
      headers: { 'if-match': `"${second.json().version}"` },
      payload: { quantity: 9 },
    });
    expect(stale.statusCode).toBe(412);
    expect((await deal()).amount).toBe(41_150);

    // The amount is the lines': typing over it is refused, saying where to change it.
    const typed = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${dealId}`,
      as: rep,
      payload: { amount: 1 },
    });
    expect(typed.statusCode).toBe(409);
    expect(typed.json().errors).toEqual([{ path: 'amount', message: 'set by the deal’s products' }]);

    // Each change of the amount is a change of the deal: audited, as the rep.
    const trail = (
      await t.request({ method: 'GET', url: `/api/v1/audit?entity=opportunities&entityId=${dealId}`, as: t.admin })
    ).json();
    expect(trail.data[0]).toMatchObject({ action: 'update', actorId: rep.id, after: { amount: 41_150 } });
  });

  it('refuse what cannot be priced or sold, and whoever may not change the deal', async () => {
    const before = (await deal()).amount;
    for (const [payload, field] of [
      [{ productId: euroPart.id }, 'unitPrice'],
      [{ productId: tractor.id, quantity: 0 }, 'quantity'],
      [{ productId: tractor.id, discountPercent: 120 }, 'discountPercent'],
      [{ productId: '019a4b77-422f-7fed-a6e9-94d23874eea1' }, 'productId'],
    ] as const) {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/opportunities/${dealId}/line-items`,
        as: rep,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json().errors), JSON.stringify(payload)).toContain(field);
    }
    // Priced in the deal's currency, a product of another is fine.
    const priced = await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/line-items`,
      as: rep,
      payload: { productId: euroPart.id, unitPrice: 3_250 },
    });
    expect(priced.statusCode).toBe(201);
    expect((await deal()).amount).toBe(before + 3_250);

    expect((await lines(peer)).statusCode).toBe(404);
    const byPeer = await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/line-items`,
      as: peer,
      payload: { productId: tractor.id },
    });
    expect(byPeer.statusCode).toBe(404);
    // The rep's manager may change the rep's deal.
    expect((await lines(manager)).statusCode).toBe(200);
  });

  it('leave the amount as it was when the last is taken off, and stay as they were once the deal is closed', async () => {
    const current = (await lines()).json();
    const amount = current.amount;
    for (const line of current.data) {
      const removed = await t.request({
        method: 'DELETE',
        url: `/api/v1/opportunities/${dealId}/line-items/${line.id}`,
        as: rep,
      });
      expect(removed.statusCode).toBe(204);
    }
    const after = await deal();
    expect((await lines()).json().data).toEqual([]);
    // The last line's removal leaves the previous sum, now the deal's own figure again.
    expect(after.amount).toBeLessThan(amount);
    const typed = await t.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${dealId}`,
      as: rep,
      payload: { amount: 7_500 },
    });
    expect(typed.statusCode).toBe(200);

    await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/stage`,
      as: rep,
      payload: { stage: 'closed_lost', reason: 'Budget moved to next year' },
    });
    const closed = await t.request({
      method: 'POST',
      url: `/api/v1/opportunities/${dealId}/line-items`,
      as: rep,
      payload: { productId: tractor.id },
    });
    expect(closed.statusCode).toBe(409);
  });
});
