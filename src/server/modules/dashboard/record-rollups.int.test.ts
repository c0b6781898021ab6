import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { queryRows } from '../../db/client.js';
import type { Viewer } from '../../platform/viewer.js';
import { createRng, type Rng } from '../../seed/random.js';
import { viewerForUser } from '../auth/auth.service.js';
import { countAccountsByType, countActivitiesByType, countLeads, countOpenTasks } from './dashboard.repository.js';
import {
  countAccountsByTypeFromRollups,
  countActivitiesByTypeFromRollups,
  countLeadsFromRollups,
  countOpenTasksFromRollups,
} from './dashboard-rollups.repository.js';
import { rebuildRecordRollupTables } from './record-rollups.service.js';

/*
 * The record rollups against the records themselves. A seeded random sequence of writes through HTTP
 * (accounts moved between territories and owners, deleted, restored and merged; leads re-staged, moved,
 * disqualified, converted, deleted and restored; deals moved between accounts, deleted and restored;
 * activities and tasks created on every kind of link, completed, rescheduled, reassigned, cancelled,
 * deleted and restored) and a few direct SQL edits, then every count the dashboard reads from the rollups,
 * for an admin, a manager, reps with and without territories, must equal the same count read from the
 * records with the visibility predicate of every other read. Finally a rebuild gives the rows the triggers kept.
 */

let t: TestApp;
const users: Record<string, TestUser> = {};
const territoryIds: string[] = [];
const ids = { accounts: [] as string[], leads: [] as string[], deals: [] as string[], activities: [] as string[] };
const taskIds: string[] = [];
const deleted = new Set<string>();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function write(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
  as: TestUser = t.admin,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await t.request({ method, url: `/api/v1${url}`, as, payload });
  // Refusals (a merge into its own family, completing a cancelled task…) are fine; failures are not.
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500);
  return { status: response.statusCode, body: response.body ? response.json() : {} };
}

const succeeded = new Map<string, number>();
const count = (operation: string, status: number) => {
  if (status < 300) succeeded.set(operation, (succeeded.get(operation) ?? 0) + 1);
};

const live = (list: string[]) => list.filter((id) => !deleted.has(id));
const people = () => [users.repA, users.repB, users.repC, users.manager, t.admin].map((user) => (user as TestUser).id);
/** An instant within 40 days of now, often today, at any hour. */
const instant = (rng: Rng) =>
  new Date(Date.now() + (rng.chance(0.3) ? rng.int(-12, 12) * HOUR : rng.int(-40 * 24, 10 * 24) * HOUR)).toISOString();

async function createAccount(rng: Rng, name: string) {
  const territoryId = rng.chance(0.2) ? null : rng.pick(territoryIds);
  const { status, body } = await write('POST', '/accounts', {
    name,
    type: rng.pick(['customer', 'dealer', 'distributor']),
    ownerId: rng.pick(people()),
    territoryId,
  });
  expect(status).toBe(201);
  ids.accounts.push(body.id as string);
}

async function createLead(rng: Rng, index: number) {
  const { status, body } = await write('POST', '/leads', {
    firstName: 'Lead',
    lastName: `Number${index}`,
    company: `Lead Company ${index}`,
    source: rng.pick(['referral', 'website', 'trade_show']),
    ownerId: rng.pick(people()),
    territoryId: rng.chance(0.2) ? null : rng.pick(territoryIds),
  });
  expect(status).toBe(201);
  ids.leads.push(body.id as string);
}

/** Links of a new activity or task: an account, a deal (its account is filled in), a lead, or none. */
function links(rng: Rng, allowNone: boolean): Record<string, string> {
  const kind = rng.weighted<string>([
    ['account', 4],
    ['deal', 3],
    ['lead', 3],
    ['none', allowNone ? 2 : 0],
  ]);
  const pick = (list: string[]) => (live(list).length > 0 ? rng.pick(live(list)) : undefined);
  const id = kind === 'account' ? pick(ids.accounts) : kind === 'deal' ? pick(ids.deals) : pick(ids.leads);
  if (kind === 'none' || id === undefined) return allowNone ? {} : { accountId: rng.pick(live(ids.accounts)) };
  return { [{ account: 'accountId', deal: 'opportunityId', lead: 'leadId' }[kind] as string]: id };
}

