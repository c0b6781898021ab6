import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion, askQuestion, listRecords } from '../../../../test/helpers/questions.js';
import { insertAccount } from '../../../../test/helpers/records.js';
import { activities, notes, opportunities, tasks, territories } from '../../db/schema/index.js';

/*
 * Kinds of questions beyond lists and totals: medians, a manager's team, records on someone's accounts,
 * deals at risk, groups by product and competitor, and what Meridian cannot answer (quotas). Every
 * expected figure is worked out again here from the list endpoints, as the asker, so the answers are
 * checked against what each role may see and not against the engine's own SQL.
 * - territories West and East (East managed by Kim); Maria manages Raj (rep, West) and Sofia (a manager
 *   herself, East), Leo reports to Sofia (so he is in Maria's team too), Tom (East) reports to no one.
 * - accounts: Pine Ridge Farms (West, Raj), Lakeside Turf (East, Sofia), Harbor Equipment (East, Tom),
 *   Summit Landscaping (West, Maria).
 * Deals           account      owner  stage          amount  close    products                    competitors
 *   o1            Pine Ridge   Raj    negotiation     50000  +10d     Snow blowers, Compact tr.   Deere
 *   o2            Lakeside     Sofia  proposal        20000  -5d      Compact tractors            —
 *   o3            Harbor       Tom    qualification   30000  +20d     Zero-turn mowers            Kubota   (created 60 days ago, never touched)
 *   o4            Summit       Maria  prospecting     10000  +30d     —                           —        (created 40 days ago, a visit 5 days ago)
 *   o5            Pine Ridge   Raj    closed_won      40000  -10d     Snow blowers                Deere, Kubota
 *   o6            Harbor       Tom    closed_won      70000  -20d     —                           Kubota
 *   o7            Lakeside     Sofia  closed_won      15000  -3d      —                           —
 *   o8            Harbor       Tom    closed_lost     25000  -7d      —                           Deere
 *   o9            Lakeside     Leo    qualification    5000  +15d     —                           —
 * So the deals at risk are o2 (its close date has passed) and o3 (no activity in 30 days, and older).
 */

let t: TestApp;
let maria: TestUser;
let kim: TestUser;
let raj: TestUser;
let sofia: TestUser;
let leo: TestUser;
let tom: TestUser;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const OPEN_STAGES = 'prospecting,qualification,proposal,negotiation';

const ask = (as: TestUser, question: string) => askQuestion(t, as, question);
const answer = (as: TestUser, question: string) => answerQuestion(t, as, question);

type Deal = {
  id: string;
  ownerId: string | null;
  accountId: string;
  stage: string;
  amount: number;
  closeDate: string;
  closedAt: string | null;
  createdAt: string;
  productInterest: string[];
  competitors: string[];
};

/** A list endpoint's records, as the asker sees them. */
const list = <Row>(as: TestUser, path: string) => listRecords<Row>(t, as, path);

