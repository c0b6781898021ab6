import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { queryRows } from '../../db/client.js';
import { createRng, type Rng } from '../../seed/random.js';
import { rebuildDealRollupTables } from './deal-rollups.service.js';

/*
 * The deal rollups against the deals themselves. A seeded random sequence of writes through HTTP (deals
 * created, re-staged, re-priced, moved in time, between owners and accounts, deleted and restored;
 * accounts moved between territories and owners, deleted, restored and merged; leads converted, some at
 * once) and a few direct SQL edits, then every pipeline, forecast and dashboard figure, for an admin, a
 * manager and two reps, must equal a plain aggregate over the opportunities table with the visibility
 * rule written out here in SQL. Finally the rollups rebuilt from scratch must equal what the triggers kept.
 */

let t: TestApp;
let manager: TestUser;
let repA: TestUser;
let repB: TestUser;
let repC: TestUser;
const territoryIds: string[] = [];
const accountIds: string[] = [];
const dealIds: string[] = [];
const deletedDeals = new Set<string>();
const deletedAccounts = new Set<string>();

type Scope = { team: string[]; territories: string[] } | 'all';
const scopes = new Map<string, Scope>();

const DAY = 86_400_000;
const monthStart = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
};
const dateIn = (rng: Rng, offset: number) =>
  `${monthStart(offset).slice(0, 8)}${String(rng.int(1, 28)).padStart(2, '0')}`;
const cents = (rng: Rng) => rng.int(100, 5_000_000) / 100;

async function write(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await t.request({ method, url: `/api/v1${url}`, as: t.admin, payload });
  // Refusals (a frozen closed deal, a merge of an account into its own family…) are fine; failures are not.
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500);
  return { status: response.statusCode, body: response.body ? response.json() : {} };
}

const succeeded = new Map<string, number>();
const count = (operation: string, status: number) => {
  if (status < 300) succeeded.set(operation, (succeeded.get(operation) ?? 0) + 1);
};

async function createAccount(rng: Rng, name: string) {
  const ownerId = rng.pick([repA.id, repB.id, repC.id, manager.id, t.admin.id]);
  const territoryId = rng.chance(0.15) ? null : rng.pick(territoryIds);
  const { status, body } = await write('POST', '/accounts', { name, ownerId, territoryId });
  expect(status).toBe(201);
  accountIds.push(body.id as string);
}

async function createLead(rng: Rng, index: number) {
  const { status, body } = await write('POST', '/leads', {
    firstName: 'Lead',
    lastName: `Number${index}`,
    company: rng.chance(0.5) ? `Lead Company ${index}` : `Rollup Account ${rng.int(0, 5)}`,
    source: 'referral',
    ownerId: rng.pick([repA.id, repB.id, repC.id]),
    territoryId: rng.pick(territoryIds),
  });
  expect(status).toBe(201);
  return body.id as string;
}

async function convert(rng: Rng, leadId: string) {
  const { status, body } = await write('POST', `/leads/${leadId}/convert`, {
    opportunity: {
      name: 'Converted deal',
      amount: cents(rng),
      closeDate: dateIn(rng, rng.int(0, 3)),
    },
  });
  count('convert', status);
  const opportunity = body.opportunity as { id: string } | undefined;
  if (status === 200 || status === 201) {
    if (opportunity) dealIds.push(opportunity.id);
    const account = body.account as { id: string };
    if (!accountIds.includes(account.id)) accountIds.push(account.id);
  }
}

const live = (ids: string[], deleted: Set<string>) => ids.filter((id) => !deleted.has(id));