async function randomWrite(rng: Rng, step: number) {
  if (live(ids.accounts).length < 4) await createAccount(rng, `Rollup Account ${step}`);
  if (live(ids.leads).length < 3) await createLead(rng, step);
  const chosen = rng.weighted<string>([
    ['createActivity', 10],
    ['completeActivity', 3],
    ['patchActivity', 4],
    ['deleteActivity', 2],
    ['restoreActivity', 1],
    ['createTask', 8],
    ['createTaskAsRep', 2],
    ['completeTask', 2],
    ['patchTask', 4],
    ['deleteTask', 2],
    ['createAccount', 2],
    ['moveAccount', 4],
    ['deleteAccount', 1],
    ['restoreAccount', 1],
    ['merge', 1],
    ['createLead', 3],
    ['patchLead', 8],
    ['disqualifyLead', 1],
    ['convertLead', 1],
    ['deleteLead', 1],
    ['restoreLead', 1],
    ['createDeal', 3],
    ['moveDeal', 2],
    ['deleteDeal', 1],
    ['restoreDeal', 1],
    ['momentInSql', 1],
  ]);
  // Work on activities, tasks and deals needs one to work on: create it first.
  const needs = (prefix: string, list: string[]) => chosen.endsWith(prefix) && live(list).length === 0;
  const operation = needs('Activity', ids.activities)
    ? 'createActivity'
    : needs('Task', taskIds)
      ? 'createTask'
      : needs('Deal', ids.deals)
        ? 'createDeal'
        : chosen;
  const one = (list: string[]) => rng.pick(live(list));
  const restore = async (list: string[], path: string) => {
    const candidates = list.filter((id) => deleted.has(id));
    if (candidates.length === 0) return;
    const id = rng.pick(candidates);
    const { status } = await write('POST', `/${path}/${id}/restore`);
    count(operation, status);
    if (status < 300) deleted.delete(id);
  };
  const remove = async (list: string[], path: string) => {
    if (live(list).length === 0) return;
    const id = one(list);
    const { status } = await write('DELETE', `/${path}/${id}`);
    count(operation, status);
    if (status === 204) deleted.add(id);
  };
  switch (operation) {
    case 'createActivity': {
      const completed = rng.chance(0.4);
      const { status, body } = await write('POST', '/activities', {
        type: rng.pick(['call', 'email', 'meeting', 'visit', 'note']),
        subject: `Activity ${step}`,
        status: completed ? 'completed' : 'planned',
        scheduledAt: rng.chance(0.8) ? instant(rng) : null,
        ...(completed && rng.chance(0.7) ? { completedAt: instant(rng) } : {}),
        ownerId: rng.pick(people()),
        ...links(rng, false),
      });
      count(operation, status);
      if (status === 201) ids.activities.push(body.id as string);
      return;
    }
    case 'completeActivity': {
      const { status } = await write('POST', `/activities/${one(ids.activities)}/complete`, { outcome: 'Done' });
      count(operation, status);
      return;
    }
    case 'patchActivity': {
      const change = rng.pick([
        () => ({ scheduledAt: instant(rng) }),
        () => ({ type: rng.pick(['call', 'meeting', 'visit']) }),
        () => ({ ownerId: rng.pick(people()) }),
        () => ({ status: 'cancelled' }),
        () => ({ accountId: one(ids.accounts), opportunityId: null, contactId: null }),
      ])();
      const { status } = await write('PATCH', `/activities/${one(ids.activities)}`, change);
      count(`${operation}:${Object.keys(change)[0]}`, status);
      return;
    }
    case 'deleteActivity':
      return remove(ids.activities, 'activities');
    case 'restoreActivity':
      return restore(ids.activities, 'activities');
    case 'createTask':
    case 'createTaskAsRep': {
      const asRep = operation === 'createTaskAsRep';
      const { status, body } = await write(
        'POST',
        '/tasks',
        {
          title: `Task ${step}`,
          dueAt: rng.chance(0.85) ? instant(rng) : null,
          status: rng.weighted([
            ['open', 6],
            ['in_progress', 2],
            ['completed', 1],
          ] as const),
          assigneeId: rng.pick(people()),
          // A rep's task tied to nothing: only its creator's and assignee's teams see it.
          ...(asRep ? {} : links(rng, true)),
        },
        asRep ? rng.pick([users.repA, users.repB, users.repD] as TestUser[]) : t.admin,
      );
      count(operation, status);
      if (status === 201) taskIds.push(body.id as string);
      return;
    }
    case 'completeTask': {
      const { status } = await write('POST', `/tasks/${one(taskIds)}/complete`);
      count(operation, status);
      return;
    }
    case 'patchTask': {
      const change = rng.pick([
        () => ({ dueAt: instant(rng) }),
        () => ({ dueAt: null }),
        () => ({ assigneeId: rng.pick(people()) }),
        () => ({ status: rng.pick(['open', 'in_progress', 'cancelled']) }),
        () => ({ leadId: one(ids.leads) }),
      ])();
      const { status } = await write('PATCH', `/tasks/${one(taskIds)}`, change);
      count(`${operation}:${Object.keys(change)[0]}`, status);
      return;
    }
    case 'deleteTask':
      return remove(taskIds, 'tasks');
    case 'createAccount':
      await createAccount(rng, `Rollup Account ${step}`);
      count(operation, 201);
      return;
    case 'moveAccount': {
      const { status } = await write('PATCH', `/accounts/${one(ids.accounts)}`, {
        ...(rng.chance(0.7) ? { territoryId: rng.chance(0.2) ? null : rng.pick(territoryIds) } : {}),
        ...(rng.chance(0.3) ? { type: rng.pick(['customer', 'partner']) } : {}),
        ownerId: rng.pick(people()),
      });
      count(operation, status);
      return;
    }
    case 'deleteAccount':
      return remove(ids.accounts, 'accounts');
    case 'restoreAccount':
      return restore(ids.accounts, 'accounts');
    case 'merge': {
      const [survivor, source] = rng.sample(live(ids.accounts), 2);
      const { status } = await write('POST', `/accounts/${survivor}/merge`, { sourceId: source });
      count(operation, status);
      if (status < 300 && source) deleted.add(source);
      return;
    }
    case 'createLead':
      await createLead(rng, step);
      count(operation, 201);
      return;
    case 'patchLead': {
      const change = rng.pick([
        () => ({ territoryId: rng.chance(0.2) ? null : rng.pick(territoryIds) }),
        () => ({ ownerId: rng.pick(people()) }),
        () => ({ stage: rng.pick(['new', 'contacted', 'qualified']) }),
      ])();
      const { status } = await write('PATCH', `/leads/${one(ids.leads)}`, change);
      count(`${operation}:${Object.keys(change)[0]}`, status);
      return;
    }
    case 'disqualifyLead': {
      const { status } = await write('POST', `/leads/${one(ids.leads)}/disqualify`, { reason: 'No budget' });
      count(operation, status);
      return;
    }
    case 'convertLead': {
      const { status, body } = await write('POST', `/leads/${one(ids.leads)}/convert`, {
        opportunity: { name: 'Converted deal', amount: 1000, closeDate: instant(rng).slice(0, 10) },
      });
      count(operation, status);
      if (status < 300) {
        ids.accounts.push((body.account as { id: string }).id);
        const opportunity = body.opportunity as { id: string } | undefined;
        if (opportunity) ids.deals.push(opportunity.id);
      }
      return;
    }
    case 'deleteLead':
      return remove(ids.leads, 'leads');
    case 'restoreLead':
      return restore(ids.leads, 'leads');
    case 'createDeal': {
      const { status, body } = await write('POST', '/opportunities', {
        name: `Deal ${step}`,
        accountId: one(ids.accounts),
        ownerId: rng.pick(people()),
        amount: 5000,
        closeDate: instant(rng).slice(0, 10),
      });
      count(operation, status);
      if (status === 201) ids.deals.push(body.id as string);
      return;
    }
    case 'moveDeal': {
      if (live(ids.deals).length === 0) return;
      const { status } = await write('PATCH', `/opportunities/${one(ids.deals)}`, { accountId: one(ids.accounts) });
      count(operation, status);
      return;
    }
    case 'deleteDeal':
      return remove(ids.deals, 'opportunities');
    case 'restoreDeal':
      return restore(ids.deals, 'opportunities');
    case 'momentInSql': {
      // An import back-dates what was done: only the triggers see this.
      await t.deps.database.db.execute(
        sql`update activities set completed_at = ${new Date(Date.now() - rng.int(0, 35 * 24) * HOUR)}
            where id in (select id from activities order by id offset ${rng.int(0, 5)} limit 3)`,
      );
      count(operation, 200);
      return;
    }
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  users.manager = await t.createUser({ role: 'manager', name: 'Rollup Manager' });
  for (const [name, managerId] of [
    ['Rollup North', users.manager.id],
    ['Rollup South', null],
    ['Rollup East', null],
  ] as const) {
    const { status, body } = await write('POST', '/territories', { name, managerId });
    expect(status).toBe(201);
    territoryIds.push(body.id as string);
  }
  const [north, south, east] = territoryIds as [string, string, string];
  users.repA = await t.createUser({ name: 'Rep A', managerId: users.manager.id, territoryIds: [north] });
  users.repB = await t.createUser({ name: 'Rep B', territoryIds: [south] });
  users.repC = await t.createUser({ name: 'Rep C', managerId: users.manager.id, territoryIds: [east, south] });
  users.repD = await t.createUser({ name: 'Rep D without territory', managerId: users.manager.id });

  const rng = createRng(20_261_205);
  for (let index = 0; index < 6; index += 1) await createAccount(rng, `Rollup Account ${index}`);
  for (let index = 0; index < 4; index += 1) await createLead(rng, index);
  for (let step = 0; step < 260; step += 1) await randomWrite(rng, step);
}, 300_000);
afterAll(() => t.close());

