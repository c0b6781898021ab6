import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { answerQuestion, askQuestion, listRecords } from '../../../../test/helpers/questions.js';
import { accounts, activities, leads, opportunities, tasks, territories } from '../../db/schema/index.js';

/*
 * Phrasings a sales team uses that an outside audit found misread: rankings of groups ("which of my reps
 * has the most overdue tasks"), requests to act, colleagues named as the subject, filler words, number
 * words, completed activities and the edges of periods. Every expected figure is worked out again from
 * the list endpoints, as the asker, so the answers are checked against what each role may see.
 * - territories North (reps Rob and Rita, managed by Maria through her reports) and South (Sam).
 * - accounts: Badger Lawn & Tractor (dealer, North, Rob), Cedar Valley Implement (dealer, North, Rita),
 *   Prairie Supply (distributor, North, Rita), Lone Star Implement (dealer, South, Sam), Bayou City Power
 *   (customer, South, Sam).
 */

let t: TestApp;
let maria: TestUser;
let rob: TestUser;
let rita: TestUser;
let sam: TestUser;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const ago = (ms: number) => new Date(Date.now() - ms);
const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'];

const ask = (as: TestUser, question: string) => askQuestion(t, as, question);
const answer = (as: TestUser, question: string) => answerQuestion(t, as, question);

type Deal = { id: string; ownerId: string; accountId: string; stage: string; amount: number; closedAt: string | null };
type Account = { id: string; name: string; type: string };
type Task = { id: string; assigneeId: string | null; overdue: boolean; dueAt: string | null };
type Group = { key: string | null; label: string; count: number; value: number | null };

/** A list endpoint's records, as the asker sees them. */
const list = <Row>(as: TestUser, path: string) => listRecords<Row>(t, as, path);

/** Records counted or summed per key, largest first: a ranking worked out by hand. */
function ranked<Row>(rows: Row[], keyOf: (row: Row) => string | null, measureOf: (row: Row) => number = () => 1) {
  const totals = new Map<string | null, number>();
  for (const row of rows) totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + measureOf(row));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

const figures = (groups: Group[], measure: 'count' | 'value') =>
  groups.map((group) => [group.key, measure === 'count' ? group.count : group.value]);

