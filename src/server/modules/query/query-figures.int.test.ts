import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion, listRecords } from '../../../../test/helpers/questions.js';
import { insertAccount } from '../../../../test/helpers/records.js';
import { accounts, activities, leads, opportunities, territories } from '../../db/schema/index.js';

/*
 * Figures an audit of the demo data found wrong, each worked out again from the list endpoints and the
 * dashboard as the asker: lead stages are the open funnel, and "the last 30 days" of activities is the
 * dashboard's window, at each activity's own moment.
 * - leads in North, owned by Rob: negotiation 2 open, 1 converted, 1 disqualified; qualified 1 open, 1 converted.
 * - activities of Rob: done 29 days ago; done 30 days and 2 hours ago (inside 31 calendar days, outside
 *   the dashboard's 30 × 24 hours); a visit planned an hour from now; a call done 3 days ago but entered
 *   only today; a call entered today about one done 40 days ago.
 * - open deals: Prairie Farms (Rob) 50,000 USD and 30,000 EUR in negotiation; Lone Star (Rita) 80,000 USD in
 *   proposal and 10,000 USD in negotiation, and Rob's 15,000 USD in proposal; Bayou Supply (Sam) 20,000 USD
 *   in qualification; Cedar Valley Implement (an account of Rob's) Sam's 60,000 USD in prospecting; and one
 *   deal of Bayou's lost on price.
 */

let t: TestApp;
let rob: TestUser;
let rita: TestUser;
let sam: TestUser;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const answer = (as: TestUser, question: string) => answerQuestion(t, as, question);

/** A list endpoint's records, as the asker sees them. */
const list = <Row>(as: TestUser, path: string) => listRecords<Row>(t, as, path);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.database.db;
  const north = v7();
  await db.insert(territories).values({ id: north, name: 'North' });
  rob = await t.createUser({ name: 'Rob Miller', territoryIds: [north] });
  rita = await t.createUser({ name: 'Rita Patel', territoryIds: [north] });
  sam = await t.createUser({ name: 'Sam Garcia', territoryIds: [north] });
  const prairie = await insertAccount(t, { name: 'Prairie Farms', ownerId: rob.id, territoryId: north });
  const loneStar = await insertAccount(t, { name: 'Lone Star Supply', ownerId: rita.id, territoryId: north });
  const bayou = await insertAccount(t, { name: 'Bayou Supply', ownerId: sam.id, territoryId: north });
  const deal = async (accountId: string, ownerId: string, stage: string, amount: number, currency = 'USD') => {
    const lost = stage === 'closed_lost';
    await db.insert(opportunities).values({
      id: v7(),
      name: `${stage} ${amount} ${currency}`,
      accountId,
      ownerId,
      stage,
      amount,
      currency,
      probability: lost ? 0 : 50,
      closeDate: new Date(Date.now() + (lost ? -10 : 20) * DAY).toISOString().slice(0, 10),
      ...(lost ? { closedAt: new Date(Date.now() - 10 * DAY), lossReason: 'Price' } : {}),
    });
  };
  await deal(prairie, rob.id, 'negotiation', 50000);
  await deal(prairie, rob.id, 'negotiation', 30000, 'EUR');
  await deal(loneStar, rita.id, 'proposal', 80000);
  await deal(loneStar, rita.id, 'negotiation', 10000);
  await deal(bayou, sam.id, 'qualification', 20000);
  await deal(bayou, sam.id, 'closed_lost', 25000);
  // Deals whose owner is not the account's: Rob's on Rita's Lone Star, Sam's on Rob's Cedar Valley.
  const cedar = await insertAccount(t, { name: 'Cedar Valley Implement', ownerId: rob.id, territoryId: north });
  await deal(loneStar, rob.id, 'proposal', 15000);
  await deal(cedar, sam.id, 'prospecting', 60000);

  const lead = async (stage: string, status: string) => {
    await db.insert(leads).values({
      id: v7(),
      firstName: 'Lead',
      lastName: `${stage} ${status}`,
      stage,
      status,
      source: 'website',
      score: 50,
      ownerId: rob.id,
      territoryId: north,
      ...(status === 'converted' ? { convertedAt: new Date(Date.now() - 5 * DAY) } : {}),
      ...(status === 'disqualified' ? { disqualifiedAt: new Date(Date.now() - 5 * DAY) } : {}),
    });
  };
  for (const [stage, status] of [
    ['negotiation', 'open'],
    ['negotiation', 'open'],
    ['negotiation', 'converted'],
    ['negotiation', 'disqualified'],
    ['qualified', 'open'],
    ['qualified', 'converted'],
  ] as const) {
    await lead(stage, status);
  }

  const now = Date.now();
  const activity = async (
    type: string,
    status: 'completed' | 'planned',
    at: number,
    createdAt: number = at,
  ): Promise<void> => {
    await db.insert(activities).values({
      id: v7(),
      type,
      subject: `${type} ${status}`,
      status,
      scheduledAt: new Date(at),
      ...(status === 'completed' ? { completedAt: new Date(at) } : {}),
      createdAt: new Date(createdAt),
      ownerId: rob.id,
      accountId: prairie,
    });
  };
  await activity('meeting', 'completed', now - 29 * DAY);
  await activity('meeting', 'completed', now - 30 * DAY - 2 * HOUR);
  await activity('visit', 'planned', now + HOUR);
  await activity('call', 'completed', now - 3 * DAY, now - HOUR);
  await activity('call', 'completed', now - 40 * DAY, now - HOUR);
});