/** One random write; each kind is a named operation so the test can check every kind happened. */
async function randomWrite(rng: Rng, step: number) {
  if (live(accountIds, deletedAccounts).length < 4) await createAccount(rng, `Rollup Account ${step}`);
  const operation =
    live(dealIds, deletedDeals).length < 5
      ? 'createDeal'
      : rng.weighted<string>([
          ['createDeal', 8],
          ['changeStage', 6],
          ['patchDeal', 8],
          ['moveAccount', 3],
          ['deleteDeal', 2],
          ['restoreDeal', 2],
          ['deleteAccount', 1],
          ['restoreAccount', 1],
          ['merge', 1],
          ['convert', 2],
          ['convertAtOnce', 1],
          ['closedAtInSql', 1],
        ]);
  const deal = () => rng.pick(live(dealIds, deletedDeals));
  const account = () => rng.pick(live(accountIds, deletedAccounts));
  switch (operation) {
    case 'createDeal': {
      const stage = rng.weighted([
        ['prospecting', 3],
        ['qualification', 3],
        ['proposal', 3],
        ['negotiation', 3],
        ['closed_won', 1],
        ['closed_lost', 1],
      ] as const);
      const { status, body } = await write('POST', '/opportunities', {
        name: `Deal ${step}`,
        accountId: account(),
        ownerId: rng.chance(0.1) ? null : rng.pick([repA.id, repB.id, repC.id, manager.id, t.admin.id]),
        stage,
        ...(stage.startsWith('closed') || rng.chance(0.5) ? {} : { probability: rng.int(0, 100) }),
        ...(stage === 'closed_lost' ? { lossReason: 'Price' } : {}),
        amount: cents(rng),
        currency: rng.chance(0.2) ? 'EUR' : 'USD',
        closeDate: dateIn(rng, rng.int(-3, 8)),
      });
      count(operation, status);
      if (status === 201) dealIds.push(body.id as string);
      return;
    }
    case 'changeStage': {
      const stage = rng.pick([
        'prospecting',
        'qualification',
        'proposal',
        'negotiation',
        'closed_won',
        'closed_lost',
      ] as const);
      const { status } = await write('POST', `/opportunities/${deal()}/stage`, {
        stage,
        ...(stage === 'closed_lost' ? { lossReason: 'Competitor' } : {}),
        ...(!stage.startsWith('closed') && rng.chance(0.4) ? { probability: rng.int(0, 100) } : {}),
      });
      count(operation, status);
      return;
    }
    case 'patchDeal': {
      const change = rng.pick([
        () => ({ amount: cents(rng) }),
        () => ({ probability: rng.int(0, 100) }),
        () => ({ closeDate: dateIn(rng, rng.int(-3, 8)) }),
        () => ({ ownerId: rng.pick([repA.id, repB.id, repC.id, manager.id, null]) }),
        () => ({ accountId: account() }),
        () => ({ currency: rng.pick(['USD', 'EUR']) }),
      ])();
      const { status } = await write('PATCH', `/opportunities/${deal()}`, change);
      count(`${operation}:${Object.keys(change)[0]}`, status);
      return;
    }
    case 'moveAccount': {
      const { status } = await write('PATCH', `/accounts/${account()}`, {
        ...(rng.chance(0.7) ? { territoryId: rng.chance(0.2) ? null : rng.pick(territoryIds) } : {}),
        ownerId: rng.pick([repA.id, repB.id, repC.id, manager.id, t.admin.id]),
      });
      count(operation, status);
      return;
    }
    case 'deleteDeal': {
      const id = deal();
      const { status } = await write('DELETE', `/opportunities/${id}`);
      count(operation, status);
      if (status === 204) deletedDeals.add(id);
      return;
    }
    case 'restoreDeal': {
      if (deletedDeals.size === 0) return;
      const id = rng.pick([...deletedDeals]);
      const { status } = await write('POST', `/opportunities/${id}/restore`);
      count(operation, status);
      if (status < 300) deletedDeals.delete(id);
      return;
    }
    case 'deleteAccount': {
      const id = account();
      const { status } = await write('DELETE', `/accounts/${id}`);
      count(operation, status);
      if (status === 204) deletedAccounts.add(id);
      return;
    }
    case 'restoreAccount': {
      if (deletedAccounts.size === 0) return;
      const id = rng.pick([...deletedAccounts]);
      const { status } = await write('POST', `/accounts/${id}/restore`);
      count(operation, status);
      if (status < 300) deletedAccounts.delete(id);
      return;
    }
    case 'merge': {
      const [survivor, source] = rng.sample(live(accountIds, deletedAccounts), 2);
      const { status } = await write('POST', `/accounts/${survivor}/merge`, { sourceId: source });
      count(operation, status);
      if (status < 300 && source) deletedAccounts.add(source);
      return;
    }
    case 'convert':
      await convert(rng, await createLead(rng, step));
      return;
    case 'convertAtOnce': {
      // Concurrent conversions into the same territories, months and currency: on PostgreSQL they contend
      // for the same rollup rows and must all succeed (no deadlock, nothing lost).
      const leadIds = [];
      for (let index = 0; index < 6; index += 1) leadIds.push(await createLead(rng, step * 100 + index));
      await Promise.all(leadIds.map((leadId) => convert(rng, leadId)));
      count(operation, 200);
      return;
    }
    case 'closedAtInSql': {
      // Back-dates a closed deal into an earlier quarter, as an import would: only the triggers see this.
      await t.deps.database.db.execute(
        sql`update opportunities set closed_at = ${new Date(Date.now() - rng.int(100, 400) * DAY)}
            where id = (select id from opportunities where stage in ('closed_won', 'closed_lost')
                        order by id offset ${rng.int(0, 3)} limit 1)`,
      );
      count(operation, 200);
      return;
    }
  }
}