const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.database.db;
  kim = await t.createUser({ role: 'manager', name: 'Kim Novak' });
  ids.west = v7();
  ids.east = v7();
  // Users created next clear the viewers the server keeps, so Kim's includes the East she manages.
  await db.insert(territories).values([
    { id: ids.west, name: 'West' },
    { id: ids.east, name: 'East', managerId: kim.id },
  ]);
  maria = await t.createUser({ role: 'manager', name: 'Maria Garcia' });
  raj = await t.createUser({ name: 'Raj Patel', managerId: maria.id, territoryIds: [ids.west] });
  sofia = await t.createUser({ role: 'manager', name: 'Sofia Lind', managerId: maria.id, territoryIds: [ids.east] });
  leo = await t.createUser({ name: 'Leo Brandt', managerId: sofia.id, territoryIds: [ids.east] });
  tom = await t.createUser({ name: 'Tom Hale', territoryIds: [ids.east] });

  const account = async (key: string, name: string, ownerId: string, territoryId: string) => {
    ids[key] = await insertAccount(t, { name, ownerId, territoryId });
  };
  await account('pineRidge', 'Pine Ridge Farms', raj.id, ids.west);
  await account('lakeside', 'Lakeside Turf', sofia.id, ids.east);
  await account('harbor', 'Harbor Equipment', tom.id, ids.east);
  await account('summit', 'Summit Landscaping', maria.id, ids.west);

  const deal = async (
    key: string,
    values: Omit<typeof opportunities.$inferInsert, 'id' | 'name' | 'currency' | 'probability'>,
  ) => {
    ids[key] = v7();
    const closed = values.stage === 'closed_won' || values.stage === 'closed_lost';
    await db.insert(opportunities).values({
      id: ids[key],
      name: `Deal ${key}`,
      currency: 'USD',
      probability: values.stage === 'closed_won' ? 100 : closed ? 0 : 50,
      ...values,
    });
  };
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
  await deal('o1', {
    accountId: ids.pineRidge ?? '',
    ownerId: raj.id,
    stage: 'negotiation',
    amount: 50000,
    closeDate: isoDay(10),
    productInterest: ['Snow blowers', 'Compact tractors'],
    competitors: ['Deere'],
  });
  await deal('o2', {
    accountId: ids.lakeside ?? '',
    ownerId: sofia.id,
    stage: 'proposal',
    amount: 20000,
    closeDate: isoDay(-5),
    productInterest: ['Compact tractors'],
  });
  await deal('o3', {
    accountId: ids.harbor ?? '',
    ownerId: tom.id,
    stage: 'qualification',
    amount: 30000,
    closeDate: isoDay(20),
    createdAt: daysAgo(60),
    productInterest: ['Zero-turn mowers'],
    competitors: ['Kubota'],
  });
  await deal('o4', {
    accountId: ids.summit ?? '',
    ownerId: maria.id,
    stage: 'prospecting',
    amount: 10000,
    closeDate: isoDay(30),
    createdAt: daysAgo(40),
  });
  const won = (days: number) => ({ closeDate: isoDay(-days), closedAt: daysAgo(days), createdAt: daysAgo(days + 30) });
  await deal('o5', {
    accountId: ids.pineRidge ?? '',
    ownerId: raj.id,
    stage: 'closed_won',
    amount: 40000,
    ...won(10),
    productInterest: ['Snow blowers'],
    competitors: ['Deere', 'Kubota'],
  });
  await deal('o6', {
    accountId: ids.harbor ?? '',
    ownerId: tom.id,
    stage: 'closed_won',
    amount: 70000,
    ...won(20),
    competitors: ['Kubota'],
  });
  await deal('o7', { accountId: ids.lakeside ?? '', ownerId: sofia.id, stage: 'closed_won', amount: 15000, ...won(3) });
  await deal('o8', {
    accountId: ids.harbor ?? '',
    ownerId: tom.id,
    stage: 'closed_lost',
    amount: 25000,
    ...won(7),
    lossReason: 'Price',
    competitors: ['Deere'],
  });
  await deal('o9', {
    accountId: ids.lakeside ?? '',
    ownerId: leo.id,
    stage: 'qualification',
    amount: 5000,
    closeDate: isoDay(15),
  });

  const activity = async (ownerId: string, accountId: string, opportunityId: string | null, daysBack: number) => {
    await db.insert(activities).values({
      id: v7(),
      type: 'visit',
      subject: `Visit ${daysBack} days ago`,
      status: 'completed',
      scheduledAt: daysAgo(daysBack),
      completedAt: daysAgo(daysBack),
      ownerId,
      accountId,
      opportunityId,
    });
  };
  await activity(raj.id, ids.summit ?? '', ids.o4 ?? '', 5);
  await activity(raj.id, ids.pineRidge ?? '', ids.o1 ?? '', 2);
  await activity(sofia.id, ids.lakeside ?? '', ids.o2 ?? '', 40);

  // Tasks on someone's accounts are not the same as tasks assigned to them.
  const task = async (title: string, assigneeId: string, accountId: string | null, status = 'open') => {
    await db.insert(tasks).values({
      id: v7(),
      title,
      type: 'follow_up',
      priority: 'medium',
      status,
      dueAt: new Date(Date.now() + 2 * DAY),
      assigneeId,
      createdById: assigneeId,
      accountId,
      ...(status === 'completed' ? { completedAt: new Date() } : {}),
    });
  };
  await task('Check the Pine Ridge order', sofia.id, ids.pineRidge ?? '');
  await task('Quote Lakeside', raj.id, ids.lakeside ?? '');
  await task('Deliver to Pine Ridge', raj.id, ids.pineRidge ?? '', 'completed');
  await task('Update my pipeline notes', raj.id, null);
  await task('Plan the Summit demo', raj.id, ids.summit ?? '');

  await db.insert(notes).values({
    id: v7(),
    body: '## Next steps\n**Call** [Summit](https://example.com/summit) about _pricing_ and `fleet` terms\n- <b>bring</b> the brochure',
    authorId: maria.id,
    accountId: ids.summit,
  });
});