afterAll(async () => {
  await t?.close();
});

describe('lead stages', () => {
  it('count the open leads in a stage, as the lead list and the dashboard do, unless a status is named', async () => {
    const openIn = async (stage: string) => (await list(rob, `leads?stage=${stage}&status=open`)).length;
    const negotiation = await answer(rob, 'how many leads in negotiation');
    expect(negotiation.data.value).toBe(await openIn('negotiation'));
    expect(negotiation.data.value).toBe(2);
    expect(negotiation.understood).toMatch(/status open/);

    const qualified = await answer(rob, 'qualified leads');
    expect(qualified.data.total).toBe(await openIn('qualified'));

    const byStage = await answer(rob, 'leads by stage');
    const dashboard = (await t.request({ method: 'GET', url: '/api/v1/dashboard', as: rob })).json();
    const counts = Object.fromEntries(
      byStage.data.groups.map((group: { key: string; count: number }) => [group.key, group.count]),
    );
    for (const [stage, count] of Object.entries(dashboard.leads.byStage as Record<string, number>)) {
      expect(counts[stage] ?? 0, stage).toBe(count);
    }

    // A status named is that status, in any stage.
    const converted = await answer(rob, 'converted leads in negotiation');
    expect(converted.data.total).toBe((await list(rob, 'leads?stage=negotiation&status=converted')).length);
    expect(converted.data.total).toBe(1);
  });
});

describe('activities in a period', () => {
  it('count the last 30 days as the dashboard does: the 30 × 24 hours up to now', async () => {
    const dashboard = (await t.request({ method: 'GET', url: '/api/v1/dashboard', as: rob })).json();
    const window = (at: number) => encodeURIComponent(new Date(at).toISOString());
    const listed = await list(rob, `activities?atFrom=${window(Date.now() - 30 * DAY)}&atTo=${window(Date.now())}`);
    const counted = await answer(rob, 'how many activities in the last 30 days');
    expect(counted.data.value).toBe(dashboard.activities.last30Days);
    expect(counted.data.value).toBe(listed.length);
    // The meeting 29 days ago and the call 3 days ago; not the visit still planned for later today.
    expect(counted.data.value).toBe(2);
  });

  it('read calls logged this week at the moment they were made, not when they were entered', async () => {
    const weekStart = new Date();
    weekStart.setUTCHours(0, 0, 0, 0);
    weekStart.setUTCDate(weekStart.getUTCDate() - ((weekStart.getUTCDay() + 6) % 7));
    const made = await list<{ id: string }>(
      rob,
      `activities?type=call&status=completed&completedAtFrom=${encodeURIComponent(weekStart.toISOString())}`,
    );
    const logged = await answer(rob, 'calls logged this week');
    expect(logged.plan.timeRange.field).toBe('at');
    expect(logged.data.rows.map((row: { id: string }) => row.id).sort()).toEqual(made.map((row) => row.id).sort());
  });
});

type Deal = { id: string; accountId: string; ownerId: string; stage: string; amount: number; currency: string };

/** The open deals an admin sees, from the deals list. */
const openDeals = () => list<Deal>(t.admin, 'opportunities?stage=prospecting,qualification,proposal,negotiation');

/** USD amounts of the deals, added up per key, largest first. */
function rankedUsd(deals: Deal[], keyOf: (deal: Deal) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const deal of deals.filter((one) => one.currency === 'USD')) {
    sums.set(keyOf(deal), (sums.get(keyOf(deal)) ?? 0) + Number(deal.amount));
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1]);
}