/** The leading figure of a ranking and the keys that share it (a tie answers each of them). */
const leaders = (pairs: [string | null, number][]) =>
  pairs
    .filter(([, value]) => value === pairs[0]?.[1])
    .map(([key]) => key)
    .sort();

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.database.db;
  ids.north = v7();
  ids.south = v7();
  await db.insert(territories).values([
    { id: ids.north, name: 'North' },
    { id: ids.south, name: 'South' },
  ]);
  maria = await t.createUser({ role: 'manager', name: 'Maria Lopez' });
  rob = await t.createUser({ name: 'Rob Miller', managerId: maria.id, territoryIds: [ids.north] });
  rita = await t.createUser({ name: 'Rita Patel', managerId: maria.id, territoryIds: [ids.north] });
  sam = await t.createUser({ name: 'Sam Garcia', territoryIds: [ids.south] });

  const account = async (key: string, name: string, type: string, owner: TestUser, territory: string) => {
    ids[key] = v7();
    await db.insert(accounts).values({
      id: ids[key],
      name,
      type,
      normalizedName: name.toLowerCase(),
      ownerId: owner.id,
      territoryId: ids[territory],
    });
  };
  await account('badger', 'Badger Lawn & Tractor', 'dealer', rob, 'north');
  await account('cedar', 'Cedar Valley Implement', 'dealer', rita, 'north');
  await account('prairie', 'Prairie Supply', 'distributor', rita, 'north');
  await account('loneStar', 'Lone Star Implement', 'dealer', sam, 'south');
  await account('bayou', 'Bayou City Power', 'customer', sam, 'south');

  let dealCount = 0;
  const deal = async (account: string, owner: TestUser, stage: string, amount: number, closedDaysAgo?: number) => {
    dealCount += 1;
    const closed = stage === 'closed_won' || stage === 'closed_lost';
    await db.insert(opportunities).values({
      id: v7(),
      name: `Deal ${dealCount}`,
      accountId: ids[account] ?? '',
      ownerId: owner.id,
      stage,
      amount,
      currency: 'USD',
      probability: stage === 'closed_won' ? 100 : closed ? 0 : 40,
      closeDate: isoDay(closed ? -(closedDaysAgo ?? 5) : 30),
      ...(closed ? { closedAt: ago((closedDaysAgo ?? 5) * DAY) } : {}),
    });
  };
  // Open pipeline: Badger $150,000 (Rob), Cedar $170,000 (Rita), Prairie $400,000 (a distributor, Rita),
  // Lone Star $120,000 and Bayou $500,000 (a customer, Sam). The biggest dealer pipeline is Cedar Valley's.
  await deal('badger', rob, 'prospecting', 100_000);
  await deal('badger', rob, 'prospecting', 50_000);
  await deal('cedar', rita, 'proposal', 90_000);
  await deal('cedar', rita, 'prospecting', 80_000);
  await deal('prairie', rita, 'negotiation', 400_000);
  await deal('loneStar', sam, 'prospecting', 120_000);
  await deal('bayou', sam, 'qualification', 500_000);
  // Closed: Rob won 2 and lost a big one, Rita won 1, Sam won 3 (the most won), lost 1.
  await deal('badger', rob, 'closed_won', 30_000, 10);
  await deal('badger', rob, 'closed_won', 20_000, 20);
  await deal('badger', rob, 'closed_lost', 900_000, 3);
  await deal('cedar', rita, 'closed_won', 40_000, 8);
  await deal('loneStar', sam, 'closed_won', 10_000, 4);
  await deal('bayou', sam, 'closed_won', 15_000, 6);
  await deal('bayou', sam, 'closed_won', 25_000, 12);
  await deal('bayou', sam, 'closed_lost', 60_000, 2);

  // Overdue tasks: Rob 3 (one 7.3 days late), Rita 1, Sam 2; a task due in 2 days for each rep.
  const task = async (title: string, assignee: TestUser, account: string, dueAt: Date, status = 'open') => {
    await db.insert(tasks).values({
      id: v7(),
      title,
      type: 'follow_up',
      priority: 'medium',
      status,
      dueAt,
      assigneeId: assignee.id,
      createdById: assignee.id,
      accountId: ids[account],
    });
  };
  await task('Book demo equipment', rob, 'badger', ago(7 * DAY + 7 * HOUR));
  await task('Send the Badger quote', rob, 'badger', ago(2 * DAY));
  await task('Call Badger back', rob, 'badger', ago(10 * DAY), 'in_progress');
  await task('Chase Cedar Valley', rita, 'cedar', ago(3 * DAY));
  await task('Lone Star follow-up', sam, 'loneStar', ago(12 * DAY));
  await task('Bayou pricing', sam, 'bayou', ago(HOUR));
  for (const rep of [rob, rita, sam]) await task('Next step', rep, rep === sam ? 'bayou' : 'badger', ago(-2 * DAY));

  // E-mails of yesterday: one sent (completed), one cancelled, one still planned for tomorrow.
  const yesterdayNoon = new Date(`${isoDay(-1)}T12:00:00Z`);
  const activity = async (subject: string, owner: TestUser, account: string, status: string, at: Date) => {
    await db.insert(activities).values({
      id: v7(),
      type: 'email',
      subject,
      status,
      scheduledAt: at,
      ...(status === 'completed' ? { completedAt: at } : {}),
      ownerId: owner.id,
      accountId: ids[account],
    });
  };
  await activity('Quote sent', sam, 'bayou', 'completed', yesterdayNoon);
  await activity('Answered warranty question', rita, 'cedar', 'cancelled', yesterdayNoon);
  await activity('Price list', rob, 'badger', 'planned', ago(-DAY));

  // Leads: created 30.2 and 29 days ago, 60.04 and 59 days ago; two deciding next month, one converted.
  let leadCount = 0;
  const lead = async (owner: TestUser, createdAt: Date, extra: Partial<typeof leads.$inferInsert> = {}) => {
    leadCount += 1;
    await db.insert(leads).values({
      id: v7(),
      firstName: 'Lead',
      lastName: `Number ${leadCount}`,
      source: 'trade_show',
      stage: 'inquiry',
      status: 'open',
      ownerId: owner.id,
      territoryId: owner === sam ? ids.south : ids.north,
      createdAt,
      ...extra,
    });
  };
  const nextMonth = new Date();
  nextMonth.setUTCDate(1);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const decision = `${nextMonth.toISOString().slice(0, 7)}-15`;
  await lead(rob, ago(30 * DAY + 5 * HOUR));
  await lead(rob, ago(29 * DAY));
  await lead(rita, ago(60 * DAY + HOUR));
  await lead(rita, ago(59 * DAY), { source: 'website' });
  await lead(sam, ago(5 * DAY), { decisionDate: decision });
  await lead(sam, ago(90 * DAY), { decisionDate: decision, status: 'converted', convertedAt: ago(DAY) });
});