beforeAll(async () => {
  t = await buildTestApp({ MERIDIAN_APPROVAL_THRESHOLD: '1000000000' });
  manager = await t.createUser({ role: 'manager', name: 'Rollup Manager' });
  for (const [name, managerId] of [
    ['Rollup North', manager.id],
    ['Rollup South', null],
    ['Rollup East', null],
  ] as const) {
    const { status, body } = await write('POST', '/territories', { name, managerId });
    expect(status).toBe(201);
    territoryIds.push(body.id as string);
  }
  const [north, south, east] = territoryIds as [string, string, string];
  repA = await t.createUser({ name: 'Rep A', managerId: manager.id, territoryIds: [north] });
  repB = await t.createUser({ name: 'Rep B', territoryIds: [south] });
  repC = await t.createUser({ name: 'Rep C', managerId: manager.id, territoryIds: [east] });
  scopes.set('admin', 'all');
  scopes.set('manager', { team: [manager.id, repA.id, repC.id], territories: [north] });
  scopes.set('repA', { team: [repA.id], territories: [north] });
  scopes.set('repB', { team: [repB.id], territories: [south] });

  const rng = createRng(20_250_601);
  for (let index = 0; index < 8; index += 1) await createAccount(rng, `Rollup Account ${index}`);
  for (let step = 0; step < 160; step += 1) await randomWrite(rng, step);
  // Leave a soft-deleted account with live deals behind, whatever the sequence did.
  const [withDeals] = await queryRows<{ account_id: string }>(
    t.deps.database.db,
    sql`select account_id from opportunities o join accounts a on a.id = o.account_id
        where o.deleted_at is null and a.deleted_at is null order by o.id limit 1`,
  );
  if (withDeals) {
    const { status } = await write('DELETE', `/accounts/${withDeals.account_id}`);
    expect(status).toBe(204);
    deletedAccounts.add(withDeals.account_id);
  }
}, 240_000);
afterAll(() => t.close());

const viewerOf = (name: string) =>
  ({ admin: t.admin, manager, repA, repB })[name as 'admin' | 'manager' | 'repA' | 'repB'];

/** The visibility rule (API.md "Visibility") written out over opportunities `o` joined to accounts `acc`. */
function visible(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  return sql`(o.owner_id = any(${teamArray(scope)}) or ${accountVisible(scope)})`;
}