afterAll(async () => {
  await t?.close();
});

describe('medians', () => {
  it('takes the median of the deals won (and of any deals named), over what each asker may see', async () => {
    for (const asker of [t.admin, maria, kim, raj, tom]) {
      const wonDeals = await list<Deal>(asker, 'opportunities?stage=closed_won');
      const expected = median(wonDeals.map((deal) => deal.amount));
      const body = await answer(asker, 'median deal size');
      expect(body.plan.aggregation, asker.email).toEqual({ fn: 'median', field: 'amount' });
      expect(body.data, asker.email).toMatchObject({ kind: 'aggregate', total: wonDeals.length, value: expected });
      const thisYear = `${new Date().getUTCFullYear()}-01-01`;
      const wonThisYear = wonDeals.filter((deal) => (deal.closedAt ?? '') >= thisYear);
      const dated = await answer(asker, 'median amount of won deals this year');
      expect(dated.data, asker.email).toMatchObject({
        total: wonThisYear.length,
        value: median(wonThisYear.map((deal) => deal.amount)),
      });
    }
    // Won: o5 $40,000, o6 $70,000, o7 $15,000; Kim sees the East's o6 and o7, whose median is between them.
    expect((await answer(t.admin, 'median deal size')).answer).toMatch(
      /^The median amount is \$40,000 across 3 opportunities\./,
    );
    expect((await answer(kim, 'median deal size')).data.value).toBe(42500);
    // Per rep: the same median over each owner's won deals (PostgreSQL's ordered-set aggregate per group).
    const wonDeals = await list<Deal>(t.admin, 'opportunities?stage=closed_won');
    const byRep = await answer(t.admin, 'median deal size by rep');
    expect(
      Object.fromEntries(byRep.data.groups.map((group: { key: string; value: number }) => [group.key, group.value])),
    ).toEqual(
      Object.fromEntries(
        [...new Set(wonDeals.map((deal) => deal.ownerId))].map((owner) => [
          owner,
          median(wonDeals.filter((deal) => deal.ownerId === owner).map((deal) => deal.amount)),
        ]),
      ),
    );
    expect(byRep.answer).toMatch(/^Median amount of opportunities by owner: /);
    const open = await answer(t.admin, 'median value of open deals');
    const openDeals = await list<Deal>(t.admin, `opportunities?stage=${OPEN_STAGES}`);
    expect(open.data.value).toBe(median(openDeals.map((deal) => deal.amount)));
  });
});

type Activity = {
  id: string;
  opportunityId: string | null;
  status: string;
  scheduledAt: string | null;
  completedAt: string | null;
  createdAt: string;
};