afterAll(async () => {
  await t?.close();
});

describe('rankings of groups: which/what, of my/our/the, a group noun, a superlative, a measure', () => {
  it('ranks the assignees of overdue tasks, "of my reps" and plain alike', async () => {
    for (const asker of [t.admin, maria, rob]) {
      const overdue = (await list<Task>(asker, 'tasks?overdue=true')).filter((task) => task.overdue);
      const expected = ranked(overdue, (task) => task.assigneeId);
      for (const question of [
        'which of my reps has the most overdue tasks',
        'which rep has the most overdue tasks',
        'what rep has the most overdue tasks?',
      ]) {
        const body = await answer(asker, question);
        expect(body.data.kind, question).toBe('groups');
        expect(figures(body.data.groups, 'count'), `${asker.email}: ${question}`).toEqual(expected);
      }
    }
    // By hand: Rob has 3 overdue, Sam 2, Rita 1.
    const body = await answer(t.admin, 'which of my reps has the most overdue tasks');
    expect(body.data.groups[0]).toMatchObject({ label: 'Rob Miller', count: 3 });
  });

  it('ranks stages by their deals, in the order of the figure rather than the pipeline', async () => {
    for (const asker of [t.admin, maria, sam]) {
      const deals = await list<Deal>(asker, 'opportunities');
      for (const [question, rows] of [
        ['which stage has the most deals', deals],
        ['what stage has the most open deals', deals.filter((deal) => OPEN_STAGES.includes(deal.stage))],
      ] as const) {
        const body = await answer(asker, question);
        const expected = ranked(rows, (deal) => deal.stage);
        expect(leaders(figures(body.data.groups, 'count') as [string, number][])).toEqual(leaders(expected));
        const counts = body.data.groups.map((group: Group) => group.count);
        expect(counts, question).toEqual([...counts].sort((a, b) => b - a));
      }
    }
    expect((await answer(t.admin, 'which stage has the most deals')).data.groups[0]).toMatchObject({
      label: 'Closed won',
      count: 6,
    });
  });

  it('ranks owners by open deals and by pipeline, whoever asks', async () => {
    for (const asker of [t.admin, maria, rita]) {
      const open = (await list<Deal>(asker, 'opportunities')).filter((deal) => OPEN_STAGES.includes(deal.stage));
      const byCount = await answer(asker, 'what rep has the most open deals');
      expect(figures(byCount.data.groups, 'count')).toEqual(ranked(open, (deal) => deal.ownerId));
      const byValue = await answer(asker, 'which of my reps has the biggest pipeline');
      const expected = ranked(
        open,
        (deal) => deal.ownerId,
        (deal) => deal.amount,
      );
      expect(byValue.data.groups.map((group: Group & { amount: number }) => [group.key, group.amount])).toEqual(
        expected,
      );
    }
  });

  it('ranks dealers by the open pipeline of their deals, never by their own revenue', async () => {
    for (const asker of [t.admin, maria, sam]) {
      const dealers = new Set(
        (await list<Account>(asker, 'accounts'))
          .filter((account) => account.type === 'dealer')
          .map((account) => account.id),
      );
      const open = (await list<Deal>(asker, 'opportunities')).filter(
        (deal) => OPEN_STAGES.includes(deal.stage) && dealers.has(deal.accountId),
      );
      const expected = ranked(
        open,
        (deal) => deal.accountId,
        (deal) => deal.amount,
      );
      for (const question of [
        'which dealer has the biggest pipeline',
        'which of our dealers have the biggest pipeline',
        'what dealer has the largest pipeline?',
      ]) {
        const body = await answer(asker, question);
        expect(body.plan.entity, question).toBe('opportunities');
        expect(figures(body.data.groups, 'value'), `${asker.email}: ${question}`).toEqual(expected);
      }
    }
    // By hand: Cedar Valley $170,000 before Badger $150,000; Prairie (a distributor) and Bayou are no dealers.
    const body = await answer(t.admin, 'which dealer has the biggest pipeline');
    expect(body.data.groups[0]).toMatchObject({ label: 'Cedar Valley Implement', value: 170_000 });
    expect(body.answer).toMatch(/^Total amount of opportunities by account: Cedar Valley Implement \$170,000/);
  });

  it('ranks accounts and territories by pipeline, "what" as "which"', async () => {
    for (const asker of [t.admin, maria, rob]) {
      const open = (await list<Deal>(asker, 'opportunities')).filter((deal) => OPEN_STAGES.includes(deal.stage));
      const byAccount = await answer(asker, 'what account has the biggest pipeline');
      expect(figures(byAccount.data.groups, 'value')).toEqual(
        ranked(
          open,
          (deal) => deal.accountId,
          (deal) => deal.amount,
        ),
      );
    }
    const territory = await answer(t.admin, 'what territory has the biggest pipeline');
    expect(territory.plan).toMatchObject({ kind: 'analysis', analysis: 'pipeline', groupBy: 'territory' });
    // North: $150,000 + $170,000 + $400,000; South: $120,000 + $500,000.
    expect(territory.data.groups.map((group: Group & { amount: number }) => [group.label, group.amount])).toEqual([
      ['North', 720_000],
      ['South', 620_000],
    ]);
  });

  it('ranks the reps who closed the most deals by deals won, not won and lost', async () => {
    for (const asker of [t.admin, maria, sam]) {
      const won = (await list<Deal>(asker, 'opportunities')).filter((deal) => deal.stage === 'closed_won');
      for (const question of ['which of the reps closed the most deals', 'which one of our reps won the most deals']) {
        const body = await answer(asker, question);
        expect(figures(body.data.groups, 'count'), `${asker.email}: ${question}`).toEqual(
          ranked(won, (deal) => deal.ownerId),
        );
      }
    }
    expect((await answer(t.admin, 'which of the reps closed the most deals')).data.groups[0]).toMatchObject({
      label: 'Sam Garcia',
      count: 3,
    });
  });

  it('reads "of my accounts" as the accounts the asker owns', async () => {
    const mine = new Set(
      (await list<Account & { ownerId: string }>(rita, 'accounts'))
        .filter((account) => account.ownerId === rita.id)
        .map((account) => account.id),
    );
    const open = (await list<Deal>(rita, 'opportunities')).filter(
      (deal) => OPEN_STAGES.includes(deal.stage) && mine.has(deal.accountId),
    );
    const body = await answer(rita, 'which of my accounts has the most open deals');
    expect(figures(body.data.groups, 'count')).toEqual(ranked(open, (deal) => deal.accountId));
  });

  it('refuses a ranking by a group the records lack, saying what they can be grouped by', async () => {
    const { status, body } = await ask(t.admin, 'which stage has the most tasks');
    expect(status).toBe(400);
    expect(body.detail).toMatch(/Tasks have no stage to group by\. They can be grouped by status, priority/);
  });
});

