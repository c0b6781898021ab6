import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';

let t: TestApp;
let rep: TestUser;
let outsider: TestUser;
const products = {} as Record<'tractor' | 'loader' | 'filter' | 'gadget', string>;

async function post(as: TestUser, url: string, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

/** A deal of `owner` on an account of their own, with these products (quantity, list price). */
async function deal(
  owner: TestUser,
  fields: { stage: string; amount?: number },
  lines: [keyof typeof products, number][] = [],
) {
  const account = await post(owner, '/accounts', { name: `Product pipeline ${Math.random()}` });
  const created = await post(owner, '/opportunities', {
    name: 'Product pipeline deal',
    accountId: account.id,
    amount: fields.amount ?? 0,
    closeDate: '2030-06-30',
    stage: fields.stage,
  });
  for (const [product, quantity] of lines) {
    await post(owner, `/opportunities/${created.id}/line-items`, { productId: products[product], quantity });
  }
  return created.id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  rep = await t.createUser();
  outsider = await t.createUser();
  const product = async (sku: string, family: string | null, unitPrice: number) =>
    (await post(t.admin, '/products', { sku, name: `Product ${sku}`, family, unitPrice })).id as string;
  products.tractor = await product('PP-T', 'Tractors', 10_000);
  products.loader = await product('PP-L', 'Tractors', 2_000);
  products.filter = await product('PP-F', 'Parts', 500);
  products.gadget = await product('PP-G', null, 100);
  await deal(rep, { stage: 'negotiation' }, [
    ['tractor', 1],
    ['filter', 2],
  ]); // 11,000 at 75 %
  await deal(rep, { stage: 'proposal' }, [
    ['loader', 1],
    ['gadget', 1],
  ]); // 2,100 at 50 %
  await deal(rep, { stage: 'prospecting', amount: 5_000 }); // no products, 10 %
  await deal(outsider, { stage: 'qualification' }, [['tractor', 2]]); // not the rep's to see
});
afterAll(async () => {
  await t.close();
});

const pipeline = async (as: TestUser, groupBy: string) => {
  const response = await t.request({ method: 'GET', url: `/api/v1/reports/pipeline?groupBy=${groupBy}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the pipeline by product', () => {
  it('puts each line in its product line, deals without products apart, and adds up to the pipeline', async () => {
    const report = await pipeline(rep, 'productFamily');
    expect(report.data).toEqual([
      { key: 'Tractors', label: 'Tractors', count: 2, amount: 12_000, weightedAmount: 8_500 },
      { key: 'Parts', label: 'Parts', count: 1, amount: 1_000, weightedAmount: 750 },
      { key: '', label: 'No product line', count: 1, amount: 100, weightedAmount: 50 },
      { key: null, label: 'No products', count: 1, amount: 5_000, weightedAmount: 500 },
    ]);
    // Each group opens its deals in the list, with the same filters.
    const open = 'stage=prospecting,qualification,proposal,negotiation&includeTotal=true';
    const listed = async (filter: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/opportunities?${open}&${filter}`, as: rep })).json().total;
    expect(await listed('productFamily=Tractors')).toBe(2);
    expect(await listed('productFamily=Parts')).toBe(1);
    expect(await listed(`productId=${products.gadget}`)).toBe(1);
    expect(await listed('hasProducts=false')).toBe(1);
    expect(await listed('hasProducts=true')).toBe(2);
    const byStage = await pipeline(rep, 'stage');
    expect(report.totals).toEqual(byStage.totals);
    expect(report.totals).toEqual({ count: 3, amount: 18_100, weightedAmount: 9_800 });
  });

  it('names each product, and counts what the caller may see', async () => {
    const report = await pipeline(rep, 'product');
    expect(report.data.map((group: { label: string; amount: number }) => [group.label, group.amount])).toEqual([
      ['Product PP-T', 10_000],
      ['Product PP-L', 2_000],
      ['Product PP-F', 1_000],
      ['Product PP-G', 100],
      ['No products', 5_000],
    ]);
    const everyone = await pipeline(t.admin, 'productFamily');
    expect(everyone.data[0]).toMatchObject({ key: 'Tractors', count: 3, amount: 32_000 });
    expect(everyone.totals).toEqual((await pipeline(t.admin, 'stage')).totals);
  });
});