describe('deals at risk', () => {
  it('lists open deals past their close date or idle for 30 days, says what at risk means, per role', async () => {
    // Whether a deal was worked is a fact about the deal: read from every activity (the admin's list).
    const activityList = await list<Activity>(t.admin, 'activities');
    const today = isoDay(0);
    const monthAgo = new Date(Date.now() - 30 * DAY).toISOString();
    const workedLately = (deal: Deal) =>
      activityList.some((activity) => {
        const moment = activity.completedAt ?? activity.scheduledAt ?? activity.createdAt;
        return (
          activity.opportunityId === deal.id &&
          activity.status === 'completed' &&
          moment <= new Date().toISOString() &&
          moment.slice(0, 10) >= monthAgo.slice(0, 10)
        );
      });
    const atRisk = (deal: Deal) => deal.closeDate < today || (deal.createdAt < monthAgo && !workedLately(deal));
    for (const asker of [t.admin, maria, kim, raj, tom]) {
      const openDeals = await list<Deal>(asker, `opportunities?stage=${OPEN_STAGES}`);
      const expected = openDeals.filter(atRisk);
      const body = await answer(asker, 'which deals are at risk?');
      expect(idsOf(body.data.rows), asker.email).toEqual(idsOf(expected));
      expect(body.data.amount, asker.email).toBe(sum(expected.map((deal) => deal.amount)));
      expect(body.answer, asker.email).toContain('At risk means open and past the close date, or without any activity');
      const healthy = await answer(asker, 'open deals not at risk');
      expect(healthy.data.total, asker.email).toBe(openDeals.length - expected.length);
      const share = await answer(asker, 'what share of open deals are at risk');
      expect(share.data, asker.email).toMatchObject({
        total: openDeals.length,
        value: openDeals.length === 0 ? null : Math.round((expected.length / openDeals.length) * 10000) / 10000,
      });
      expect(share.answer, asker.email).toMatch(/^Share at risk: .* At risk means open/);
    }
    // By hand: o2 is late and o3 was never worked; Kim (East) sees both, Raj (West) neither.
    expect(idsOf((await answer(t.admin, 'at-risk deals')).data.rows)).toEqual([ids.o2, ids.o3].sort());
    expect((await answer(raj, 'deals at risk')).answer).toMatch(/^No opportunities are at risk\. At risk means/);
    const pipeline = await answer(t.admin, 'how much pipeline is at risk');
    expect(pipeline.data).toMatchObject({ kind: 'aggregate', total: 2, value: 50000 });
    const byOwner = await answer(kim, 'at-risk pipeline by rep');
    expect(
      Object.fromEntries(
        byOwner.data.groups.map((group: { label: string; value: number }) => [group.label, group.value]),
      ),
    ).toEqual({ 'Sofia Lind': 20000, 'Tom Hale': 30000 });
  });
});

type Task = { id: string; accountId: string | null; assigneeId: string | null; status: string };