function teamArray(scope: Exclude<Scope, 'all'>): SQL {
  return sql`array[${sql.join(
    scope.team.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
}

function accountVisible(scope: Exclude<Scope, 'all'>): SQL {
  const territories = scope.territories.length
    ? sql`array[${sql.join(
        scope.territories.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`
    : sql`array[]::uuid[]`;
  return sql`(acc.deleted_at is null and (acc.owner_id = any(${teamArray(scope)}) or acc.territory_id = any(${territories})))`;
}

/** The territory of a deal's account as the viewer may know it: none when the account is hidden from them. */
function territoryOf(scope: Scope): SQL {
  return scope === 'all' ? sql`acc.territory_id` : sql`(case when ${accountVisible(scope)} then acc.territory_id end)`;
}

type Narrowing = { ownerId?: string; territoryId?: string; currency?: string };

function narrowing(scope: Scope, narrow: Narrowing): SQL {
  return sql.join(
    [
      narrow.ownerId ? sql`and o.owner_id = ${narrow.ownerId}` : sql``,
      narrow.territoryId ? sql`and ${territoryOf(scope)} = ${narrow.territoryId}` : sql``,
      sql`and o.currency = ${narrow.currency ?? 'USD'}`,
    ],
    sql` `,
  );
}

type Measured = { key: string | null; count: number; amount: number; weighted: number };

/** A plain aggregate over the deals the viewer sees: count, amount and weighted amount per key. */
async function plainAggregate(scope: Scope, key: SQL, filter: SQL, narrow: Narrowing) {
  return queryRows<Measured>(
    t.deps.database.db,
    sql`select ${key} as key, count(*)::int as count, round(sum(o.amount), 2)::float8 as amount,
          round(sum(o.amount * o.probability) / 100, 2)::float8 as weighted
        from opportunities o join accounts acc on acc.id = o.account_id
        where o.deleted_at is null and ${visible(scope)} and ${filter} ${narrowing(scope, narrow)}
        group by 1`,
  );
}

const open = sql`o.stage in ('prospecting', 'qualification', 'proposal', 'negotiation')`;
const query = (narrow: Narrowing) =>
  Object.entries(narrow)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

async function get(as: TestUser, url: string) {
  const response = await t.request({ method: 'GET', url: `/api/v1${url}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const viewers = ['admin', 'manager', 'repA', 'repB'];
const narrowings = (): Narrowing[] => [
  {},
  { currency: 'EUR' },
  { ownerId: repA.id },
  { territoryId: territoryIds[0] as string },
  { territoryId: territoryIds[1] as string, ownerId: repB.id },
];

describe('deal rollups', () => {
  it('went through every kind of write', () => {
    for (const operation of [
      'createDeal',
      'changeStage',
      'patchDeal:amount',
      'patchDeal:probability',
      'patchDeal:closeDate',
      'patchDeal:ownerId',
      'patchDeal:accountId',
      'moveAccount',
      'deleteDeal',
      'restoreDeal',
      'deleteAccount',
      'restoreAccount',
      'merge',
      'convert',
      'convertAtOnce',
    ]) {
      expect(succeeded.get(operation) ?? 0, operation).toBeGreaterThan(0);
    }
  });

  it('answer the pipeline as the deals do, for every grouping, viewer and narrowing', async () => {
    const keys = (scope: Scope): Record<string, SQL> => ({
      stage: sql`o.stage`,
      owner: sql`o.owner_id::text`,
      territory: sql`${territoryOf(scope)}::text`,
      closeMonth: sql`to_char(o.close_date, 'YYYY-MM')`,
    });
    let compared = 0;
    for (const name of viewers) {
      const scope = scopes.get(name) as Scope;
      for (const narrow of narrowings()) {
        for (const [groupBy, key] of Object.entries(keys(scope))) {
          const report = await get(viewerOf(name), `/reports/pipeline?groupBy=${groupBy}&${query(narrow)}`);
          const expected = await plainAggregate(scope, key, open, narrow);
          const answered = (
            report.data as { key: string | null; count: number; amount: number; weightedAmount: number }[]
          )
            .filter((group) => group.count > 0)
            .map((group) => ({
              key: group.key,
              count: group.count,
              amount: group.amount,
              weighted: group.weightedAmount,
            }));
          const byKey = (a: Measured, b: Measured) => (a.key ?? '').localeCompare(b.key ?? '');
          expect(answered.sort(byKey), `${name} ${groupBy} ${query(narrow)}`).toEqual(expected.sort(byKey));
          const [total] = await plainAggregate(scope, sql`'total'`, open, narrow);
          expect(report.totals).toEqual({
            count: total?.count ?? 0,
            amount: total?.amount ?? 0,
            weightedAmount: total?.weighted ?? 0,
          });
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('answer the forecast as the deals do', async () => {
    for (const name of viewers) {
      const scope = scopes.get(name) as Scope;
      for (const narrow of narrowings()) {
        for (const months of [6, 12]) {
          const report = await get(viewerOf(name), `/reports/forecast?months=${months}&${query(narrow)}`);
          // Open deals whose close month has passed are expected now: in the current month.
          const inPeriod = sql`((o.close_date >= ${monthStart(0)}::date and o.close_date < ${monthStart(months)}::date
            and (${open} or o.stage = 'closed_won')) or (o.close_date < ${monthStart(0)}::date and ${open}))`;
          const month = sql`to_char(greatest(o.close_date, ${monthStart(0)}::date), 'YYYY-MM')`;
          const expected = await queryRows<{
            month: string;
            closedWon: number;
            commit: number;
            bestCase: number;
            weighted: number;
            pipeline: number;
          }>(
            t.deps.database.db,
            sql`select coalesce(o.month, 'total') as month,
                  round(coalesce(sum(o.amount) filter (where o.stage = 'closed_won'), 0), 2)::float8 as "closedWon",
                  round(coalesce(sum(o.amount) filter (where ${open} and o.probability >= 75), 0), 2)::float8 as commit,
                  round(coalesce(sum(o.amount) filter (where ${open}), 0), 2)::float8 as "bestCase",
                  round(coalesce(sum(o.amount * o.probability) filter (where ${open}) / 100, 0), 2)::float8 as weighted,
                  (count(*) filter (where ${open}))::int as pipeline
                from (select *, ${month} as month from opportunities o) as o
                  join accounts acc on acc.id = o.account_id
                where o.deleted_at is null and ${visible(scope)} and ${inPeriod} ${narrowing(scope, narrow)}
                group by grouping sets ((o.month), ())`,
          );
          const zero = { closedWon: 0, commit: 0, bestCase: 0, weighted: 0, pipeline: 0 };
          const measuresOf = (month: string) => {
            const { month: _, ...measures } = expected.find((row) => row.month === month) ?? { month, ...zero };
            return measures;
          };
          // No targets here: the target line is targets.int.test.ts's.
          for (const { month, ...measures } of report.data as ({ month: string } & typeof zero)[]) {
            expect(measures, `${name} ${month} ${query(narrow)}`).toEqual({ ...measuresOf(month), target: 0 });
          }
          expect(report.totals).toEqual({ ...measuresOf('total'), target: 0 });
        }
      }
    }
  });

  it("answer the dashboard's deal figures as the deals do", async () => {
    const now = new Date();
    const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
    const quarterEnd = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 3, 1));
    for (const name of viewers) {
      const scope = scopes.get(name) as Scope;
      for (const narrow of narrowings().filter((candidate) => !candidate.currency)) {
        const dashboard = await get(viewerOf(name), `/dashboard?${query(narrow)}`);
        // Counts and money alike are of the deals in the dashboard currency.
        const money = await plainAggregate(scope, sql`o.stage`, open, narrow);
        for (const row of dashboard.pipeline.byStage as {
          stage: string;
          count: number;
          value: number;
          weightedValue: number;
        }[]) {
          const inMoney = money.find((candidate) => candidate.key === row.stage);
          expect(row, `${name} ${query(narrow)}`).toEqual({
            stage: row.stage,
            count: inMoney?.count ?? 0,
            value: inMoney?.amount ?? 0,
            weightedValue: inMoney?.weighted ?? 0,
          });
        }
        const closed = sql`o.stage in ('closed_won', 'closed_lost')
          and o.closed_at >= ${quarterStart} and o.closed_at < ${quarterEnd}`;
        const closedMoney = await plainAggregate(scope, sql`o.stage`, closed, narrow);
        for (const stage of ['closed_won', 'closed_lost'] as const) {
          expect(dashboard.quarter[stage === 'closed_won' ? 'won' : 'lost'], `${name} ${stage}`).toEqual({
            count: closedMoney.find((row) => row.key === stage)?.count ?? 0,
            amount: closedMoney.find((row) => row.key === stage)?.amount ?? 0,
          });
        }
      }
    }
  });

  it('hold no emptied rows, and a rebuild from scratch gives the same rows as the triggers kept', async () => {
    const snapshot = async () => {
      const measures = sql`stage, close_month::text, closed_month::text, currency, deal_count, amount::text,
        weighted_amount::text, commit_amount::text`;
      return {
        byTerritory: await queryRows(
          t.deps.database.db,
          sql`select territory_id, account_live, ${measures} from deal_rollups order by 1, 2, 3, 4, 5, 6`,
        ),
        byOwner: await queryRows(
          t.deps.database.db,
          sql`select owner_id, account_owner_id, territory_id, account_live, ${measures}
              from deal_owner_rollups order by 1, 2, 3, 4, 5, 6, 7, 8`,
        ),
        byOwnerAndStage: await queryRows(
          t.deps.database.db,
          sql`select owner_id, account_owner_id, territory_id, account_live, stage, currency, deal_count,
                amount::text, weighted_amount::text, commit_amount::text
              from deal_owner_stage_rollups order by 1, 2, 3, 4, 5, 6`,
        ),
        openByOwner: await queryRows(
          t.deps.database.db,
          sql`select owner_id, account_owner_id, territory_id, account_live, currency, deal_count,
                amount::text, weighted_amount::text, commit_amount::text
              from deal_owner_open_rollups order by 1, 2, 3, 4, 5`,
        ),
      };
    };
    const kept = await snapshot();
    // The monthless owner rollup is the owner rollup with its months summed out, row for row.
    const summedOverMonths = await queryRows(
      t.deps.database.db,
      sql`select owner_id, account_owner_id, territory_id, account_live, stage, currency,
            sum(deal_count)::int as deal_count, sum(amount)::text as amount,
            sum(weighted_amount)::text as weighted_amount, sum(commit_amount)::text as commit_amount
          from deal_owner_rollups group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
    );
    expect(kept.byOwnerAndStage).toEqual(summedOverMonths);
    // The open rollup is the owner rollup's open deals with months and stages summed out.
    const openSummed = await queryRows(
      t.deps.database.db,
      sql`select owner_id, account_owner_id, territory_id, account_live, currency,
            sum(deal_count)::int as deal_count, sum(amount)::text as amount,
            sum(weighted_amount)::text as weighted_amount, sum(commit_amount)::text as commit_amount
          from deal_owner_rollups where stage in ('prospecting', 'qualification', 'proposal', 'negotiation')
          group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
    );
    expect(kept.openByOwner).toEqual(openSummed);
    expect(kept.openByOwner.length).toBeGreaterThan(0);
    expect(kept.byOwnerAndStage.every((row) => Number(row.deal_count) > 0)).toBe(true);
    expect(kept.byTerritory.length).toBeGreaterThan(10);
    expect(kept.byOwner.length).toBeGreaterThanOrEqual(kept.byTerritory.length);
    expect(kept.byOwner.every((row) => Number(row.deal_count) > 0)).toBe(true);
    expect(kept.byTerritory.every((row) => Number(row.deal_count) > 0)).toBe(true);
    const rebuilt = await rebuildDealRollupTables(t.deps);
    expect(rebuilt).toEqual({ byTerritory: kept.byTerritory.length, byOwner: kept.byOwner.length });
    expect(await snapshot()).toEqual(kept);
  });
});
