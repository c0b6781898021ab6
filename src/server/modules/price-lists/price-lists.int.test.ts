import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let admin: TestUser;
let manager: TestUser;
let rep: TestUser;
let tractor: { id: string };
let mower: { id: string };
let euroKit: { id: string };
let dealerNet: { id: string; version: number };
let dealer: { id: string; version: number };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.createUser({ role: 'admin' });
  manager = await t.createUser({ role: 'manager' });
  rep = await t.createUser({ managerId: manager.id });
  const product = async (payload: Record<string, unknown>) => {
    const response = await t.request({ method: 'POST', url: '/api/v1/products', as: manager, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  tractor = await product({ sku: 'CT-2540', name: 'Compact tractor', family: 'Tractors', unitPrice: 18_500 });
  mower = await product({ sku: 'ZT-48', name: 'Zero-turn mower', family: 'Mowers', unitPrice: 6_250.5 });
  euroKit = await product({ sku: 'EU-KIT', name: 'Front loader kit', unitPrice: 3_000, currency: 'EUR' });
  await product({ sku: 'OLD-1', name: 'Retired baler', unitPrice: 900, active: false });
  dealer = (
    await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Prairie Dealer Co', type: 'dealer' },
    })
  ).json();
});
afterAll(async () => {
  await t.close();
});