describe("records on someone's accounts", () => {
  it('lists the tasks and activities on the accounts the asker owns, not the ones assigned to them', async () => {
    for (const asker of [t.admin, maria, kim, raj, sofia, tom]) {
      const mine = new Set(idsOf(await list<{ id: string }>(asker, 'accounts?ownerId=me')));
      const pending = await list<Task>(asker, 'tasks?status=open,in_progress');
      const tasksOnMine = pending.filter((task) => task.accountId !== null && mine.has(task.accountId));
      for (const question of ['tasks for my accounts', 'open tasks on my accounts']) {
        const body = await answer(asker, question);
        expect(idsOf(body.data.rows), `${asker.email}: ${question}`).toEqual(idsOf(tasksOnMine));
      }
      const activityList = await list<{ id: string; accountId: string | null }>(asker, 'activities');
      const activitiesOnMine = activityList.filter((row) => row.accountId !== null && mine.has(row.accountId));
      expect(idsOf((await answer(asker, 'activities on my accounts')).data.rows), asker.email).toEqual(
        idsOf(activitiesOnMine),
      );
    }
    // By hand: Raj's account Pine Ridge has Sofia's open task (his own there is done); his own open tasks
    // are on Lakeside, Summit and none, so "my tasks" is another answer.
    const rajs = await answer(raj, 'tasks for my accounts');
    expect(rajs.data.rows.map((row: { title: string }) => row.title)).toEqual(['Check the Pine Ridge order']);
    expect(rajs.understood).toContain('account owner is me');
    expect((await answer(raj, 'my tasks')).data.total).toBe(3);
    expect((await answer(maria, 'tasks for my accounts')).data.rows.map((row: { title: string }) => row.title)).toEqual(
      ['Plan the Summit demo'],
    );
    // Someone else's accounts, named: only accounts the asker may see count. Tom (East) cannot see Pine Ridge.
    expect((await answer(t.admin, "tasks for Raj's accounts")).data.total).toBe(1);
    expect((await answer(tom, "tasks for Raj's accounts")).data.total).toBe(0);
    expect((await answer(t.admin, 'the pipeline on accounts owned by Raj')).data).toMatchObject({
      total: 1,
      value: 50000,
    });
  });
});

type User = { id: string; managerId: string | null };

describe("a manager's team", () => {
  it("answers Maria's team pipeline: her deals and those of everyone below her, as far as the asker sees", async () => {
    const users = await list<User>(t.admin, 'users');
    const team = new Set([maria.id]);
    for (let grown = true; grown; ) {
      grown = false;
      for (const user of users) {
        if (user.managerId && team.has(user.managerId) && !team.has(user.id)) {
          team.add(user.id);
          grown = true;
        }
      }
    }
    // Raj, Sofia and Leo (Sofia's report), not Tom.
    expect([...team].sort()).toEqual([maria.id, raj.id, sofia.id, leo.id].sort());
    for (const asker of [t.admin, maria, kim, raj, tom]) {
      const openDeals = (await list<Deal>(asker, `opportunities?stage=${OPEN_STAGES}`)).filter(
        (deal) => deal.ownerId !== null && team.has(deal.ownerId),
      );
      for (const question of ["Maria's team pipeline", "pipeline of Maria's team"]) {
        const body = await answer(asker, question);
        expect(body.plan, question).toMatchObject({ kind: 'analysis', analysis: 'pipeline', team: 'Maria' });
        expect(body.data, `${asker.email}: ${question}`).toMatchObject({
          total: openDeals.length,
          amount: sum(openDeals.map((deal) => deal.amount)),
        });
      }
      const teamDeals = (await list<Deal>(asker, 'opportunities')).filter(
        (deal) => deal.ownerId !== null && team.has(deal.ownerId),
      );
      const reps = await answer(asker, "deals of Maria's reps");
      expect(idsOf(reps.data.rows), asker.email).toEqual(idsOf(teamDeals));
    }
    // By hand: open o1 $50,000 (Raj), o2 $20,000 (Sofia), o4 $10,000 (Maria), o9 $5,000 (Leo); Kim (East)
    // sees Sofia's and Leo's only.
    const admins = await answer(t.admin, "Maria's team pipeline");
    expect(admins.data).toMatchObject({ total: 4, amount: 85000 });
    expect(admins.understood).toBe('open pipeline of the team of "Maria" by stage');
    expect((await answer(kim, "Maria's team pipeline")).data).toMatchObject({ total: 2, amount: 25000 });
    // A team down the chain: Sofia's is Sofia and Leo.
    expect((await answer(t.admin, "Sofia's team pipeline")).data).toMatchObject({ total: 2, amount: 25000 });
    const byRep = await answer(t.admin, "pipeline of Maria's team by rep");
    expect(byRep.data.groups.map((group: { label: string }) => group.label).sort()).toEqual(
      ['Leo Brandt', 'Maria Garcia', 'Raj Patel', 'Sofia Lind'].sort(),
    );
    // The visits of the team, and a team excluded (Tom's deals are the only ones outside it).
    expect((await answer(t.admin, "how many visits did Maria's team make")).data.total).toBe(3);
    const outside = await answer(t.admin, "open deals outside Maria's team");
    expect(outside.plan.filters).toContainEqual({ field: 'team', op: 'neq', value: 'Maria' });
    expect(idsOf(outside.data.rows)).toEqual([ids.o3]);
  });
});