describe('deal money in other currencies', () => {
  it('states the count it averaged and says which deals the money leaves out', async () => {
    const open = await openDeals();
    const usd = open.filter((deal) => deal.currency === 'USD');
    const others = open.length - usd.length;
    const average = await answer(t.admin, 'average deal size of open deals');
    expect(average.data.value).toBeCloseTo(usd.reduce((sum, deal) => sum + Number(deal.amount), 0) / usd.length, 2);
    expect(average.answer).toContain(`across ${usd.length} opportunities in USD, not counting ${others} deal`);

    const pipeline = await answer(t.admin, 'total pipeline value');
    const negotiation = pipeline.data.groups.find((group: { key: string }) => group.key === 'negotiation');
    const inNegotiation = open.filter((deal) => deal.stage === 'negotiation');
    expect(negotiation.count).toBe(inNegotiation.length);
    expect(negotiation.amount).toBe(
      inNegotiation.filter((deal) => deal.currency === 'USD').reduce((sum, deal) => sum + Number(deal.amount), 0),
    );
    expect(negotiation.otherCurrencies).toBe(1);
    expect(pipeline.answer).toMatch(/Negotiation 3 \(\$60,000, not counting 1 in other currencies\)/);
  });
});

describe('rankings by pipeline', () => {
  it('ranks accounts by the open deals on them, and keeps to the top N reps asked for', async () => {
    const open = await openDeals();
    const accounts = await answer(t.admin, 'top 2 accounts by pipeline');
    const expectedAccounts = rankedUsd(open, (deal) => deal.accountId).slice(0, 2);
    expect(accounts.data.groups.map((group: { key: string; value: number }) => [group.key, group.value])).toEqual(
      expectedAccounts,
    );

    const reps = await answer(t.admin, 'top 2 reps by pipeline');
    const expectedReps = rankedUsd(open, (deal) => deal.ownerId).slice(0, 2);
    expect(reps.data.groups.map((group: { key: string; value: number }) => [group.key, group.value])).toEqual(
      expectedReps,
    );
    expect(reps.answer).toMatch(/the top 2:/);

    // Owners are the reps, ranked alike.
    const owners = await answer(t.admin, 'top 5 owners by pipeline');
    expect(owners.data.groups.map((group: { key: string; value: number }) => [group.key, group.value])).toEqual(
      rankedUsd(open, (deal) => deal.ownerId).slice(0, 5),
    );
  });

  it('ranks my accounts as the accounts I own, with every open deal on them, whoever owns it', async () => {
    const mine = await list<{ id: string }>(rob, `accounts?ownerId=${rob.id}`);
    const onMine = (await list<Deal>(rob, 'opportunities?stage=prospecting,qualification,proposal,negotiation')).filter(
      (deal) => mine.some((account) => account.id === deal.accountId),
    );
    const ranked = await answer(rob, 'my top 5 accounts by pipeline');
    const expected = rankedUsd(onMine, (deal) => deal.accountId).slice(0, 5);
    expect(ranked.data.groups.map((group: { key: string; value: number }) => [group.key, group.value])).toEqual(
      expected,
    );
    // Sam's deal on Rob's Cedar Valley counts; Rob's own deal on Rita's Lone Star does not.
    expect(ranked.answer).toMatch(/Cedar Valley Implement \$60,000/);
    expect(ranked.answer).not.toMatch(/Lone Star/);
    expect(ranked.understood).toMatch(/account owner is me/);
  });
});

describe('an account named after its kind', () => {
  it('is that account, not the accounts of that type whose name holds the rest', async () => {
    const north = (await list<{ id: string; name: string }>(t.admin, 'territories?')).find(
      (territory) => territory.name === 'North',
    );
    const name = 'Lone Star Turf & Tractor Distributors';
    const id = v7();
    await t.deps.database.db.insert(accounts).values({
      id,
      name,
      normalizedName: name.toLowerCase(),
      type: 'distributor',
      ownerId: rita.id,
      territoryId: north?.id ?? null,
    });
    for (const question of [`summary of the ${name} account`, `tell me about ${name}`]) {
      const summary = await answer(t.admin, question);
      expect(summary.plan, question).toMatchObject({ kind: 'analysis', analysis: 'accountSummary', account: name });
      expect(
        summary.data.rows.map((row: { id: string }) => row.id),
        question,
      ).toEqual([id]);
      expect(summary.answer, question).toMatch(/^Lone Star Turf & Tractor Distributors:/);
    }
    // The kind word on its own is still the type, as the accounts list filters it.
    const distributors = await list<{ id: string }>(t.admin, 'accounts?type=distributor');
    const asked = await answer(t.admin, 'distributors in the North territory');
    expect(asked.data.rows.map((row: { id: string }) => row.id).sort()).toEqual(
      distributors.map((account) => account.id).sort(),
    );
  });
});

describe('lost deals and why', () => {
  it('names the loss reason of each lost deal', async () => {
    const lost = await list<Deal & { lossReason: string }>(t.admin, 'opportunities?stage=closed_lost');
    const why = await answer(t.admin, 'lost deals and why');
    expect(why.data.total).toBe(lost.length);
    for (const deal of lost) expect(why.answer).toContain(`lost: ${deal.lossReason}`);
  });
});
