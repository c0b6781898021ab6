import { and, eq } from 'drizzle-orm';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion, askQuestion } from '../../../../test/helpers/questions.js';
import { insertAccount } from '../../../../test/helpers/records.js';
import {
  groupingsOf,
  operatorsOf,
  type QueryFieldKind,
  queryEntities,
  queryFields,
} from '../../../shared/contracts/query.js';
import { accounts, activities, auditLog, contacts, leads, notes, opportunities, tasks } from '../../db/schema/index.js';
import { viewerForUser } from '../auth/auth.service.js';
import { validatePlan } from './plan-validation.js';
import { executePlan } from './query-execution.js';

/*
 * A small team whose answers are worked out by hand (figures written literally). Dates are relative to
 * today in UTC, and every question is asked in UTC.
 * - territories North (managed by Mia) and South; Ana Lopez (rep, North, reports to Mia), Ben Carter
 *   (rep, South), Ana Ruiz (rep, South): two Anas make "Ana" ambiguous for whoever sees both.
 * - accounts: Acme Corporation (North, Ana L), Acme Industries (South, Ben), Globex (North, Ana L),
 *   Initech (South, Ben).
 * Deals (open unless said)              stage         prob  amount   weighted  close        owner
 *   d1 Globex                           negotiation   75    100000   75000     today        Ana L
 *   d2 Globex                           proposal      50     40000   20000     today        Ana L
 *   d3 Initech                          proposal      50     60000   30000     today        Ben
 *   d4 Acme Industries                  prospecting   10     10000    1000     +40 days     Ben
 *   d5 Acme Corporation                 closed_won   100     25000            today-5      Ana L   (created 35 days ago)
 *   d6 Acme Corporation                 closed_lost    0     30000            today-10     Ana L   (created 70 days ago)
 * So "deals closing this month": Ana and Mia see d1, d2 ($140,000, weighted $95,000); Ben sees d3
 * ($60,000, weighted $30,000); the admin sees all three ($200,000, weighted $125,000).
 * Leads: l1 Ana L website 80, l2 Ana L trade_show 30, l3 Ben referral 75.
 * Activities: Ana L two completed visits and one call last week (Globex); Ben one visit last week (Initech).
 * Tasks (Ana L): t1 due yesterday (open: overdue), t2 due tomorrow (open), t3 completed.
 * Globex is in Wisconsin (WI); d1 is for snow blowers; Karen Anderson (Globex) has a phone; Ana L wrote one
 * note on Globex today.
 */

let t: TestApp;
let mia: TestUser;
let anaLopez: TestUser;
let ben: TestUser;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
/** Wednesday noon (UTC) of last week: always inside "last week", whatever today is. */
function lastWeekWednesday(): Date {
  const now = new Date();
  const weekday = now.getUTCDay() === 0 ? 7 : now.getUTCDay();
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (weekday - 1) * DAY;
  return new Date(monday - 5 * DAY + 12 * 3_600_000);
}

const ask = (as: TestUser, question: string) => askQuestion(t, as, question);
const answer = (as: TestUser, question: string) => answerQuestion(t, as, question);

