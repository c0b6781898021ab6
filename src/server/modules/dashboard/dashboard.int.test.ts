import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { opportunities } from '../../db/schema/index.js';

/*
 * A small data set whose dashboard is computed by hand below, once for an admin (everything) and once for
 * a rep (their territory and their records only). Rep East's records sit in another territory.
 */
let t: TestApp;
let repWest: TestUser;
let repEast: TestUser;
const ids = {} as Record<'west' | 'east' | 'westDistributor' | 'westDealer' | 'eastCustomer', string>;

const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
/** The last second of today (UTC): due today, and not yet overdue. */
const laterToday = () => {
  const dayEnd = Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS - 1000;
  return new Date(Math.max(dayEnd, Date.now() + 1000)).toISOString();
};

async function post(as: TestUser, url: string, payload: Record<string, unknown>) {
  const response = await t.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

async function dashboard(as: TestUser, query = '') {
  const response = await t.request({ method: 'GET', url: `/api/v1/dashboard${query}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  ids.west = (await post(t.admin, '/territories', { name: 'Dash West' })).id;
  ids.east = (await post(t.admin, '/territories', { name: 'Dash East' })).id;
  repWest = await t.createUser({ territoryIds: [ids.west] });
  repEast = await t.createUser({ territoryIds: [ids.east] });

  ids.westDistributor = (
    await post(repWest, '/accounts', { name: 'W Dist', type: 'distributor', territoryId: ids.west })
  ).id;
  ids.westDealer = (await post(repWest, '/accounts', { name: 'W Dealer', type: 'dealer', territoryId: ids.west })).id;
  ids.eastCustomer = (await post(repEast, '/accounts', { name: 'E Cust', type: 'customer', territoryId: ids.east })).id;

  await post(repWest, '/leads', { firstName: 'Open', lastName: 'Web', company: 'Web Co', source: 'website' });
  const toConvert = await post(repWest, '/leads', {
    firstName: 'Conv',
    lastName: 'Ref',
    company: 'W Dist',
    source: 'referral',
    stage: 'qualified',
  });
  await post(repWest, `/leads/${toConvert.id}/convert`, { accountId: ids.westDistributor, opportunity: null });
  await post(repEast, '/leads', { firstName: 'Open', lastName: 'Show', company: 'Show Co', source: 'trade_show' });
  const toDisqualify = await post(repEast, '/leads', {
    firstName: 'Dq',
    lastName: 'Cold',
    company: 'Cold Co',
    source: 'cold_call',
  });
  await post(repEast, `/leads/${toDisqualify.id}/disqualify`, { reason: 'No budget' });

  const deal = (as: TestUser, accountId: string, name: string, amount: number, stage: string) =>
    post(as, '/opportunities', { name, accountId, amount, stage, closeDate: daysFromNow(20).slice(0, 10) });
  await deal(repWest, ids.westDistributor, 'W1', 10_000, 'prospecting');
  await deal(repWest, ids.westDealer, 'W2', 20_000, 'proposal');
  const won = await deal(repWest, ids.westDistributor, 'W3', 5_000, 'negotiation');
  await post(repWest, `/opportunities/${won.id}/stage`, { stage: 'closed_won' });
  await deal(repEast, ids.eastCustomer, 'E1', 8_000, 'negotiation');
  const lost = await deal(repEast, ids.eastCustomer, 'E2', 4_000, 'proposal');
  await post(repEast, `/opportunities/${lost.id}/stage`, { stage: 'closed_lost', lossReason: 'Price' });
  // A deal in another currency is in that currency's figures only.
  await post(repEast, '/opportunities', {
    name: 'E3',
    accountId: ids.eastCustomer,
    amount: 1_000,
    currency: 'SEK',
    closeDate: daysFromNow(20).slice(0, 10),
  });

  await post(repWest, '/activities', {
    type: 'call',
    subject: 'Done call',
    status: 'completed',
    accountId: ids.westDistributor,
  });
  await post(repWest, '/activities', {
    type: 'visit',
    subject: 'Visit',
    scheduledAt: daysFromNow(-10),
    accountId: ids.westDealer,
  });
  await post(repWest, '/activities', {
    type: 'meeting',
    subject: 'Old',
    scheduledAt: daysFromNow(-40),
    accountId: ids.westDealer,
  });
  await post(repEast, '/activities', {
    type: 'call',
    subject: 'East call',
    scheduledAt: daysFromNow(-1),
    accountId: ids.eastCustomer,
  });

  await post(repWest, '/tasks', { title: 'Late', dueAt: daysFromNow(-3), accountId: ids.westDistributor });
  await post(repWest, '/tasks', { title: 'Today', dueAt: laterToday(), accountId: ids.westDealer });
  await post(repEast, '/tasks', { title: 'Soon', dueAt: daysFromNow(5), accountId: ids.eastCustomer });
  const done = await post(repEast, '/tasks', { title: 'Done', dueAt: daysFromNow(-2), accountId: ids.eastCustomer });
  await post(repEast, `/tasks/${done.id}/complete`, {});
});
afterAll(async () => {
  await t.close();
});

describe('dashboard', () => {
  it('adds up everything for an admin', async () => {
    const figures = await dashboard(t.admin);
    expect(figures.currency).toBe('USD');
    expect(figures.accounts).toEqual({
      total: 3,
      byType: { customer: 1, distributor: 1, dealer: 1, supplier: 0, partner: 0 },
    });
    expect(figures.leads).toEqual({
      open: 2,
      bySource: { website: 1, trade_show: 1, referral: 0, cold_call: 0, social_media: 0 },
      byStage: { inquiry: 2, qualified: 0, proposal: 0, negotiation: 0 },
      converted: 1,
      disqualified: 1,
      conversionRate: 0.25,
    });
    expect(figures.pipeline).toEqual({
      count: 3,
      value: 38_000,
      weightedValue: 17_000,
      byStage: [
        { stage: 'prospecting', count: 1, value: 10_000, weightedValue: 1_000 },
        { stage: 'qualification', count: 0, value: 0, weightedValue: 0 },
        { stage: 'proposal', count: 1, value: 20_000, weightedValue: 10_000 },
        { stage: 'negotiation', count: 1, value: 8_000, weightedValue: 6_000 },
      ],
    });
    expect(figures.quarter).toMatchObject({
      won: { count: 1, amount: 5_000 },
      lost: { count: 1, amount: 4_000 },
      winRate: 0.5,
      averageDealSize: 5_000,
    });
    expect(figures.quarter.from <= new Date().toISOString().slice(0, 10)).toBe(true);
    expect(figures.activities).toEqual({
      last30Days: 3,
      byType: { call: 2, email: 0, meeting: 0, task: 0, note: 0, visit: 1 },
    });
    expect(figures.tasks).toEqual({ open: 3, overdue: 1, dueToday: 1 });
    // The kronor deal is not in those figures: the answer says so.
    expect(figures.otherCurrencies).toEqual([{ currency: 'SEK', openDeals: 1, closedThisQuarter: 0 }]);
  });

  it('answers the deal figures of one currency, the configured one unless asked', async () => {
    const inKronor = await dashboard(t.admin, '?currency=SEK');
    expect(inKronor.currency).toBe('SEK');
    expect(inKronor.otherCurrencies).toEqual([{ currency: 'USD', openDeals: 3, closedThisQuarter: 2 }]);
    expect(inKronor.pipeline).toMatchObject({ count: 1, value: 1_000, weightedValue: 100 });
    expect(inKronor.pipeline.byStage[0]).toEqual({ stage: 'prospecting', count: 1, value: 1_000, weightedValue: 100 });
    // Won and lost are counted whatever their currency; only their money is the kronor's.
    expect(inKronor.quarter).toMatchObject({
      won: { count: 1, amount: 0 },
      lost: { count: 1, amount: 0 },
      winRate: 0.5,
      averageDealSize: null,
    });
    // The pipeline report agrees, figure for figure.
    const report = (
      await t.request({ method: 'GET', url: '/api/v1/reports/pipeline?groupBy=stage&currency=SEK', as: t.admin })
    ).json();
    expect(report.totals).toMatchObject({ count: 1, amount: 1_000 });
    expect((await t.request({ method: 'GET', url: '/api/v1/dashboard?currency=kr', as: t.admin })).statusCode).toBe(
      400,
    );
  });

  it("counts only what a rep may see: their territory's accounts and their own records", async () => {
    const figures = await dashboard(repWest);
    expect(figures.accounts.total).toBe(2);
    expect(figures.accounts.byType).toMatchObject({ distributor: 1, dealer: 1, customer: 0 });
    expect(figures.leads).toMatchObject({ open: 1, converted: 1, disqualified: 0, conversionRate: 0.5 });
    expect(figures.pipeline).toMatchObject({ count: 2, value: 30_000, weightedValue: 11_000 });
    expect(figures.quarter).toMatchObject({
      won: { count: 1, amount: 5_000 },
      lost: { count: 0, amount: 0 },
      winRate: 1,
      averageDealSize: 5_000,
    });
    expect(figures.activities).toMatchObject({ last30Days: 2, byType: { call: 1, visit: 1, meeting: 0 } });
    expect(figures.tasks).toEqual({ open: 2, overdue: 1, dueToday: 1 });
    // Rep East's kronor deal is not theirs to see, so nothing is left out.
    expect(figures.otherCurrencies).toEqual([]);
  });

  it('narrows by owner and territory', async () => {
    const east = await dashboard(t.admin, `?territoryId=${ids.east}`);
    expect(east.accounts.total).toBe(1);
    expect(east.pipeline).toMatchObject({ count: 1, value: 8_000 });
    expect(east.tasks.open).toBe(1);
    // The lists the figures lead to take the same territory and agree with them.
    const total = async (url: string) => {
      const response = await t.request({ method: 'GET', url, as: t.admin });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().total as number;
    };
    expect(await total(`/api/v1/tasks?territoryId=${ids.east}&status=open,in_progress&includeTotal=true`)).toBe(1);
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    expect(await total(`/api/v1/activities?territoryId=${ids.east}&atFrom=${since}&includeTotal=true`)).toBe(
      east.activities.last30Days,
    );
    const byOwner = await dashboard(t.admin, `?ownerId=${repWest.id}`);
    expect(byOwner.pipeline.count).toBe(2);
    expect(byOwner.activities.last30Days).toBe(2);
    // "me" is the caller, as in the lists.
    expect(await dashboard(repWest, '?ownerId=me')).toMatchObject({
      pipeline: { count: 2 },
      activities: { last30Days: 2 },
    });
    // A rep narrowing to another territory still sees nothing of it.
    const narrowed = await dashboard(repWest, `?territoryId=${ids.east}`);
    expect(narrowed.accounts.total).toBe(0);
    expect(narrowed.pipeline.count).toBe(0);
    const invalid = await t.request({ method: 'GET', url: '/api/v1/dashboard?ownerId=nope', as: repWest });
    expect(invalid.statusCode).toBe(400);
  });

  it('counts a task due earlier today as overdue only, so overdue and due today add up', async () => {
    const north = (await post(t.admin, '/territories', { name: 'Dash North' })).id;
    const repNorth = await t.createUser({ territoryIds: [north] });
    const account = (await post(repNorth, '/accounts', { name: 'N Cust', territoryId: north })).id;
    const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    // Just after midnight: past by now (unless this runs in the very first second of the day).
    const earlyToday = new Date(Math.min(dayStart + 1000, Date.now() - 1)).toISOString();
    await post(repNorth, '/tasks', { title: 'Early', dueAt: earlyToday, accountId: account });
    await post(repNorth, '/tasks', { title: 'Later', dueAt: laterToday(), accountId: account });
    // From the rollups (not narrowed) and from the records (narrowed to the rep): the same answer.
    for (const query of ['', '?ownerId=me']) {
      expect((await dashboard(repNorth, query)).tasks, query).toEqual({ open: 2, overdue: 1, dueToday: 1 });
    }
  });

  it('counts a deal won in another currency among the wins, its money apart (last: it adds deals)', async () => {
    const south = (await post(t.admin, '/territories', { name: 'Dash South' })).id;
    const repSouth = await t.createUser({ territoryIds: [south] });
    const account = (await post(repSouth, '/accounts', { name: 'S Cust', territoryId: south })).id;
    const closing = (name: string, amount: number, currency: string) =>
      post(repSouth, '/opportunities', {
        name,
        accountId: account,
        amount,
        currency,
        stage: 'negotiation',
        closeDate: daysFromNow(20).slice(0, 10),
      });
    // Written as an import would: closing a euro deal as won through the API waits for an approval.
    await t.deps.database.db.insert(opportunities).values({
      id: v7(),
      name: 'S1',
      accountId: account,
      ownerId: repSouth.id,
      amount: 3000,
      currency: 'EUR',
      stage: 'closed_won',
      probability: 100,
      closeDate: new Date().toISOString().slice(0, 10),
      closedAt: new Date(),
    });
    const dollarLoss = await closing('S2', 2_000, 'USD');
    await post(repSouth, `/opportunities/${dollarLoss.id}/stage`, { stage: 'closed_lost', lossReason: 'Price' });

    const figures = await dashboard(repSouth);
    expect(figures.quarter).toMatchObject({
      won: { count: 1, amount: 0 },
      lost: { count: 1, amount: 2_000 },
      winRate: 0.5,
      averageDealSize: null,
    });
    expect(figures.otherCurrencies).toEqual([{ currency: 'EUR', openDeals: 0, closedThisQuarter: 1 }]);
    // The query engine reads the same win rate.
    const asked = await t.request({
      method: 'POST',
      url: '/api/v1/query',
      as: repSouth,
      payload: { question: 'win rate this quarter' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().data.value).toBe(0.5);
    const winLoss = (await t.request({ method: 'GET', url: '/api/v1/reports/win-loss', as: repSouth })).json();
    expect(winLoss).toMatchObject({ won: { count: 1, amount: 0 }, lost: { count: 1, amount: 2_000 }, winRate: 0.5 });
  });
});

describe('activity summary', () => {
  async function summary(as: TestUser, query: string) {
    const response = await t.request({ method: 'GET', url: `/api/v1/reports/activity-summary${query}`, as });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('counts activities of the last 30 days by type, every type listed', async () => {
    const report = await summary(t.admin, '');
    expect(report.groupBy).toBe('type');
    expect(report.data.map((group: { key: string }) => group.key)).toEqual([
      'call',
      'email',
      'meeting',
      'task',
      'note',
      'visit',
    ]);
    expect(report.data.find((group: { key: string }) => group.key === 'call')).toMatchObject({
      total: 2,
      completed: 1,
      planned: 1,
    });
    expect(report.totals).toMatchObject({ total: 3, visits: 1, completed: 1, planned: 2, cancelled: 0 });
  });

  it('groups by owner, takes a window, and stays within what the caller may see', async () => {
    const sinceTwoMonths = `from=${daysFromNow(-60).slice(0, 10)}&to=${daysFromNow(0)}`;
    const byOwner = await summary(t.admin, `?groupBy=owner&${sinceTwoMonths}`);
    expect(byOwner.totals.total).toBe(4);
    const west = byOwner.data.find((group: { key: string }) => group.key === repWest.id);
    expect(west).toMatchObject({ total: 3, visits: 1 });
    const mine = await summary(repWest, `?groupBy=owner&${sinceTwoMonths}`);
    expect(mine.data.map((group: { key: string }) => group.key)).toEqual([repWest.id]);
    const visits = await summary(repWest, '?type=visit');
    expect(visits.data.map((group: { key: string }) => group.key)).toEqual(['visit']);
    expect(visits.totals.total).toBe(1);
    const reversed = await t.request({
      method: 'GET',
      url: '/api/v1/reports/activity-summary?from=2026-02-01&to=2026-01-01',
      as: repWest,
    });
    expect(reversed.statusCode).toBe(400);
  });
});

describe("tasks due today in the caller's time zone", () => {
  /** The instant the caller's next day starts, found from the zone's own calendar as Intl tells it. */
  function nextMidnightIn(timeZone: string): Date {
    const dayOf = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
    const today = dayOf(new Date());
    let probe = Date.now();
    // A minute at a time would be slow; an hour at a time and then minutes finds the change exactly.
    while (dayOf(new Date(probe + 3_600_000)) === today) probe += 3_600_000;
    while (dayOf(new Date(probe + 60_000)) === today) probe += 60_000;
    return new Date(Math.floor((probe + 60_000) / 60_000) * 60_000);
  }

  it('counts the tasks due later in the caller’s day, as the task list finds them, in any zone', async () => {
    const zones = ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/Chicago', 'Asia/Kolkata'];
    // Around each zone's midnight: due just before it (later today there) and just after (tomorrow).
    for (const zone of zones) {
      const midnight = nextMidnightIn(zone).getTime();
      for (const offset of [-90_000, 90_000]) {
        const dueAt = new Date(Math.max(midnight + offset, Date.now() + 120_000)).toISOString();
        await post(repWest, '/tasks', { title: `Around ${zone}`, dueAt, accountId: ids.westDealer });
      }
    }
    for (const zone of zones) {
      const now = new Date().toISOString();
      const dayEnd = new Date(nextMidnightIn(zone).getTime() - 1).toISOString();
      for (const [as, narrowing] of [
        [t.admin, ''],
        [repWest, ''],
        [repWest, '&ownerId=me'],
      ] as const) {
        const list = await t.request({
          method: 'GET',
          url: `/api/v1/tasks?status=open,in_progress&dueAtFrom=${now}&dueAtTo=${dayEnd}&includeTotal=true&limit=1${narrowing.replace('ownerId', 'assigneeId')}`,
          as,
        });
        const figures = await dashboard(as, `?timeZone=${encodeURIComponent(zone)}${narrowing}`);
        expect(figures.tasks.dueToday, `${zone} ${as.email} ${narrowing}`).toBe(list.json().total);
        // Overdue is the same in every zone: due before now.
        expect(figures.tasks.overdue).toBe(
          (await dashboard(as, narrowing ? `?${narrowing.slice(1)}` : '')).tasks.overdue,
        );
      }
    }
  });

  it('refuses a zone it does not know', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/dashboard?timeZone=Mars/Olympus', as: t.admin });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'timeZone', message: 'is not a known IANA time zone (e.g. Europe/Madrid)' },
    ]);
  });
});