const prices = async (url: string, as: TestUser = rep) => {
  const response = await t.request({ method: 'GET', url, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const bySku = (page: { data: { sku: string }[] }) => Object.fromEntries(page.data.map((row) => [row.sku, row]));

async function newDeal(payload: Record<string, unknown> = {}) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    as: rep,
    payload: { name: 'Spring fleet', accountId: dealer.id, amount: 1_000, closeDate: '2027-05-31', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

async function addLine(dealId: string, payload: Record<string, unknown>) {
  return t.request({ method: 'POST', url: `/api/v1/opportunities/${dealId}/line-items`, as: rep, payload });
}

describe('price lists', () => {
  it('are kept by managers and admins, with unique names and a discount in hundredths of a percent', async () => {
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      as: rep,
      payload: { name: 'My own prices', discountPercent: 50 },
    });
    expect(refused.statusCode).toBe(403);
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      as: manager,
      payload: { name: 'Dealer net', description: 'What dealers pay', discountPercent: 15 },
    });
    expect(created.statusCode, created.body).toBe(201);
    dealerNet = created.json();
    expect(dealerNet).toMatchObject({ currency: 'USD', discountPercent: 15, active: true, version: 1 });
    expect(created.headers.location).toBe(`/api/v1/price-lists/${dealerNet.id}`);

    const duplicate = await t.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      as: admin,
      payload: { name: 'DEALER NET' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().existingId).toBe(dealerNet.id);
    for (const payload of [
      { name: 'Too much', discountPercent: 101 },
      { name: 'Odd', discountPercent: 1.234 },
    ]) {
      const bad = await t.request({ method: 'POST', url: '/api/v1/price-lists', as: admin, payload });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    const listed = await prices('/api/v1/price-lists?active=true&includeTotal=true');
    expect(listed).toMatchObject({ total: 1, data: [{ id: dealerNet.id, name: 'Dealer net' }] });
  });

  it("price the active catalogue: a fixed price wins, else the list price less the list's discount", async () => {
    const page = await prices(`/api/v1/price-lists/${dealerNet.id}/prices`);
    expect(page.priceList).toEqual({ id: dealerNet.id, name: 'Dealer net', discountPercent: 15 });
    expect(page.data.map((row: { sku: string }) => row.sku)).toEqual(['CT-2540', 'EU-KIT', 'ZT-48']);
    expect(bySku(page)).toMatchObject({
      'CT-2540': { listPrice: 18_500, unitPrice: 15_725, currency: 'USD', source: 'discount' },
      // 6,250.50 × 0.85 = 5,312.925: to the cent, halves away from zero.
      'ZT-48': { listPrice: 6_250.5, unitPrice: 5_312.93, source: 'discount' },
      'EU-KIT': { listPrice: 3_000, listCurrency: 'EUR', unitPrice: null, source: null },
    });

    const fixed = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${mower.id}`,
      as: manager,
      payload: { unitPrice: 5_000 },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ productId: mower.id, unitPrice: 5_000, source: 'fixed' });
    const kit = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${euroKit.id}`,
      as: admin,
      payload: { unitPrice: 3_400 },
    });
    expect(kit.statusCode).toBe(200);
    const onlyFixed = await prices(`/api/v1/price-lists/${dealerNet.id}/prices?source=fixed&sort=-sku`);
    expect(onlyFixed.data.map((row: { sku: string; unitPrice: number }) => [row.sku, row.unitPrice])).toEqual([
      ['ZT-48', 5_000],
      ['EU-KIT', 3_400],
    ]);

    const repFix = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${tractor.id}`,
      as: rep,
      payload: { unitPrice: 1 },
    });
    expect(repFix.statusCode).toBe(403);
    const badPrice = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${tractor.id}`,
      as: manager,
      payload: { unitPrice: -5 },
    });
    expect(badPrice.statusCode).toBe(400);
    const tractorPrice = bySku(await prices(`/api/v1/price-lists/${dealerNet.id}/prices?productId=${tractor.id}`));
    expect(tractorPrice['CT-2540']).toMatchObject({ unitPrice: 15_725, source: 'discount' });
  });

  it('keep prices for products only while they are sold, and a removed fixed price leaves the discount', async () => {
    const retired = (await prices('/api/v1/products?active=false')).data[0];
    const refused = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${retired.id}`,
      as: manager,
      payload: { unitPrice: 800 },
    });
    expect(refused.statusCode).toBe(409);
    const unknown = await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/0190a0a0-0000-7000-8000-000000000000`,
      as: manager,
      payload: { unitPrice: 800 },
    });
    expect(unknown.statusCode).toBe(404);

    await t.request({
      method: 'PUT',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${tractor.id}`,
      as: manager,
      payload: { unitPrice: 15_000 },
    });
    const removed = await t.request({
      method: 'DELETE',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${tractor.id}`,
      as: manager,
    });
    expect(removed.statusCode).toBe(204);
    const again = await t.request({
      method: 'DELETE',
      url: `/api/v1/price-lists/${dealerNet.id}/prices/${tractor.id}`,
      as: manager,
    });
    expect(again.statusCode).toBe(404);
    expect(bySku(await prices(`/api/v1/price-lists/${dealerNet.id}/prices`))['CT-2540']).toMatchObject({
      unitPrice: 15_725,
      source: 'discount',
    });
    const audit = await t.request({
      method: 'GET',
      url: '/api/v1/audit?entity=price_list_entries',
      as: admin,
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().data.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['create', 'delete']),
    );
  });
});