/** Count and amount per name the deals list, a deal counted under each name it has ("" for none). */
function byNames(deals: Deal[], names: (deal: Deal) => string[]): Record<string, { count: number; amount: number }> {
  const groups: Record<string, { count: number; amount: number }> = {};
  for (const deal of deals) {
    for (const name of names(deal).length > 0 ? names(deal) : ['']) {
      const group = groups[name] ?? { count: 0, amount: 0 };
      groups[name] = { count: group.count + 1, amount: group.amount + deal.amount };
    }
  }
  return groups;
}

type Group = { key: string | null; label: string; count: number; value: number | null; amount: number };
const asGroups = (groups: Group[]) =>
  Object.fromEntries(groups.map((group) => [group.key ?? '', { count: group.count, amount: group.amount }]));

describe('groups by product and competitor', () => {
  it('adds up the pipeline per product and counts won deals per competitor, each deal once in the total', async () => {
    for (const asker of [t.admin, maria, kim, raj, tom]) {
      const openDeals = await list<Deal>(asker, `opportunities?stage=${OPEN_STAGES}`);
      const pipeline = await answer(asker, 'pipeline by product');
      expect(pipeline.plan.aggregation, asker.email).toEqual({ fn: 'sum', field: 'amount', groupBy: 'product' });
      expect(asGroups(pipeline.data.groups), asker.email).toEqual(byNames(openDeals, (deal) => deal.productInterest));
      expect(pipeline.data, asker.email).toMatchObject({
        total: openDeals.length,
        amount: sum(openDeals.map((deal) => deal.amount)),
      });
      const wonDeals = await list<Deal>(asker, 'opportunities?stage=closed_won');
      const won = await answer(asker, 'won deals by competitor');
      expect(asGroups(won.data.groups), asker.email).toEqual(byNames(wonDeals, (deal) => deal.competitors));
      expect(won.data.total, asker.email).toBe(wonDeals.length);
    }
    // By hand, the admin: o1 names two products and counts under both; the pipeline is still $115,000.
    const admins = await answer(t.admin, 'pipeline by product');
    expect(admins.data.groups.map((group: Group) => [group.label, group.value, group.count])).toEqual([
      ['Compact tractors', 70000, 2],
      ['Snow blowers', 50000, 1],
      ['Zero-turn mowers', 30000, 1],
      ['No product', 15000, 2],
    ]);
    expect(admins.data).toMatchObject({ total: 5, amount: 115000 });
    expect(admins.answer).toContain('A deal naming several products counts in each of their groups.');
    const lostTo = await answer(t.admin, 'who do we lose to most?');
    expect(lostTo.data.groups.map((group: Group) => [group.label, group.count])).toEqual([['Deere', 1]]);
  });

  it('refuses a grouping the records do not have, naming the ones they have', async () => {
    for (const [question, start] of [
      ['leads by product', 'Leads have no product to group by'],
      ['accounts by competitor', 'Accounts have no competitor to group by'],
      ['pipeline by industry', 'Opportunities have no industry to group by'],
    ] as const) {
      const { status, body } = await ask(raj, question);
      expect(status, question).toBe(400);
      expect(body.detail, question).toMatch(new RegExp(`^${start}`));
      expect(body.detail, question).toMatch(/can be grouped by .+ or /);
    }
  });
});

