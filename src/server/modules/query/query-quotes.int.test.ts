import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion, listRecords } from '../../../../test/helpers/questions.js';
import { quotes } from '../../db/schema/index.js';

/*
 * Questions about quotes, answered with the figures of the quotes list as each asker sees it.
 * Rita (rep, West) and Sam (rep, East) each have one deal with a product; Maria manages Rita.
 * Rita's quotes: q1 sent (valid 2 more days), q2 sent and lapsed, q3 accepted, q4 draft.
 * Sam's quote: s1 sent, valid 20 more days.
 */

let t: TestApp;
let maria: TestUser;
let rita: TestUser;
let sam: TestUser;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const answer = (as: TestUser, question: string) => answerQuestion(t, as, question);
type QuoteRow = { id: string; status: string; total: number; validUntil: string };
const visibleQuotes = (as: TestUser, query: string) => listRecords<QuoteRow>(t, as, `quotes?${query}`);
const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

async function post(as: TestUser, url: string, payload: object) {
  const response = await t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

async function dealOf(as: TestUser, territoryId: string, productId: string, name: string) {
  const account = await post(as, '/accounts', { name, territoryId });
  const deal = await post(as, '/opportunities', {
    name: `${name} deal`,
    accountId: account.id,
    closeDate: '2031-01-31',
  });
  await post(as, `/opportunities/${deal.id}/line-items`, { productId, quantity: 4 });
  return deal.id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  const west = await post(t.admin, '/territories', { name: 'West' });
  const east = await post(t.admin, '/territories', { name: 'East' });
  maria = await t.createUser({ role: 'manager', name: 'Maria Lopez' });
  rita = await t.createUser({ managerId: maria.id, territoryIds: [west.id], name: 'Rita Patel' });
  sam = await t.createUser({ territoryIds: [east.id], name: 'Sam Garcia' });
  const product = await post(maria, '/products', { sku: 'QQ-1', name: 'Loader', unitPrice: 2_500 });
  const ritaDeal = await dealOf(rita, west.id, product.id, 'Prairie Farm Supply');
  const samDeal = await dealOf(sam, east.id, product.id, 'Harbor Equipment');
  const quote = async (as: TestUser, dealId: string) => (await post(as, '/quotes', { opportunityId: dealId })).id;
  ids.q1 = await quote(rita, ritaDeal);
  ids.q2 = await quote(rita, ritaDeal);
  ids.q3 = await quote(rita, ritaDeal);
  ids.q4 = await quote(rita, ritaDeal);
  ids.s1 = await quote(sam, samDeal);
  for (const id of [ids.q1, ids.q2, ids.q3, ids.s1])
    await post(id === ids.s1 ? sam : rita, `/quotes/${id}/send`, { to: ['buyer@example.com'] });
  await post(rita, `/quotes/${ids.q3}/accept`, {});
  const db = t.deps.database.db;
  await db
    .update(quotes)
    .set({ validUntil: inDays(2) })
    .where(eq(quotes.id, ids.q1 as string));
  await db
    .update(quotes)
    .set({ validUntil: inDays(-3) })
    .where(eq(quotes.id, ids.q2 as string));
  await db
    .update(quotes)
    .set({ validUntil: inDays(20) })
    .where(eq(quotes.id, ids.s1 as string));
});
afterAll(() => t.close());

describe('questions about quotes', () => {
  it('lists the open quotes one may see, with what they are worth', async () => {
    const open = await visibleQuotes(rita, 'status=sent');
    const body = await answer(rita, 'my open quotes');
    expect(body.plan).toMatchObject({ entity: 'quotes' });
    expect(body.data.entity).toBe('quotes');
    expect(idsOf(body.data.rows)).toEqual(idsOf(open));
    expect(idsOf(open)).toEqual([ids.q1]);
    expect(body.answer).toContain('worth $10,000');

    const everyone = await answer(maria, 'how many quotes are outstanding');
    expect(everyone.data.value ?? everyone.data.total).toBe((await visibleQuotes(maria, 'status=sent')).length);
    // Sam's quote is in another territory and team: not among Maria's.
    expect(everyone.data.value ?? everyone.data.total).toBe(1);
  });

  it('finds the quotes about to lapse, and those that did', async () => {
    const expiring = await answer(rita, 'quotes expiring this week');
    expect(expiring.plan.timeRange).toMatchObject({ field: 'validUntil' });
    expect(idsOf(expiring.data.rows)).toEqual([ids.q1]);

    const lapsed = await answer(rita, 'expired quotes');
    expect(idsOf(lapsed.data.rows)).toEqual(idsOf(await visibleQuotes(rita, 'status=expired')));
    expect(idsOf(lapsed.data.rows)).toEqual([ids.q2]);
  });

  it('sums what was accepted and counts quotes by status, as the list does', async () => {
    const accepted = await visibleQuotes(rita, 'status=accepted');
    const value = await answer(rita, 'total value of accepted quotes');
    expect(value.data.value).toBe(accepted.reduce((sum, row) => sum + row.total, 0));
    expect(value.data.value).toBe(10_000);

    const byStatus = await answer(maria, 'quotes by status');
    const counts = Object.fromEntries(
      byStatus.data.groups.map((group: { key: string; count: number }) => [group.key, group.count]),
    );
    expect(counts).toEqual({ sent: 1, expired: 1, accepted: 1, draft: 1 });

    const sent = await answer(sam, 'how many quotes did I send this month');
    expect(sent.plan.timeRange).toMatchObject({ field: 'sentAt' });
    expect(sent.data.value ?? sent.data.total).toBe(1);
  });

  it('still reads "quote" in a deal question as the proposal stage', async () => {
    const body = await answer(rita, 'deals in the quote stage');
    expect(body.plan.entity).toBe('opportunities');
  });
});