beforeAll(async () => {
  t = await buildTestApp();
  mia = await t.createUser({ role: 'manager', name: 'Mia Manager' });
  const territory = async (name: string, managerId: string | null) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/territories',
      as: t.admin,
      payload: { name, managerId },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  ids.north = await territory('North', mia.id);
  ids.south = await territory('South', null);
  anaLopez = await t.createUser({ name: 'Ana Lopez', managerId: mia.id, territoryIds: [ids.north] });
  ben = await t.createUser({ name: 'Ben Carter', territoryIds: [ids.south] });
  await t.createUser({ name: 'Ana Ruiz', territoryIds: [ids.south] });

  const db = t.deps.database.db;
  const account = async (key: string, name: string, ownerId: string, territoryId: string) => {
    ids[key] = await insertAccount(t, { name, ownerId, territoryId });
  };
  await account('acmeCorp', 'Acme Corporation', anaLopez.id, ids.north);
  await account('acmeInd', 'Acme Industries', ben.id, ids.south);
  await account('globex', 'Globex', anaLopez.id, ids.north);
  await account('initech', 'Initech', ben.id, ids.south);

  const deal = async (key: string, values: Omit<typeof opportunities.$inferInsert, 'id' | 'name' | 'currency'>) => {
    ids[key] = v7();
    await db.insert(opportunities).values({ id: ids[key], name: `Deal ${key}`, currency: 'USD', ...values });
  };
  const today = isoDay(0);
  await deal('d1', {
    accountId: ids.globex ?? '',
    ownerId: anaLopez.id,
    stage: 'negotiation',
    probability: 75,
    amount: 100000,
    closeDate: today,
    productInterest: ['Snow blowers'],
  });
  await deal('d2', {
    accountId: ids.globex ?? '',
    ownerId: anaLopez.id,
    stage: 'proposal',
    probability: 50,
    amount: 40000,
    closeDate: today,
  });
  await deal('d3', {
    accountId: ids.initech ?? '',
    ownerId: ben.id,
    stage: 'proposal',
    probability: 50,
    amount: 60000,
    closeDate: today,
  });
  await deal('d4', {
    accountId: ids.acmeInd ?? '',
    ownerId: ben.id,
    stage: 'prospecting',
    probability: 10,
    amount: 10000,
    closeDate: isoDay(40),
  });
  await deal('d5', {
    accountId: ids.acmeCorp ?? '',
    ownerId: anaLopez.id,
    stage: 'closed_won',
    probability: 100,
    amount: 25000,
    closeDate: isoDay(-5),
    closedAt: new Date(Date.now() - 5 * DAY),
    createdAt: new Date(Date.now() - 35 * DAY),
  });
  await deal('d6', {
    accountId: ids.acmeCorp ?? '',
    ownerId: anaLopez.id,
    stage: 'closed_lost',
    probability: 0,
    amount: 30000,
    closeDate: isoDay(-10),
    closedAt: new Date(Date.now() - 10 * DAY),
    createdAt: new Date(Date.now() - 70 * DAY),
    lossReason: 'Price',
  });

  const lead = async (
    key: string,
    values: Omit<typeof leads.$inferInsert, 'id' | 'firstName' | 'lastName' | 'stage' | 'status'>,
  ) => {
    ids[key] = v7();
    await db
      .insert(leads)
      .values({ id: ids[key], firstName: 'Lead', lastName: key, stage: 'inquiry', status: 'open', ...values });
  };
  await lead('l1', { ownerId: anaLopez.id, territoryId: ids.north, source: 'website', score: 80 });
  await lead('l2', { ownerId: anaLopez.id, territoryId: ids.north, source: 'trade_show', score: 30 });
  await lead('l3', { ownerId: ben.id, territoryId: ids.south, source: 'referral', score: 75 });

  const lastWeek = lastWeekWednesday();
  const activity = async (type: string, ownerId: string, accountId: string) => {
    await db.insert(activities).values({
      id: v7(),
      type,
      subject: `${type} ${accountId.slice(-4)}`,
      status: 'completed',
      scheduledAt: lastWeek,
      completedAt: lastWeek,
      ownerId,
      accountId,
    });
  };
  await activity('visit', anaLopez.id, ids.globex ?? '');
  await activity('visit', anaLopez.id, ids.globex ?? '');
  await activity('call', anaLopez.id, ids.globex ?? '');
  await activity('visit', ben.id, ids.initech ?? '');

  const task = async (title: string, dueInDays: number, status: string) => {
    await db.insert(tasks).values({
      id: v7(),
      title,
      type: 'follow_up',
      priority: 'medium',
      status,
      dueAt: new Date(Date.now() + dueInDays * DAY),
      assigneeId: anaLopez.id,
      createdById: anaLopez.id,
      accountId: ids.globex,
      ...(status === 'completed' ? { completedAt: new Date() } : {}),
    });
  };
  await db
    .update(accounts)
    .set({ state: 'WI' })
    .where(eq(accounts.id, ids.globex ?? ''));
  await db.insert(contacts).values({
    id: v7(),
    accountId: ids.globex ?? '',
    firstName: 'Karen',
    lastName: 'Anderson',
    title: 'CEO',
    role: 'decision_maker',
    email: 'karen@globex.example',
    phone: '+15550100',
    ownerId: anaLopez.id,
  });
  await db.insert(notes).values({
    id: v7(),
    body: 'Wants a second demo',
    authorId: anaLopez.id,
    accountId: ids.globex,
  });
  await task('Send the contract', -1, 'open');
  await task('Call back Globex', 1, 'open');
  await task('Book the demo', -3, 'completed');
});

afterAll(async () => {
  await t?.close();
});