describe('sales targets', () => {
  it('answers quota, attainment and pipeline coverage from the targets, as the attainment report does', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const set = async (as: TestUser, userId: string, amount: number) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/targets',
        as,
        payload: { userId, month, amount },
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await set(maria, raj.id, 100_000);
    await set(maria, sofia.id, 40_000);
    await set(t.admin, maria.id, 250_000);
    const report = async (as: TestUser, query = '') =>
      (
        await t.request({ method: 'GET', url: `/api/v1/reports/attainment?from=${month}&to=${month}${query}`, as })
      ).json();

    const mine = await answer(raj, 'what is my quota attainment this month');
    expect(mine.plan).toMatchObject({ kind: 'analysis', analysis: 'attainment', owner: 'me' });
    const rajs = (await report(raj)).totals;
    expect(mine.data).toMatchObject({ kind: 'analysis', entity: 'users', currency: 'USD', total: 1 });
    expect(mine.data.summary).toMatchObject({ target: 100_000, closedWon: rajs.closedWon, gap: rajs.gap });
    expect(mine.data.rows.map((row: { id: string }) => row.id)).toEqual([raj.id]);
    expect(mine.answer).toMatch(/^You won \$[\d,]+ of the \$100,000 target for this month/);

    // Everyone the asker sees the targets of: a manager's whole team, down the chain.
    const team = await answer(maria, 'are we on track to hit our target this month');
    const marias = await report(maria);
    expect(team.data.summary).toMatchObject({ target: marias.totals.target, closedWon: marias.totals.closedWon });
    expect(team.data.rows.map((row: { id: string }) => row.id).sort()).toEqual(
      marias.data.map((row: { userId: string }) => row.userId).sort(),
    );
    expect(marias.totals.target).toBe(390_000);
    const coverage = await answer(maria, 'pipeline coverage this month');
    const expected =
      marias.totals.gap > 0 ? Math.round((marias.totals.bestCase / marias.totals.gap) * 100) / 100 : null;
    expect(coverage.data.summary.coverage).toBe(expected);
    expect(coverage.answer).toMatch(/× the gap\)/);

    // A colleague outside one's own line has no target one may see.
    const elsewhere = await answer(kim, "Raj's quota this month");
    expect(elsewhere.data.total).toBe(0);
    expect(elsewhere.answer).toMatch(/^No sales targets you can see/);
  });
});

