import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { queryRows } from '../db/client.js';
import { haversineMeters } from '../modules/activities/haversine.js';
import { type SeedScaleResult, seedScale } from './seed-scale.js';

let t: TestApp;
let seeded: SeedScaleResult;
let indexesBefore: { indexname: string; indexdef: string }[];
const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  queryRows<T>(t.deps.database.db, query);
const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(query))[0]?.n);

beforeAll(async () => {
  t = await buildTestApp();
  // The generator fills an empty database: drop the test's own admin (and what hangs off it).
  await t.deps.database.db.execute(sql`truncate table users cascade`);
  indexesBefore = await indexDefinitions();
  seeded = await seedScale(t.deps.database, { accounts: 1_000, seed: 3 });
}, 120_000);
afterAll(() => t.close());

const indexDefinitions = () =>
  rows<{ indexname: string; indexdef: string }>(
    sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() order by indexname`,
  );

describe('seed --scale', () => {
  it('fills every table in proportion to the accounts', async () => {
    const expected = {
      accounts: 1_000,
      contacts: 3_000,
      leads: 2_000,
      opportunities: 2_000,
      activities: 10_000,
      tasks: 2_000,
      communications: 1_000,
      notes: 1_000,
    };
    for (const [table, rowCount] of Object.entries(expected)) {
      expect(await count(sql`select count(*)::int as n from ${sql.identifier(table)}`), table).toBe(rowCount);
    }
    expect(seeded.report.datasets.find((stats) => stats.name === 'activities')?.rows).toBe(10_000);
  });

  it('leaves every index as it found it: the bulk load re-creates what it dropped, options included', async () => {
    expect(await indexDefinitions()).toEqual(indexesBefore);
    expect(indexesBefore.find((index) => index.indexname === 'leads_search_idx')?.indexdef).toMatch(/fastupdate/);
  });

  it('links activities, tasks, communications and notes consistently', async () => {
    for (const table of ['activities', 'tasks', 'communications', 'notes']) {
      const mismatched = await count(sql`
        select count(*)::int as n from ${sql.identifier(table)} r
          left join contacts c on c.id = r.contact_id
          left join opportunities o on o.id = r.opportunity_id
         where r.account_id is null
            or (r.contact_id is not null and c.account_id <> r.account_id)
            or (r.opportunity_id is not null and o.account_id <> r.account_id)`);
      expect(mismatched, table).toBe(0);
    }
    expect(await count(sql`select count(*)::int as n from activities where contact_id is not null`)).toBeGreaterThan(
      3_000,
    );
    expect(
      await count(sql`select count(*)::int as n from activities where opportunity_id is not null`),
    ).toBeGreaterThan(1_000);
  });

  it('checks visits in near their accounts and spreads work over the past year and the next month', async () => {
    const visits = await rows<{
      lat: number;
      lng: number;
      check_lat: number;
      check_lng: number;
      distance: number;
      far: boolean;
    }>(sql`
      select a.latitude as lat, a.longitude as lng, v.check_in_latitude as check_lat, v.check_in_longitude as check_lng,
             v.check_in_distance_meters as distance, v.far_from_account as far
        from activities v join accounts a on a.id = v.account_id
       where v.type = 'visit' and v.status = 'completed'`);
    expect(visits.length).toBeGreaterThan(1_500);
    for (const visit of visits) {
      const meters = haversineMeters(
        { lat: visit.lat, lng: visit.lng },
        { lat: visit.check_lat, lng: visit.check_lng },
      );
      expect(Math.abs(meters - visit.distance)).toBeLessThan(1);
      expect(visit.far).toBe(meters > 500);
    }
    const [span] = await rows<{ oldest: number; newest: number }>(sql`
      select extract(epoch from now() - min(scheduled_at)) / 86400 as oldest,
             extract(epoch from max(scheduled_at) - now()) / 86400 as newest from activities`);
    expect(Number(span?.oldest)).toBeGreaterThan(300);
    expect(Number(span?.newest)).toBeGreaterThan(20);
    expect(
      await count(sql`select count(*)::int as n from tasks where status in ('open', 'in_progress') and due_at < now()`),
    ).toBeGreaterThan(200);
    // Past reminders count as raised: the reminder job must not wake up to thousands of them.
    expect(
      await count(sql`select count(*)::int as n from tasks where reminder_at <= now() and reminded_at is null`),
    ).toBe(0);
  });

  it('answers through the API as a generated rep', async () => {
    const [rep] = await rows<{ email: string }>(
      sql`select email from users where role = 'rep' and active order by email limit 1`,
    );
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: rep?.email, password: seeded.password },
    });
    expect(login.statusCode).toBe(200);
    const token = login.json().accessToken as string;
    for (const url of [
      '/api/v1/activities?limit=50',
      '/api/v1/tasks?overdue=true&assigneeId=me',
      '/api/v1/notes?limit=5',
    ]) {
      const response = await t.request({ method: 'GET', url, as: token });
      expect(response.statusCode, url).toBe(200);
    }
  });

  it('fills the deal rollups from the loaded deals (the bulk load ran without their triggers)', async () => {
    const measures = (from: ReturnType<typeof sql>) =>
      rows<{ stage: string; currency: string; n: number; amount: string }>(
        sql`select stage, currency, n::int as n, amount::text as amount from (${from}) m order by 1, 2`,
      );
    const deals = await measures(sql`select stage, currency, count(*) as n, sum(amount) as amount
      from opportunities where deleted_at is null group by 1, 2`);
    expect(deals.length).toBeGreaterThan(6);
    for (const rollup of ['deal_rollups', 'deal_owner_rollups']) {
      const rolledUp = await measures(sql`select stage, currency, sum(deal_count) as n, sum(amount) as amount
        from ${sql.identifier(rollup)} group by 1, 2`);
      expect(rolledUp, rollup).toEqual(deals);
    }
  });

  it('refuses a database that holds data', async () => {
    await expect(seedScale(t.deps.database, { accounts: 1_000, seed: 3 })).rejects.toThrow(/not empty/);
  });
});