describe("an account's price list", () => {
  it('is set by managers and admins only, to an active list', async () => {
    const byRep = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${dealer.id}`,
      as: rep,
      payload: { priceListId: dealerNet.id },
    });
    expect(byRep.statusCode).toBe(403);
    const repCreate = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: rep,
      payload: { name: 'Self-priced Ltd', priceListId: dealerNet.id },
    });
    expect(repCreate.statusCode).toBe(403);
    const unknown = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${dealer.id}`,
      as: manager,
      payload: { priceListId: '0190a0a0-0000-7000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('priceListId');

    const set = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${dealer.id}`,
      as: manager,
      payload: { priceListId: dealerNet.id },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().priceListId).toBe(dealerNet.id);
    // The rep still edits the account, sending the list it has back as a form does.
    const repEdit = await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${dealer.id}`,
      as: rep,
      payload: { phone: '+1 312 555 0100', priceListId: dealerNet.id },
    });
    expect(repEdit.statusCode, repEdit.body).toBe(200);
    const onList = await prices(`/api/v1/accounts?priceListId=${dealerNet.id}`);
    expect(onList.data.map((account: { id: string }) => account.id)).toEqual([dealer.id]);
  });

  it("prices a deal's new lines unless a price is given, in the list's currency only", async () => {
    const deal = await newDeal();
    const dealPrices = await prices(`/api/v1/opportunities/${deal.id}/prices`);
    expect(dealPrices.priceList).toMatchObject({ id: dealerNet.id });
    expect(bySku(dealPrices)).toMatchObject({
      'CT-2540': { unitPrice: 15_725, source: 'discount' },
      'ZT-48': { unitPrice: 5_000, source: 'fixed' },
      'EU-KIT': { unitPrice: 3_400, source: 'fixed' },
    });

    const tractorLine = await addLine(deal.id, { productId: tractor.id, quantity: 2 });
    expect(tractorLine.statusCode, tractorLine.body).toBe(201);
    expect(tractorLine.json()).toMatchObject({ unitPrice: 15_725, total: 31_450 });
    const mowerLine = await addLine(deal.id, { productId: mower.id, discountPercent: 10 });
    expect(mowerLine.json()).toMatchObject({ unitPrice: 5_000, total: 4_500 });
    const given = await addLine(deal.id, { productId: euroKit.id, unitPrice: 3_100 });
    expect(given.json()).toMatchObject({ unitPrice: 3_100 });
    const amount = (await prices(`/api/v1/opportunities/${deal.id}`)).amount;
    expect(amount).toBe(31_450 + 4_500 + 3_100);

    // A deal in euros is not priced by a dollar list: the catalogue's euro prices, and no others.
    const euroDeal = await newDeal({ currency: 'EUR' });
    const euroPrices = bySku(await prices(`/api/v1/opportunities/${euroDeal.id}/prices`));
    expect(euroPrices).toMatchObject({
      'EU-KIT': { unitPrice: 3_000, source: 'list' },
      'CT-2540': { unitPrice: null, source: null },
    });
    const noPrice = await addLine(euroDeal.id, { productId: tractor.id });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().errors[0].path).toBe('unitPrice');
  });

  it('prices quote lines the same way, and an inactive list prices nothing', async () => {
    const deal = await newDeal();
    const quote = await t.request({
      method: 'POST',
      url: '/api/v1/quotes',
      as: rep,
      payload: { opportunityId: deal.id, lines: [{ productId: tractor.id, quantity: 1 }] },
    });
    expect(quote.statusCode, quote.body).toBe(201);
    expect(quote.json().lines[0]).toMatchObject({ unitPrice: 15_725 });

    const deactivated = await t.request({
      method: 'PATCH',
      url: `/api/v1/price-lists/${dealerNet.id}`,
      as: admin,
      payload: { active: false },
    });
    expect(deactivated.statusCode).toBe(200);
    expect((await prices(`/api/v1/opportunities/${deal.id}/prices`)).priceList).toBeNull();
    const atList = await addLine(deal.id, { productId: tractor.id });
    expect(atList.json()).toMatchObject({ unitPrice: 18_500 });
    const inactiveRefused = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: manager,
      payload: { name: 'Late Dealer', priceListId: dealerNet.id },
    });
    expect(inactiveRefused.statusCode).toBe(400);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/price-lists/${dealerNet.id}`,
      as: admin,
      payload: { active: true },
    });
  });

  it('keeps a list in use from being deleted', async () => {
    const inUse = await t.request({ method: 'DELETE', url: `/api/v1/price-lists/${dealerNet.id}`, as: admin });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ accounts: 1 });
    await t.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${dealer.id}`,
      as: manager,
      payload: { priceListId: null },
    });
    const deleted = await t.request({ method: 'DELETE', url: `/api/v1/price-lists/${dealerNet.id}`, as: admin });
    expect(deleted.statusCode).toBe(204);
    const gone = await t.request({ method: 'GET', url: `/api/v1/price-lists/${dealerNet.id}`, as: rep });
    expect(gone.statusCode).toBe(404);
    const restored = await t.request({
      method: 'POST',
      url: `/api/v1/price-lists/${dealerNet.id}/restore`,
      as: manager,
    });
    expect(restored.statusCode).toBe(200);
  });
});