const viewers = async (): Promise<[string, Viewer][]> =>
  Promise.all(
    ['admin', 'manager', 'repA', 'repB', 'repC', 'repD'].map(
      async (name) =>
        [name, await viewerForUser(t.deps, (name === 'admin' ? t.admin : (users[name] as TestUser)).id)] as [
          string,
          Viewer,
        ],
    ),
  );

const noNarrowing = { ownerIds: [], territoryIds: [] };
const byKey = <Row extends Record<string, unknown>>(rows: Row[]) =>
  rows
    .filter((row) => row.count !== 0)
    .map((row) => JSON.stringify(row))
    .sort();

describe('record rollups', () => {
  it('went through every kind of write', () => {
    for (const operation of [
      'createActivity',
      'completeActivity',
      'patchActivity:scheduledAt',
      'patchActivity:accountId',
      'deleteActivity',
      'restoreActivity',
      'createTask',
      'createTaskAsRep',
      'completeTask',
      'patchTask:dueAt',
      'patchTask:assigneeId',
      'patchTask:status',
      'patchTask:leadId',
      'deleteTask',
      'moveAccount',
      'deleteAccount',
      'restoreAccount',
      'merge',
      'patchLead:territoryId',
      'disqualifyLead',
      'convertLead',
      'deleteLead',
      'restoreLead',
      'moveDeal',
      'deleteDeal',
      'restoreDeal',
    ]) {
      expect(succeeded.get(operation) ?? 0, operation).toBeGreaterThan(0);
    }
  });

  it('count accounts and leads as the records do, for every viewer', async () => {
    const { db } = t.deps.database;
    for (const [name, viewer] of await viewers()) {
      const accounts = await countAccountsByTypeFromRollups(db, viewer);
      expect(byKey(accounts), name).toEqual(byKey(await countAccountsByType(db, viewer, noNarrowing)));
      const leads = await countLeadsFromRollups(db, viewer);
      expect(byKey(leads), name).toEqual(byKey(await countLeads(db, viewer, noNarrowing)));
      if (name !== 'repD') expect(accounts.length, name).toBeGreaterThan(0);
    }
  });

  it('count activities in any window as the records do, for every viewer', async () => {
    const { db } = t.deps.database;
    const now = new Date();
    const midnight = new Date(Math.floor(now.getTime() / DAY) * DAY);
    const windows = [
      { from: new Date(now.getTime() - 30 * DAY), to: now },
      { from: new Date(midnight.getTime() - 30 * DAY), to: midnight },
      { from: new Date(now.getTime() - 5 * HOUR), to: now },
      { from: new Date(midnight.getTime() - 3 * DAY + HOUR), to: new Date(now.getTime() + 9 * DAY) },
    ];
    let counted = 0;
    for (const [name, viewer] of await viewers()) {
      for (const window of windows) {
        const fromRollups = await countActivitiesByTypeFromRollups(db, viewer, window);
        const fromRecords = await countActivitiesByType(db, viewer, noNarrowing, window);
        expect(byKey(fromRollups), `${name} ${window.from.toISOString()}`).toEqual(byKey(fromRecords));
        counted += fromRecords.reduce((sum, row) => sum + row.count, 0);
      }
    }
    expect(counted).toBeGreaterThan(100);
  });

  it('count open, overdue and due-today tasks as the records do, for every viewer', async () => {
    const { db } = t.deps.database;
    const now = new Date();
    const dayStart = new Date(Math.floor(now.getTime() / DAY) * DAY);
    const moments = { now, dayStart, dayEnd: new Date(dayStart.getTime() + DAY) };
    for (const [name, viewer] of await viewers()) {
      const fromRecords = await countOpenTasks(db, viewer, noNarrowing, moments);
      expect(await countOpenTasksFromRollups(db, viewer, moments), name).toEqual(fromRecords);
      if (name === 'admin') {
        expect(fromRecords.open).toBeGreaterThan(20);
        expect(fromRecords.overdue).toBeGreaterThan(0);
      }
    }
  });

  it('hold no emptied rows, and a rebuild from scratch gives the rows the triggers kept', async () => {
    const { db } = t.deps.database;
    const snapshot = async () => ({
      accounts: await queryRows(
        db,
        sql`select territory_id, type, stripe, account_count from account_rollups order by 1, 2, 3`,
      ),
      leads: await queryRows(
        db,
        sql`select territory_id, status, stage, source, lead_count from lead_rollups order by 1, 2, 3, 4`,
      ),
      activities: await queryRows(
        db,
        sql`select account_territory_id, lead_territory_id, deal_territory_id, day::text, type, activity_count
            from activity_rollups order by 1, 2, 3, 4, 5`,
      ),
      tasks: await queryRows(
        db,
        sql`select account_territory_id, lead_territory_id, deal_territory_id, due_day::text, task_count
            from task_rollups order by 1, 2, 3, 4`,
      ),
    });
    const kept = await snapshot();
    expect(kept.activities.length).toBeGreaterThan(20);
    expect(kept.tasks.length).toBeGreaterThan(10);
    for (const rows of Object.values(kept)) {
      expect(rows.every((row) => Object.values(row).some((value) => typeof value === 'number' && value > 0))).toBe(
        true,
      );
    }
    const rebuilt = await rebuildRecordRollupTables(t.deps);
    expect(rebuilt).toEqual({
      accounts: kept.accounts.length,
      leads: kept.leads.length,
      activities: kept.activities.length,
      tasks: kept.tasks.length,
    });
    expect(await snapshot()).toEqual(kept);
  });
});