describe('notes quoted in an answer', () => {
  it('reads the Markdown of a note as plain text, with no markup', async () => {
    const body = await answer(maria, 'notes on Summit Landscaping');
    expect(body.data.total).toBe(1);
    // The record keeps its Markdown; the sentence quotes its words.
    expect(body.data.rows[0].body).toMatch(/^## Next steps\n\*\*Call\*\*/);
    expect(body.answer).toMatch(/^1 note matches: “Next steps Call Summit about pricing and fleet terms/);
    expect(body.answer).not.toMatch(/[*_`#<>[\]]|\]\(/);
  });
});

describe('a product no deal names', () => {
  it('answers an empty list that says no deal names it, and names the product when some do', async () => {
    for (const asker of [t.admin, maria, raj]) {
      for (const question of ['deals interested in leaf blowers', 'open deals that include leaf blowers']) {
        const body = await answer(asker, question);
        expect(body.data, `${asker.email}: ${question}`).toMatchObject({ kind: 'records', total: 0, rows: [] });
        expect(body.answer, question).toMatch(/^No opportunities name “leaf blower” among their products\./);
      }
      const pipeline = await answer(asker, 'total value of deals interested in leaf blowers');
      expect(pipeline.answer).toMatch(
        /^No opportunities name “leaf blower” among their products, so the total amount is \$0\./,
      );
    }
    // Snow blowers are named by o1 (open, Raj's) and o5 (won, Raj's): Tom, in the East, sees neither.
    for (const asker of [t.admin, maria, kim, raj, tom]) {
      const named = (await list<Deal>(asker, 'opportunities')).filter((deal) =>
        deal.productInterest.some((product) => product.toLowerCase().includes('snow blower')),
      );
      const body = await answer(asker, 'snow blower deals');
      expect(idsOf(body.data.rows), asker.email).toEqual(idsOf(named));
    }
    expect((await answer(t.admin, 'snow blower deals')).answer).toMatch(
      /^2 opportunities name “snow blower” among their products, worth \$90,000/,
    );
    expect((await answer(tom, 'snow blower deals')).answer).toMatch(/^No opportunities name “snow blower”/);
  });
});

describe('accounts not visited', () => {
  // Last in the file: it adds an account and activities the other answers would count.
  it('counts visits that took place, not calls or planned visits, while "no activity" counts every kind', async () => {
    const nina = await t.createUser({ name: 'Nina Ortiz', territoryIds: [ids.west ?? ''] });
    const quarry = await insertAccount(t, {
      name: 'Quarry Hill Supply',
      ownerId: nina.id,
      territoryId: ids.west ?? '',
    });
    const db = t.deps.database.db;
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    const logged = { id: v7(), ownerId: nina.id, accountId: quarry };
    // A call made yesterday, and a visit that was planned for three days ago and never made.
    await db.insert(activities).values([
      { ...logged, type: 'call', subject: 'Price check', status: 'completed', completedAt: daysAgo(1) },
      { ...logged, id: v7(), type: 'visit', subject: 'Yard tour', status: 'planned', scheduledAt: daysAgo(3) },
    ]);
    // Visited lately: Pine Ridge (2 days ago) and Summit (5); Lakeside's visit was 40 days ago, Harbor has none.
    const notVisited = await answer(t.admin, 'accounts not visited in 30 days');
    expect(idsOf(notVisited.data.rows)).toEqual([ids.lakeside, ids.harbor, quarry].sort());
    expect(notVisited.answer).toContain('days since the last visit over 30');
    const idle = await answer(t.admin, 'accounts with no activity in 30 days');
    expect(idsOf(idle.data.rows)).toEqual([ids.lakeside, ids.harbor].sort());
    // Each asker among the accounts they see: Nina sees the West (Pine Ridge, Summit and her own).
    expect(idsOf((await answer(nina, 'accounts we have not visited in a month')).data.rows)).toEqual([quarry]);
    const never = await answer(t.admin, 'accounts we have never visited');
    expect(idsOf(never.data.rows)).toEqual([ids.harbor, quarry].sort());
    expect(never.answer).toContain('never visited');
  });
});

describe('activities that were never done', () => {
  // Last in the file: it adds activities the other answers would count.
  it('do not touch a deal or an account: a call planned last week and never made, or one cancelled', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    const onHarbor = { ownerId: tom.id, accountId: ids.harbor ?? '', opportunityId: ids.o3 ?? '' };
    await t.deps.database.db.insert(activities).values([
      {
        ...onHarbor,
        id: v7(),
        type: 'call',
        subject: 'Planned, never made',
        status: 'planned',
        scheduledAt: daysAgo(6),
      },
      {
        ...onHarbor,
        id: v7(),
        type: 'meeting',
        subject: 'Called off',
        status: 'cancelled',
        scheduledAt: daysAgo(4),
      },
    ]);
    // o3 and Harbor are as idle as before: nobody has worked them.
    expect(idsOf((await answer(t.admin, 'deals at risk')).data.rows)).toEqual([ids.o2, ids.o3].sort());
    expect(idsOf((await answer(t.admin, 'stalled deals')).data.rows)).toContain(ids.o3);
    expect(idsOf((await answer(t.admin, 'deals with no activity in 30 days')).data.rows)).toContain(ids.o3);
    expect(idsOf((await answer(t.admin, 'accounts with no activity in 30 days')).data.rows)).toContain(ids.harbor);
  });
});