describe('requests to act', () => {
  it('refuses to contact anyone or change anything, with the usual hint, and changes nothing', async () => {
    const count = async (path: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/${path}?includeTotal=true&limit=1`, as: t.admin })).json()
        .total as number;
    const before = [await count('activities'), await count('tasks')];
    for (const [question, refusal] of [
      ['email Hassan Abbott', 'cannot email anyone'],
      ['Email everyone at Bayou City about the price increase', 'cannot email anyone'],
      ['email the contacts at Badger Lawn & Tractor', 'cannot email anyone'],
      ['call Hassan Abbott', 'cannot call anyone'],
      ['please call Bayou City Power', 'cannot call anyone'],
      ['follow up with Hassan Abbott next week', 'cannot follow up with anyone'],
      ['visit Lone Star Implement tomorrow', 'cannot visit anyone'],
      ['can you text Rob the numbers', 'cannot text anyone'],
      ['send an email to Bayou City', 'cannot send anything'],
      ['schedule a call with Cedar Valley on Monday', 'cannot schedule anything'],
      ['remind me to call Badger tomorrow', 'cannot remind anyone'],
    ] as const) {
      const { status, body } = await ask(rob, question);
      expect(status, question).toBe(400);
      expect(body.detail, question).toContain(`I answer questions and change nothing, so I ${refusal} for you`);
      expect(body.examples.length, question).toBeGreaterThan(3);
    }
    expect([await count('activities'), await count('tasks')]).toEqual(before);
  });

  it('still answers questions whose first word is a noun of the same spelling', async () => {
    for (const question of [
      'emails sent yesterday',
      'call duration average',
      'visit count by rep',
      'follow up tasks due today',
      'meeting with Bayou City Power last week',
    ]) {
      expect((await ask(t.admin, question)).status, question).toBe(200);
    }
  });
});

describe('colleagues named as the subject', () => {
  it('reads a colleague asked about as a person, and says what can be asked about them', async () => {
    for (const [question, who] of [
      ['how is Rita doing', 'Rita Patel'],
      ['how is Rita doing this quarter?', 'Rita Patel'],
      ['summary for Rob', 'Rob Miller'],
      ["Rita's performance", 'Rita Patel'],
      ['tell me about Sam Garcia', 'Sam Garcia'],
    ] as const) {
      const { status, body } = await ask(maria, question);
      expect(status, question).toBe(400);
      expect(body.detail, question).toContain('is a colleague, not an account');
      expect(body.detail, question).toContain(`"${who}'s pipeline"`);
      expect(body.detail, question).not.toMatch(/no account/);
    }
    // The questions offered are answered, over what the asker may see.
    const open = (await list<Deal>(maria, 'opportunities')).filter(
      (deal) => OPEN_STAGES.includes(deal.stage) && deal.ownerId === rita.id,
    );
    const pipeline = await answer(maria, "Rita Patel's pipeline");
    expect(pipeline.data).toMatchObject({
      total: open.length,
      amount: open.reduce((sum, deal) => sum + deal.amount, 0),
    });
    // An account is still summarised.
    expect((await answer(rob, 'how is Badger Lawn & Tractor doing')).plan.analysis).toBe('accountSummary');
  });

  it('says there is no such person rather than filtering on an account, and never guesses a name', async () => {
    const nobody = await answer(t.admin, 'deals owned by Raj');
    expect(nobody.data).toMatchObject({ kind: 'candidates', total: 0, rows: [] });
    expect(nobody.answer).toMatch(/^I don't know anyone called "Raj"\./);
    expect((await answer(t.admin, 'tasks assigned to raj this week')).answer).toMatch(/anyone called "raj"/);
    // "Robert" is not silently Rob: asked, with no records.
    const guessed = await answer(t.admin, 'deals owned by Robert');
    expect(guessed.data).toMatchObject({ kind: 'candidates', rows: [{ id: rob.id, name: 'Rob Miller' }] });
    expect(guessed.answer).toMatch(/^I don't know anyone called "Robert"\. Did you mean Rob Miller\?/);
    // The name as the directory has it is the person.
    const robs = (await list<Deal>(t.admin, 'opportunities')).filter((deal) => deal.ownerId === rob.id);
    const owned = await answer(t.admin, 'deals owned by Rob');
    expect(owned.data.total).toBe(robs.length);
  });
});

describe('filler, courtesy and amounts in words', () => {
  it('answers a question wrapped in greetings, hesitation and thanks as the question itself', async () => {
    const plain = await answer(rob, 'how many open deals do we have');
    for (const question of [
      'hey, how many open deals do we have?',
      'um, can you tell me how many open deals we have please',
      'ok so how many open deals do we have',
      'hmm how many open deals do we have',
      'btw how many open deals do we have',
      'I was wondering how many open deals we have',
      'just wondering, how many open deals do we have?',
      'quick question: how many open deals do we have',
      'Hi! How many open deals do we have? Thanks',
    ]) {
      const body = await answer(rob, question);
      expect(body.plan, question).toEqual(plain.plan);
      expect(body.data.total, question).toBe(plain.data.total);
    }
    const looking = await answer(rob, "what's my pipeline looking like");
    expect(looking.plan).toMatchObject({ kind: 'analysis', analysis: 'pipeline', owner: 'me' });
  });

  it('reads amounts written in words as the figures they are', async () => {
    const deals = await list<Deal>(t.admin, 'opportunities');
    for (const [question, over] of [
      ['deals over fifty thousand', 50_000],
      ['deals over two hundred thousand', 200_000],
      ['deals worth more than half a million', 500_000],
      ['deals over 1.5 million', 1_500_000],
      ['deals over one hundred and twenty thousand dollars', 120_000],
    ] as const) {
      const body = await answer(t.admin, question);
      expect(body.plan.filters, question).toEqual([{ field: 'amount', op: 'gt', value: over }]);
      expect(body.data.total, question).toBe(deals.filter((deal) => deal.amount > over).length);
    }
  });

  it('answers a blank question with examples of what can be asked', async () => {
    for (const question of ['', '   ']) {
      const response = await t.request({ method: 'POST', url: '/api/v1/query', as: rob, payload: { question } });
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.detail).toMatch(/^Ask a question, for example: /);
      expect(body.examples.length).toBeGreaterThan(3);
    }
    // Other faults of the body are reported as before.
    const unknownField = await t.request({
      method: 'POST',
      url: '/api/v1/query',
      as: rob,
      payload: { question: '', colour: 'red' },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors.map((error: { path: string }) => error.path)).toContain('colour');
  });
});

type Activity = { id: string; type: string; status: string; completedAt: string | null };
type Lead = { id: string; createdAt: string; status: string };

describe('done activities and the edges of periods', () => {
  it('counts e-mails sent as e-mails done, not cancelled or planned ones', async () => {
    const yesterday = isoDay(-1);
    for (const asker of [t.admin, maria, rita, sam]) {
      const sent = (await list<Activity>(asker, 'activities')).filter(
        (activity) =>
          activity.type === 'email' && activity.status === 'completed' && activity.completedAt?.startsWith(yesterday),
      );
      const body = await answer(asker, 'emails sent yesterday');
      expect(body.plan.filters, asker.email).toContainEqual({ field: 'status', op: 'eq', value: 'completed' });
      expect(body.data.rows.map((row: { id: string }) => row.id).sort(), asker.email).toEqual(
        sent.map((activity) => activity.id).sort(),
      );
    }
    // By hand: Sam's quote went out; Rita's e-mail was cancelled, so Maria and Rita have none.
    expect((await answer(t.admin, 'emails sent yesterday')).data.total).toBe(1);
    expect((await answer(maria, 'emails sent yesterday')).data.total).toBe(0);
  });

  it('counts "the last 30 days" as 30 × 24 hours and "older than 60 days" from the same moment', async () => {
    for (const asker of [t.admin, maria, rob, rita]) {
      const all = await list<Lead>(asker, 'leads');
      const since = Date.now() - 30 * DAY;
      const recent = all.filter((lead) => Date.parse(lead.createdAt) >= since);
      const body = await answer(asker, 'leads that came in in the last 30 days');
      expect(body.data.total, asker.email).toBe(recent.length);
      expect(body.understood, asker.email).toContain('in the 30 days up to now (the last 30 days)');
      const before = Date.now() - 60 * DAY;
      const old = all.filter((lead) => lead.status === 'open' && Date.parse(lead.createdAt) < before);
      const aged = await answer(asker, 'leads older than 60 days that are still open');
      expect(aged.data.total, asker.email).toBe(old.length);
      expect(aged.understood, asker.email).toMatch(/creation date before \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    }
    // By hand: Rob's lead of 30.2 days ago is out, his of 29 days in; Rita's of 60.04 days ago is older than 60.
    expect((await answer(rob, 'leads that came in in the last 30 days')).data.total).toBe(1);
    expect((await answer(rita, 'leads older than 60 days that are still open')).data.total).toBe(1);
  });

  it('counts a task 7.3 days late as overdue by more than a week', async () => {
    for (const asker of [t.admin, maria, rob]) {
      const overdue = (await list<Task>(asker, 'tasks?overdue=true')).filter(
        (task) => task.overdue && Date.parse(task.dueAt ?? '') < Date.now() - 7 * DAY,
      );
      const body = await answer(asker, 'tasks overdue by more than a week');
      expect(body.data.total, asker.email).toBe(overdue.length);
    }
    const robs = await answer(rob, 'tasks overdue by more than a week');
    expect(robs.data.rows.map((row: { title: string }) => row.title).sort()).toEqual([
      'Book demo equipment',
      'Call Badger back',
    ]);
  });

  it('makes "the next 7 days" seven days, today the first, and says so', async () => {
    const body = await answer(t.admin, 'deals closing in the next 7 days');
    expect(body.plan.timeRange).toMatchObject({ field: 'closeDate', from: isoDay(0), to: isoDay(6) });
    const weeks = await answer(t.admin, 'tasks due in the next 2 weeks');
    expect(weeks.plan.timeRange).toMatchObject({ from: isoDay(0), to: isoDay(13) });
  });
});

describe('what a sales user means by smaller phrasings', () => {
  it('ranks the top deals among the open ones, unless the question names a status', async () => {
    const deals = await list<Deal>(rob, 'opportunities');
    const open = deals
      .filter((deal) => OPEN_STAGES.includes(deal.stage) && deal.ownerId === rob.id)
      .sort((a, b) => b.amount - a.amount);
    const top = await answer(rob, 'my top 5 deals');
    expect(top.data.rows.map((row: { id: string }) => row.id)).toEqual(open.slice(0, 5).map((deal) => deal.id));
    // Rob's lost $900,000 deal is his biggest, and is named when asked for.
    const lost = await answer(rob, 'my biggest deals we lost');
    expect(lost.data.rows[0]).toMatchObject({ amount: 900_000 });
  });

  it('counts open leads deciding next month, and reads "form" typed for "from"', async () => {
    const body = await answer(t.admin, 'leads deciding next month');
    expect(body.data.total).toBe(1);
    const tradeShow = (await list<Lead & { source: string }>(t.admin, 'leads')).filter(
      (lead) => lead.source === 'trade_show',
    );
    expect((await answer(t.admin, 'leads form trade shows')).data.total).toBe(tradeShow.length);
  });

  it('never makes a person’s name plural, and shows each change beside its own figure', async () => {
    const summary = await answer(t.admin, 'activity summary by owner');
    expect(summary.answer).toMatch(/^3 activities: (?:(?:Sam Garcia|Rita Patel|Rob Miller) 1(?:, |\.))+/);
    expect(summary.answer).not.toMatch(/Garcias|Patels|Millers/);
    // This month: Sam's 3 wins within 12 days may straddle the month; the sentence keeps the count's change
    // beside the count and the money's beside the money.
    const compared = await answer(t.admin, 'won this month vs last month');
    const other = compared.data.comparison;
    if (other.total > 0 && compared.data.total > 0) {
      expect(compared.answer).toMatch(
        /Compared with last month: \d+ opportunit(?:y|ies)( \([+-]\d+%\))?, worth \$[\d,]+/,
      );
      const moneyChange = Math.round(((compared.data.amount - other.amount) / other.amount) * 100);
      expect(compared.answer).toContain(
        `worth $${other.amount.toLocaleString('en-US')} (${moneyChange >= 0 ? '+' : ''}${moneyChange}%)`,
      );
    }
  });
});