describe('POST /api/v1/query', () => {
  it('answers deals closing this month with figures, names and what it understood', async () => {
    const body = await answer(anaLopez, 'Which deals close this month?');
    expect(body.engine).toBe('rules');
    expect(body.answer).toMatch(/^2 opportunities close this month, worth \$140,000 \(weighted \$95,000\): /);
    expect(body.answer).toContain('Deal d1');
    expect(body.answer).toContain('I understood: list opportunities where status open');
    expect(body.data.kind).toBe('records');
    expect(body.data.rows.map((row: { id: string }) => row.id).sort()).toEqual([ids.d1, ids.d2].sort());
    expect(body.plan).toMatchObject({ kind: 'records', entity: 'opportunities' });
  });

  it('lists deals of a period of when they closed latest first, not by close date', async () => {
    const body = await answer(anaLopez, 'deals closed in the last 30 days');
    expect(body.plan.timeRange).toMatchObject({ field: 'closedAt' });
    // d5 closed 5 days ago and d6 10 days ago; by close date d6 would come first.
    expect(body.data.rows.map((row: { id: string }) => row.id)).toEqual([ids.d5, ids.d6]);
  });

  it('never counts another territory’s deals: each role gets its own figure', async () => {
    const question = 'how many opportunities are closing this month?';
    expect((await answer(anaLopez, question)).data).toMatchObject({ total: 2, amount: 140000, weightedAmount: 95000 });
    expect((await answer(ben, question)).data).toMatchObject({ total: 1, amount: 60000, weightedAmount: 30000 });
    expect((await answer(mia, question)).data).toMatchObject({ total: 2, amount: 140000 });
    expect((await answer(t.admin, question)).data).toMatchObject({ total: 3, amount: 200000, weightedAmount: 125000 });
    const pipeline = await answer(ben, 'total pipeline by stage');
    expect(pipeline.data).toMatchObject({ kind: 'analysis', total: 2, amount: 70000, weightedAmount: 31000 });
  });

  it('sums and averages with the asker’s visibility', async () => {
    const total = await answer(t.admin, 'What is the total value of open deals?');
    expect(total.data.value).toBe(210000);
    expect(total.answer).toMatch(/^The total amount is \$210,000 across 4 opportunities\./);
    const average = await answer(ben, 'average amount of deals');
    expect(average.data.value).toBe(35000);
    // The average deal size is of deals won (as on the dashboard): Ana's d5 alone, not her open d1 and d2.
    const dealSize = await answer(anaLopez, 'average deal size');
    expect(dealSize.data).toMatchObject({ total: 1, value: 25000 });
  });

  it('ranks why deals are lost, and reads the lead funnel', async () => {
    const reasons = await answer(t.admin, 'why do we lose deals?');
    expect(reasons.data.kind).toBe('groups');
    expect(reasons.data.groups).toEqual([expect.objectContaining({ key: 'Price', label: 'Price', count: 1 })]);
    expect(reasons.answer).toContain('I understood: count opportunities by loss reason where status lost');
    // Who to: the competitors the lost deals name; d6 names none.
    const competitors = await answer(t.admin, 'who do we lose to most?');
    expect(competitors.data.groups).toEqual([expect.objectContaining({ key: null, label: 'No competitor', count: 1 })]);
    const funnel = await answer(t.admin, 'show me the lead funnel');
    expect(funnel.data.groups.reduce((sum: number, group: { count: number }) => sum + group.count, 0)).toBe(
      funnel.data.total,
    );
    expect(funnel.plan).toMatchObject({ entity: 'leads', aggregation: { groupBy: 'stage' } });
  });

  it('counts activities by person and period', async () => {
    const body = await answer(t.admin, 'How many visits did Ana Lopez make last week?');
    expect(body.data).toMatchObject({ kind: 'aggregate', total: 2, value: 2 });
    const mine = await answer(ben, 'how many visits did I make last week');
    expect(mine.data.total).toBe(1);
  });

  it('lists overdue and pending tasks of the asker', async () => {
    const overdue = await answer(anaLopez, 'my overdue tasks');
    expect(overdue.data.total).toBe(1);
    expect(overdue.answer).toContain('Send the contract');
    const pending = await answer(anaLopez, 'what are my open tasks?');
    expect(pending.data.total).toBe(2);
    expect((await answer(ben, 'my overdue tasks')).data.total).toBe(0);
  });

  it('reads lead scores, sources and groupings', async () => {
    expect((await answer(anaLopez, 'hot leads')).data.total).toBe(1);
    expect((await answer(t.admin, 'leads with a score above 70')).data.total).toBe(2);
    const bySource = await answer(t.admin, 'count leads by source');
    expect(bySource.data.kind).toBe('groups');
    expect(bySource.data.groups).toHaveLength(3);
    expect((await answer(t.admin, 'leads from trade shows')).data.total).toBe(1);
  });

  it('answers an ambiguous name with the candidates, and resolves it when only one is visible', async () => {
    const accountsForAdmin = await answer(t.admin, 'deals for Acme');
    expect(accountsForAdmin.data.kind).toBe('candidates');
    expect(accountsForAdmin.data.rows.map((row: { name: string }) => row.name).sort()).toEqual([
      'Acme Corporation',
      'Acme Industries',
    ]);
    expect(accountsForAdmin.answer).toContain('could be more than one account');
    // Ana sees only Acme Corporation: no ambiguity, and no hint that the other exists.
    const forAna = await answer(anaLopez, 'deals for Acme');
    expect(forAna.data.kind).toBe('records');
    expect(forAna.data.rows.map((row: { id: string }) => row.id).sort()).toEqual([ids.d5, ids.d6].sort());
    // A name that shares only its common words with a visible account is no match for it.
    const unknown = await answer(anaLopez, 'summary of Acme Widgets Corporation');
    expect(unknown.data).toMatchObject({ kind: 'candidates', entity: 'accounts', total: 0 });
    const typo = await answer(t.admin, 'summary of Acme Corporaton');
    expect(typo.data.kind).toBe('analysis');
    expect(typo.answer).toMatch(/^Acme Corporation:/);
    // A possessive typed without its apostrophe still names Ben; a long form of his short name is a guess,
    // asked rather than answered (nobody is called Benjamin).
    const bens = await answer(t.admin, 'bens deals');
    expect(bens.data.rows.map((row: { id: string }) => row.id).sort()).toEqual([ids.d3, ids.d4].sort());
    const benjamin = await answer(t.admin, 'deals owned by benjamin');
    expect(benjamin.data).toMatchObject({
      kind: 'candidates',
      entity: 'users',
      rows: [{ name: expect.stringMatching(/^Ben /) }],
    });
    expect(benjamin.answer).toMatch(/^I don't know anyone called "benjamin"\. Did you mean Ben /);
    const people = await answer(t.admin, "Ana's deals");
    expect(people.data).toMatchObject({ kind: 'candidates', entity: 'users' });
    expect(people.data.rows).toHaveLength(2);
  });

  it('reads notes, products, places of contacts and a person looked up, each with the asker’s visibility', async () => {
    const notesThisWeek = await answer(anaLopez, 'notes written this week');
    expect([notesThisWeek.data.entity, notesThisWeek.data.total]).toEqual(['notes', 1]);
    expect((await answer(ben, 'notes written this week')).data.total).toBe(0);
    expect((await answer(anaLopez, 'snow blower deals')).data.rows.map((row: { id: string }) => row.id)).toEqual([
      ids.d1,
    ]);
    expect((await answer(ben, 'snow blower deals')).data.total).toBe(0);
    expect((await answer(t.admin, 'contacts in Wisconsin')).data.total).toBe(1);
    const phone = await answer(anaLopez, "what's the phone number of Karen Anderson");
    expect(phone.answer).toContain('+15550100');
    expect((await answer(ben, 'who is Karen Anderson')).data.total).toBe(0);
  });

  it('lists deals by stage in pipeline order, closed ones last', async () => {
    const byStage = await answer(t.admin, 'deals by stage');
    expect(byStage.data.groups.map((group: { key: string }) => group.key)).toEqual([
      'prospecting',
      'proposal',
      'negotiation',
      'closed_won',
      'closed_lost',
    ]);
    // Labelled as the reports label them.
    expect(byStage.data.groups.map((group: { label: string }) => group.label)).toEqual([
      'Prospecting',
      'Proposal',
      'Negotiation',
      'Closed won',
      'Closed lost',
    ]);
    expect(byStage.answer).toContain('Closed won');
    const bySource = await answer(t.admin, 'count leads by source');
    for (const group of bySource.data.groups as { key: string; label: string }[]) {
      expect(group.label).toBe(
        {
          website: 'Website',
          trade_show: 'Trade show',
          referral: 'Referral',
          cold_call: 'Cold call',
          social_media: 'Social media',
        }[group.key],
      );
    }
  });

  it('adds up nothing to 0, and still compares it with the other period', async () => {
    // A rep without territory or records sees no deal at all.
    const newcomer = await t.createUser({ name: 'Nell Newcomer' });
    const compared = await answer(newcomer, 'pipeline this quarter vs next quarter');
    expect(compared.data).toMatchObject({ total: 0, value: 0, comparison: { total: 0, value: 0 } });
    expect(compared.answer).toMatch(/is \$0\..*Compared with next quarter: \$0/);
    expect((await answer(newcomer, 'average deal size')).data.value).toBeNull();
  });

  it('summarises an account and the pipeline', async () => {
    const summary = await answer(t.admin, 'summary of the Globex account');
    expect(summary.data.kind).toBe('analysis');
    expect(summary.data.rows[0].id).toBe(ids.globex);
    expect(summary.answer).toMatch(/^Globex: 2 open, 0 won and 0 lost opportunities/);
    // A territory by its bare name: South holds Initech and Acme Industries (d3 and d4).
    for (const question of [
      'pipeline in the South',
      'South deals closing this quarter or later',
      'open deals for south',
    ]) {
      const south = await answer(t.admin, question);
      expect(south.understood, question).toContain('South');
    }
    const southPipeline = await answer(t.admin, 'pipeline in the South');
    expect(southPipeline.data).toMatchObject({ total: 2, amount: 70000 });
    const byMonth = await answer(t.admin, 'pipeline by month');
    const months = byMonth.data.groups.map((group: { key: string }) => group.key);
    expect(months.length).toBe(2);
    expect(months).toEqual([...months].sort());
    const pipeline = await answer(t.admin, 'show me the pipeline by owner');
    expect(pipeline.data.groups.map((group: { label: string }) => group.label).sort()).toEqual([
      'Ana Lopez',
      'Ben Carter',
    ]);
  });

  it('refuses what it cannot understand with examples, and audits every question', async () => {
    const { status, body } = await ask(anaLopez, 'what is the meaning of life');
    expect(status).toBe(400);
    expect(body.detail).toContain('I can answer questions like');
    expect(body.examples.length).toBeGreaterThan(3);
    // Every example can be asked as it stands.
    for (const example of body.examples as string[]) {
      expect((await ask(anaLopez, example)).status, example).toBe(200);
    }
    const rows = await t.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'queries'), eq(auditLog.actorId, anaLopez.id)));
    const questions = rows.map((row) => (row.after as { question: string }).question);
    expect(questions).toContain('what is the meaning of life');
    expect(questions).toContain('Which deals close this month?');
    const understood = rows.find((row) => (row.after as { question: string }).question === 'hot leads');
    expect(understood?.after).toMatchObject({ engine: 'rules', plan: { entity: 'leads' } });
  });

  it('refuses a question with a condition it cannot read rather than answer a wider one', async () => {
    for (const [question, word] of [
      ['accounts with a pool table', 'pool'],
      ['deals in atlantis', 'atlantis'],
      // A period no pass can place is named, not dropped: it would answer for every date.
      ['deals closing in 9999', '9999'],
      ['tasks due on 2026-13-01', '2026-13-01'],
      ['open deals closing on 2026-02-30', '2026-02-30'],
      ['leads created on 0000-01-01', '0000-01-01'],
    ] as const) {
      const { status, body } = await ask(anaLopez, question);
      expect(status, question).toBe(400);
      expect(body.detail, question).toContain(`“${word}”`);
      expect(body.unread, question).toContain(word);
      expect(body.examples.length).toBeGreaterThan(3);
    }
  });

  it('refuses a request to change something, even one it could read as a list, and changes nothing', async () => {
    const before = (
      await t.request({ method: 'GET', url: '/api/v1/opportunities?includeTotal=true&limit=1', as: t.admin })
    ).json().total;
    for (const [question, verb] of [
      ['delete all deals', 'delete'],
      ['send an email to globex', 'send'],
      ['please update the close date on the acme deal', 'update'],
    ] as const) {
      const { status, body } = await ask(t.admin, question);
      expect(status, question).toBe(400);
      expect(body.detail).toContain(`cannot ${verb} anything`);
    }
    const after = (
      await t.request({ method: 'GET', url: '/api/v1/opportunities?includeTotal=true&limit=1', as: t.admin })
    ).json().total;
    expect(after).toBe(before);
    // Reading words that look like verbs are questions.
    expect((await ask(t.admin, 'close rate this quarter')).status).toBe(200);
  });

  it('answers a period compared with another, both over what the asker may see', async () => {
    const body = await answer(t.admin, 'deals created this month vs last month');
    const month = (offset: number) => {
      const now = new Date();
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0));
      return `createdAtFrom=${first.toISOString().slice(0, 10)}&createdAtTo=${last.toISOString().slice(0, 10)}`;
    };
    const total = async (query: string) =>
      (
        await t.request({ method: 'GET', url: `/api/v1/opportunities?${query}&includeTotal=true&limit=1`, as: t.admin })
      ).json().total;
    expect(body.plan.compareTo).toMatchObject({ field: 'createdAt' });
    expect(body.data.total).toBe(await total(month(0)));
    expect(body.data.comparison.total).toBe(await total(month(-1)));
    expect(body.answer).toContain('Compared with last month');
    expect(body.understood).toContain('compared with');
  });

  it('finds accounts by their deals, counting only deals the asker may see', async () => {
    const list = async (url: string, as: TestUser) =>
      (await t.request({ method: 'GET', url: `/api/v1/${url}`, as })).json().data as {
        id: string;
        accountId: string;
      }[];
    for (const asker of [t.admin, ben]) {
      const withDeals = new Set((await list('opportunities?limit=200', asker)).map((deal) => deal.accountId));
      const accounts = await list('accounts?limit=200', asker);
      const none = await answer(asker, 'accounts with no deals');
      expect(none.data.rows.map((row: { id: string }) => row.id).sort()).toEqual(
        accounts
          .filter((account) => !withDeals.has(account.id))
          .map((account) => account.id)
          .sort(),
      );
      const open = new Set(
        (await list('opportunities?stage=prospecting,qualification,proposal,negotiation&limit=200', asker)).map(
          (deal) => deal.accountId,
        ),
      );
      expect((await answer(asker, 'how many accounts have open deals')).data.total).toBe(
        accounts.filter((account) => open.has(account.id)).length,
      );
    }
  });

  it('says who owns an account', async () => {
    const owner = await answer(t.admin, 'who owns Globex?');
    expect(owner.data.rows.map((row: { name: string }) => row.name)).toEqual(['Globex']);
    expect(owner.answer).toContain('Ana Lopez');
  });

  it('finds the accounts under another', async () => {
    const branch = await t.request({
      method: 'POST',
      url: '/api/v1/accounts',
      as: t.admin,
      payload: { name: 'Globex Branch Office', type: 'dealer', parentId: ids.globex },
    });
    expect(branch.statusCode, branch.body).toBe(201);
    const children = await answer(t.admin, 'child accounts of Globex');
    expect(children.data.rows.map((row: { name: string }) => row.name)).toEqual(['Globex Branch Office']);
    expect(children.understood).toContain('parent account is Globex');
    expect((await answer(t.admin, 'how many dealers under Initech')).data.total).toBe(0);
    await t.request({ method: 'DELETE', url: `/api/v1/accounts/${branch.json().id}`, as: t.admin });
  });

  it('finds accounts without recent activity', async () => {
    const idle = await answer(t.admin, 'Which accounts have had no activity in the last 30 days?');
    expect(idle.data.rows.map((row: { name: string }) => row.name).sort()).toEqual([
      'Acme Corporation',
      'Acme Industries',
    ]);
    expect((await answer(t.admin, 'accounts without activity in 3 days')).data.total).toBe(4);
    // A visit planned for next week is not a touch: the account stays idle until it happens.
    const planned = await t.request({
      method: 'POST',
      url: '/api/v1/activities',
      as: t.admin,
      payload: {
        type: 'visit',
        subject: 'Planned visit',
        scheduledAt: new Date(Date.now() + 7 * DAY).toISOString(),
        accountId: ids.acmeCorp,
      },
    });
    expect(planned.statusCode).toBe(201);
    const stillIdle = await answer(t.admin, 'Which accounts have had no activity in the last 30 days?');
    expect(stillIdle.data.rows.map((row: { name: string }) => row.name)).toContain('Acme Corporation');
    await t.request({ method: 'DELETE', url: `/api/v1/activities/${planned.json().id}`, as: t.admin });
    expect((await answer(ben, 'dormant accounts')).data.rows.map((row: { name: string }) => row.name)).toEqual([
      'Acme Industries',
    ]);
  });

  it('executes every field, operator and grouping of the allow-list', async () => {
    const viewer = await viewerForUser(t.deps, anaLopez.id);
    const context = { timeZone: 'Europe/Madrid', currency: 'USD', now: new Date() };
    const sample: Record<QueryFieldKind, (string | number | boolean)[]> = {
      text: ['North'],
      enum: [],
      number: [1, 50],
      money: [1, 50],
      date: ['2026-01-01', '2026-12-31'],
      instant: ['2026-01-01', '2026-12-31'],
      person: ['me'],
      account: ['Globex'],
      boolean: [true],
    };
    const people = [{ id: anaLopez.id, name: 'Ana Lopez' }];
    for (const entity of queryEntities) {
      for (const [field, spec] of Object.entries(queryFields[entity])) {
        for (const op of operatorsOf[spec.kind]) {
          const values = spec.kind === 'enum' ? [...(spec.values ?? [])].slice(0, 2) : sample[spec.kind];
          const value =
            op === 'isNull' || op === 'isNotNull'
              ? undefined
              : op === 'in' || op === 'between'
                ? [values[0], values[1] ?? values[0]]
                : values[0];
          const plan = {
            kind: 'records',
            entity,
            filters: [{ field, op, ...(value === undefined ? {} : { value }) }],
            limit: 5,
          };
          const checked = validatePlan(plan);
          expect(checked.ok, `${entity}.${field} ${op}: ${JSON.stringify(checked)}`).toBe(true);
          if (!checked.ok) continue;
          await expect(
            executePlan(t.deps, viewer, checked.plan, context, people),
            `${entity}.${field} ${op}`,
          ).resolves.toBeDefined();
        }
      }
      for (const groupBy of groupingsOf[entity]) {
        const checked = validatePlan({ kind: 'records', entity, filters: [], aggregation: { fn: 'count', groupBy } });
        expect(checked.ok).toBe(true);
        if (!checked.ok) continue;
        await expect(
          executePlan(t.deps, viewer, checked.plan, context, people),
          `${entity} by ${groupBy}`,
        ).resolves.toBeDefined();
      }
    }
  });

  it('answers rates, sales cycles and who created tasks, over what the asker may see', async () => {
    // Closed deals: d5 won (a 30-day cycle) and d6 lost (60 days), both Ana's in the North.
    const winRate = await answer(t.admin, 'what is our win rate');
    expect(winRate.plan.aggregation).toMatchObject({ fn: 'rate', of: [{ field: 'status', value: 'won' }] });
    expect(winRate.data).toMatchObject({ kind: 'aggregate', total: 2, value: 0.5 });
    expect(winRate.answer).toMatch(/^Win rate: 50% \(1 of 2 opportunities\)/);
    expect((await answer(mia, 'win rate')).data).toMatchObject({ total: 2, value: 0.5 });
    const bens = await answer(ben, 'what is our win rate');
    expect(bens.data).toMatchObject({ total: 0, value: null });
    expect(bens.answer).toMatch(/^Win rate: no opportunities to measure/);

    const byOwner = await answer(t.admin, 'loss rate by owner');
    expect(byOwner.data.groups).toEqual([expect.objectContaining({ label: 'Ana Lopez', count: 2, value: 0.5 })]);

    const cycle = await answer(t.admin, "what's the average sales cycle");
    expect(cycle.data).toMatchObject({ total: 1, value: 30 });
    expect(cycle.answer).toMatch(/30 days across 1 opportunity/);
    expect((await answer(t.admin, 'sales cycle of lost deals')).data).toMatchObject({ total: 1, value: 60 });

    // Leads: none converted yet; l3 is the South's.
    expect((await answer(t.admin, 'lead conversion rate')).data).toMatchObject({ total: 3, value: 0 });
    expect((await answer(ben, 'what share of leads come from referrals')).data).toMatchObject({ total: 1, value: 1 });

    // Ana's pending tasks: t1 overdue, t2 not; she created all three.
    const overdue = await answer(anaLopez, 'what proportion of my tasks are overdue');
    expect(overdue.data).toMatchObject({ total: 2, value: 0.5 });
    expect(overdue.answer).toMatch(/^Overdue share: 50% \(1 of 2 tasks\)/);
    expect((await answer(t.admin, 'tasks created by Ana Lopez')).data.total).toBe(3);
    expect((await answer(anaLopez, 'how many tasks did I create')).data).toMatchObject({ kind: 'aggregate', total: 3 });
    expect((await answer(ben, 'tasks created by Ana Lopez')).data.total).toBe(0);
  });

  it('answers deal figures from the rollups exactly as from the deals, for every role', async () => {
    const context = { timeZone: 'UTC', currency: 'USD', now: new Date() };
    const people = [
      { id: anaLopez.id, name: 'Ana Lopez' },
      { id: ben.id, name: 'Ben Carter' },
    ];
    const today = new Date();
    const month = (offset: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
    const lastDayOf = (offset: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset + 1, 0)).toISOString().slice(0, 10);
    const plans = [
      { filters: [], aggregation: { fn: 'count' } },
      { filters: [], aggregation: { fn: 'avg', field: 'amount' } },
      {
        filters: [{ field: 'status', op: 'eq', value: 'open' }],
        aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
      },
      {
        filters: [{ field: 'stage', op: 'in', value: ['proposal', 'negotiation'] }],
        aggregation: { fn: 'count', groupBy: 'stage' },
      },
      { filters: [{ field: 'status', op: 'neq', value: 'lost' }], aggregation: { fn: 'count', groupBy: 'status' } },
      {
        filters: [{ field: 'territory', op: 'eq', value: 'North' }],
        aggregation: { fn: 'sum', field: 'amount', groupBy: 'month' },
      },
      { filters: [{ field: 'owner', op: 'eq', value: ben.id }], aggregation: { fn: 'count', groupBy: 'territory' } },
      { filters: [], timeRange: { from: month(0), to: lastDayOf(1) }, aggregation: { fn: 'sum', field: 'amount' } },
      { filters: [{ field: 'closeDate', op: 'between', value: [month(-1), lastDayOf(0)] }] },
      // When deals closed, in whole UTC months: the rollups' closed month.
      {
        filters: [{ field: 'status', op: 'eq', value: 'won' }],
        timeRange: { field: 'closedAt', from: month(-1), to: lastDayOf(0) },
        aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
      },
      { filters: [], timeRange: { field: 'closedAt', from: month(-1), to: lastDayOf(0) } },
    ];
    for (const user of [t.admin, mia, anaLopez, ben]) {
      const viewer = await viewerForUser(t.deps, user.id);
      for (const shape of plans) {
        const checked = validatePlan({ kind: 'records', entity: 'opportunities', limit: 10, ...shape });
        // The same plan with a condition the rollups cannot answer (every amount is at least 0) is
        // counted over the deals themselves.
        const overDeals = validatePlan({
          kind: 'records',
          entity: 'opportunities',
          limit: 10,
          ...shape,
          filters: [...shape.filters, { field: 'amount', op: 'gte', value: 0 }],
        });
        if (!checked.ok || !overDeals.ok) throw new Error(`invalid plan ${JSON.stringify(shape)}`);
        const fromRollups = await executePlan(t.deps, viewer, checked.plan, context, people);
        const fromDeals = await executePlan(t.deps, viewer, overDeals.plan, context, people);
        const figures = (execution: typeof fromRollups) => (execution.kind === 'answer' ? execution.data : execution);
        expect(figures(fromRollups), `${user.email}: ${JSON.stringify(shape)}`).toEqual(figures(fromDeals));
      }
    }
  });

  it('answers lead counts from the rollups exactly as from the leads, for every role', async () => {
    const context = { timeZone: 'UTC', currency: 'USD', now: new Date() };
    const plans = [
      { filters: [], aggregation: { fn: 'count' } },
      { filters: [], aggregation: { fn: 'count', groupBy: 'source' } },
      { filters: [{ field: 'status', op: 'eq', value: 'open' }], aggregation: { fn: 'count', groupBy: 'stage' } },
      { filters: [{ field: 'source', op: 'neq', value: 'website' }], aggregation: { fn: 'count', groupBy: 'status' } },
      { filters: [{ field: 'stage', op: 'in', value: ['inquiry', 'qualified'] }], aggregation: { fn: 'count' } },
    ];
    for (const user of [t.admin, mia, anaLopez, ben]) {
      const viewer = await viewerForUser(t.deps, user.id);
      for (const shape of plans) {
        const checked = validatePlan({ kind: 'records', entity: 'leads', limit: 10, ...shape });
        // Every score is at least 0: the same plan, counted over the leads themselves.
        const overLeads = validatePlan({
          kind: 'records',
          entity: 'leads',
          limit: 10,
          ...shape,
          filters: [...shape.filters, { field: 'score', op: 'gte', value: 0 }],
        });
        if (!checked.ok || !overLeads.ok) throw new Error(`invalid plan ${JSON.stringify(shape)}`);
        const fromRollups = await executePlan(t.deps, viewer, checked.plan, context, []);
        const fromLeads = await executePlan(t.deps, viewer, overLeads.plan, context, []);
        const figures = (execution: typeof fromRollups) => (execution.kind === 'answer' ? execution.data : execution);
        expect(figures(fromRollups), `${user.email}: ${JSON.stringify(shape)}`).toEqual(figures(fromLeads));
      }
    }
  });

  it('excludes a person named after "not" or "except", and narrows by the kind of account', async () => {
    // Ben owns d3 and d4, the South's; Ana owns d1 and d2 (open) and d5, d6 (closed).
    expect((await answer(ben, 'open deals not owned by me')).data.total).toBe(0);
    expect((await answer(t.admin, 'open deals that are not owned by Ben Carter')).data.total).toBe(2);
    expect((await answer(t.admin, 'open deals except Ben Carter’s')).data.total).toBe(2);
    // Every account is a customer until Initech becomes a dealer: then d3 (open) is a dealer's deal.
    const db = t.deps.database.db;
    expect((await answer(t.admin, 'open deals with dealers')).data.total).toBe(0);
    await db
      .update(accounts)
      .set({ type: 'dealer' })
      .where(eq(accounts.id, ids.initech ?? ''));
    try {
      const dealers = await answer(t.admin, 'open deals with dealers');
      expect(dealers.data.total).toBe(1);
      expect(dealers.answer).toMatch(/account type is dealer/);
      expect((await answer(anaLopez, 'open deals with dealers')).data.total).toBe(0);
      // d1, d2, d4 are not a dealer's; one open deal in four is.
      expect((await answer(t.admin, 'open deals that are not with dealers')).data.total).toBe(3);
      expect((await answer(t.admin, 'what share of open deals are with dealers')).data).toMatchObject({
        total: 4,
        value: 0.25,
      });
      expect((await answer(t.admin, 'dealer pipeline')).data).toMatchObject({ total: 1, value: 60000 });
    } finally {
      await db
        .update(accounts)
        .set({ type: 'customer' })
        .where(eq(accounts.id, ids.initech ?? ''));
    }
    // A lead disqualified today counts in this month's disqualifications, whenever it came in.
    const db2 = t.deps.database.db;
    await db2
      .update(leads)
      .set({ status: 'disqualified', disqualifiedAt: new Date(), createdAt: new Date(Date.now() - 400 * DAY) })
      .where(eq(leads.id, ids.l2 ?? ''));
    try {
      expect((await answer(t.admin, 'how many leads did we disqualify this month')).data.total).toBe(1);
    } finally {
      await db2
        .update(leads)
        .set({ status: 'open', disqualifiedAt: null, createdAt: new Date() })
        .where(eq(leads.id, ids.l2 ?? ''));
    }
    // No lead has a confirmed budget: "not confirmed" is every lead one sees, never none of them.
    expect((await answer(t.admin, 'leads where we have not confirmed budget')).data.total).toBe(3);
    expect((await answer(ben, 'leads where we have not confirmed budget')).data.total).toBe(1);
  });

  it("answers an account's pipeline and ranks accounts by theirs", async () => {
    // Globex: d1 and d2, open, $140,000; Initech d3 $60,000; Acme Industries d4 $10,000.
    const globex = await answer(t.admin, 'how much is the Globex pipeline');
    expect(globex.data).toMatchObject({ kind: 'aggregate', total: 2, value: 140000 });
    expect((await answer(ben, 'how much is the Initech pipeline')).data).toMatchObject({ total: 1, value: 60000 });
    const ranked = await answer(t.admin, 'which account has the biggest pipeline');
    expect(ranked.data.groups.map((group: { label: string; value: number }) => [group.label, group.value])).toEqual([
      ['Globex', 140000],
      ['Initech', 60000],
      ['Acme Industries', 10000],
    ]);
    // Ana sees the North only.
    const hers = await answer(anaLopez, 'which account has the biggest pipeline');
    expect(hers.data.groups.map((group: { label: string }) => group.label)).toEqual(['Globex']);
  });

  it('groups accounts and the pipeline by state', async () => {
    const db = t.deps.database.db;
    await db
      .update(accounts)
      .set({ state: 'TX', city: 'Austin' })
      .where(eq(accounts.id, ids.initech ?? ''));
    await db
      .update(accounts)
      .set({ state: 'WI', city: 'Madison' })
      .where(eq(accounts.id, ids.globex ?? ''));
    try {
      const byState = await answer(t.admin, 'accounts by state');
      const counts = Object.fromEntries(
        byState.data.groups.map((group: { label: string; count: number }) => [group.label, group.count]),
      );
      expect(counts).toEqual({ TX: 1, WI: 1, 'No state': 2 });
      // The open deals: Globex d1, d2 ($140,000) in WI, Initech d3 ($60,000) in TX, d4 without a state.
      const pipeline = await answer(t.admin, 'open pipeline by state');
      expect(pipeline.data.groups.map((group: { label: string; value: number }) => [group.label, group.value])).toEqual(
        [
          ['WI', 140000],
          ['TX', 60000],
          ['No state', 10000],
        ],
      );
      const bens = await answer(ben, 'open pipeline by state');
      expect(bens.data.groups.map((group: { label: string }) => group.label).sort()).toEqual(['No state', 'TX']);
    } finally {
      await db
        .update(accounts)
        .set({ state: null, city: null })
        .where(eq(accounts.id, ids.initech ?? ''));
      await db
        .update(accounts)
        .set({ state: null, city: null })
        .where(eq(accounts.id, ids.globex ?? ''));
    }
  });

  it("places tasks, activities and contacts in their account's territory", async () => {
    // Ana's tasks are Globex's (North): t1 overdue. The visits: two of Ana's at Globex, Ben's at Initech.
    expect((await answer(t.admin, 'overdue tasks in the North territory')).data.total).toBe(1);
    expect((await answer(t.admin, 'overdue tasks in the South territory')).data.total).toBe(0);
    expect((await answer(t.admin, 'visits in the North territory last week')).data.total).toBe(2);
    expect((await answer(ben, 'visits in the North territory last week')).data.total).toBe(0);
    const byTerritory = await answer(t.admin, 'how many visits per territory last week');
    expect(
      Object.fromEntries(
        byTerritory.data.groups.map((group: { label: string; count: number }) => [group.label, group.count]),
      ),
    ).toEqual({ North: 2, South: 1 });
  });

  it('says how many deals in other currencies its money leaves out (last: it adds a deal)', async () => {
    const before = await answer(t.admin, 'open deals');
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: t.admin,
      payload: { name: 'Euro deal', accountId: ids.globex, amount: 5000, currency: 'EUR', closeDate: '2031-01-31' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await answer(t.admin, 'open deals');
    expect(after.data.total).toBe(before.data.total + 1);
    expect(after.data.amount).toBe(before.data.amount);
    expect(after.data.otherCurrencies).toBe((before.data.otherCurrencies ?? 0) + 1);
    expect(after.answer).toMatch(/in USD, not counting \d+ deals? in other currencies/);
    const pipeline = await answer(t.admin, 'pipeline by stage');
    expect(pipeline.answer).toContain('in other currencies');
  });

  it('never names an account the asker may not see, that a deal of theirs is on (last: it adds a deal)', async () => {
    // Ana owns the deal, so she sees it; Initech is Ben's, in South, so she does not see the account.
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: t.admin,
      payload: {
        name: 'Cross-team deal',
        accountId: ids.initech,
        ownerId: anaLopez.id,
        amount: 7000,
        closeDate: '2032-06-30',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const listed = await answer(anaLopez, 'deals closing in 2032');
    expect(listed.data.rows).toEqual([expect.objectContaining({ name: 'Cross-team deal', accountName: null })]);
    expect(listed.answer).not.toContain('Initech');
    // Dates in the sentence are written for people, in the answer and in what was understood.
    expect(listed.answer).toContain('closes 30 Jun 2032');
    expect(listed.answer).toContain('from 1 Jan 2032 to 31 Dec 2032');
    const grouped = await answer(anaLopez, 'deals closing in 2032 by account');
    expect(grouped.data.groups).toEqual([expect.objectContaining({ label: 'An account you cannot see', count: 1 })]);
    // Whoever sees the account reads its name.
    const asAdmin = await answer(t.admin, 'deals closing in 2032');
    expect(asAdmin.data.rows).toEqual([expect.objectContaining({ accountName: 'Initech' })]);
  });

  it("tells nothing of a hidden account's kind, place or territory through a deal on it (adds a deal)", async () => {
    // Ana owns a deal on Initech, Ben's dealer in Austin, Texas (South): she sees the deal, not the account.
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      as: t.admin,
      payload: {
        name: 'Hidden dealer deal',
        accountId: ids.initech,
        ownerId: anaLopez.id,
        amount: 900,
        closeDate: '2033-03-31',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const db = t.deps.database.db;
    await db
      .update(accounts)
      .set({ type: 'dealer', state: 'TX', city: 'Austin', country: 'US' })
      .where(eq(accounts.id, ids.initech ?? ''));
    try {
      const hers = async (question: string) => (await answer(anaLopez, question)).data;
      expect((await hers('how many deals are with dealers')).total).toBe(0);
      expect((await hers('deals in Texas closing in 2033')).total).toBe(0);
      expect((await hers('deals in Austin closing in 2033')).total).toBe(0);
      expect((await hers('deals in the South territory closing in 2033')).total).toBe(0);
      expect((await hers('pipeline in the South territory')).total).toBe(0);
      // "Not with dealers" holds it, as every deal of hers that is not known to be a dealer's.
      expect((await hers('deals closing in 2033 not with dealers')).total).toBe(1);
      const byPlace = async (question: string) =>
        (await hers(question)).groups.map((group: { label: string }) => group.label);
      expect(await byPlace('deals closing in 2033 by state')).not.toContain('TX');
      expect(await byPlace('deals closing in 2033 by account type')).not.toContain('Dealer');
      expect(await byPlace('pipeline by territory')).not.toContain('South');
      // Whoever sees the account counts the deal there.
      expect((await answer(t.admin, 'deals in Texas closing in 2033')).data.total).toBe(1);
      expect((await answer(t.admin, 'how many deals are with dealers')).data.total).toBeGreaterThan(0);
    } finally {
      await db
        .update(accounts)
        .set({ type: 'customer', state: null, city: null, country: null })
        .where(eq(accounts.id, ids.initech ?? ''));
    }
  });

  it('needs a bearer token', async () => {
    const response = await t.request({ method: 'POST', url: '/api/v1/query', payload: { question: 'hot leads' } });
    expect(response.statusCode).toBe(401);
  });
});
