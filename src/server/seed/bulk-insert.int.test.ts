import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { queryRows } from '../db/client.js';
import { type BulkClient, bulkClientOf } from './bulk-insert.js';

// Two tables of every column type the generator writes: one filled by the bulk writer (binary COPY on
// PostgreSQL, unnest on PGlite), one by Drizzle's own insert. Both must hold the same values.
const everyType = (name: string) =>
  pgTable(name, {
    id: integer('id').primaryKey(),
    key: uuid('key'),
    label: text('label'),
    code: varchar('code', { length: 20 }),
    count: integer('count'),
    ratio: doublePrecision('ratio'),
    active: boolean('active'),
    amount: numeric('amount', { precision: 18, scale: 2, mode: 'number' }),
    total: numeric('total'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }),
    day: date('day', { mode: 'string' }),
    details: jsonb('details'),
    tags: text('tags').array(),
    keys: uuid('keys').array(),
  });
const bulkTable = everyType('bulk_every_type');
const drizzleTable = everyType('drizzle_every_type');
const columnsSql = sql.raw(`(id integer primary key, key uuid, label text, code varchar(20), count integer,
  ratio double precision, active boolean, amount numeric(18, 2), total numeric, at timestamptz, day date,
  details jsonb, tags text[], keys uuid[])`);

type Row = typeof bulkTable.$inferInsert;
const nulls: Omit<Row, 'id'> = {
  key: null,
  label: null,
  code: null,
  count: null,
  ratio: null,
  active: null,
  amount: null,
  total: null,
  at: null,
  day: null,
  details: null,
  tags: null,
  keys: null,
};
const rows: Row[] = [
  {
    id: 1,
    key: '0193a1b2-c3d4-7e5f-8a6b-9c0d1e2f3a4b',
    label: 'Zoë — 東京 "quoted" and a tab\there, a newline\nthere, a backslash \\ and \\N',
    code: 'A-1',
    count: 2_147_483_647,
    ratio: 0.1 + 0.2,
    active: true,
    amount: 1234567.89,
    total: '98765432109876543210.123456789',
    at: new Date('2025-06-30T12:34:56.789Z'),
    day: '2025-02-28',
    details: { rule: 'budget', points: 15, note: 'Zoë 東京', nested: [1, null, true] },
    tags: ['valves', 'pumps, industrial', 'with "quotes"', ''],
    keys: ['0193a1b2-c3d4-7e5f-8a6b-9c0d1e2f3a4b', '0193A1B2-C3D4-7E5F-8A6B-9C0D1E2F3A4C'],
  },
  {
    id: 2,
    key: '00000000-0000-0000-0000-000000000000',
    label: '',
    code: '',
    count: -2_147_483_648,
    ratio: -1.5e-300,
    active: false,
    amount: -0.05,
    total: '0',
    at: new Date('1969-07-20T20:17:40.001Z'),
    day: '1999-12-31',
    details: [],
    tags: [],
    keys: [],
  },
  {
    id: 3,
    key: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    label: 'x'.repeat(10_000),
    code: 'Z',
    count: 0,
    ratio: 0,
    active: true,
    amount: 10000,
    total: '-0.0001',
    at: new Date('2000-01-01T00:00:00.000Z'),
    day: '2000-01-01',
    details: 'a JSON string',
    tags: ['one', null as unknown as string],
    keys: null,
  },
  { id: 4, ...nulls },
];

let t: TestApp;
let client: BulkClient;
const dump = (table: string) =>
  queryRows<{ row: unknown }>(
    t.deps.database.db,
    sql`select to_jsonb(r) - 'id' as row from ${sql.identifier(table)} r order by id`,
  );

beforeAll(async () => {
  t = await buildTestApp();
  for (const table of ['bulk_every_type', 'drizzle_every_type']) {
    await t.deps.database.db.execute(sql`create table ${sql.identifier(table)} ${columnsSql}`);
  }
  client = await bulkClientOf(t.deps.database, { lanes: 1, buildLanes: 0 });
});
afterAll(async () => {
  client.release();
  await t.close();
});

describe('the bulk writer', () => {
  it('writes every column type exactly as an insert through Drizzle does', async () => {
    expect(await client.writeRows(bulkTable, rows, 0)).toBe(rows.length);
    await t.deps.database.db.insert(drizzleTable).values(rows);
    const written = await dump('bulk_every_type');
    expect(written).toEqual(await dump('drizzle_every_type'));
    // And the values are the intended ones, not the same mistake twice.
    const [first, second] = written.map((entry) => entry.row as Record<string, unknown>);
    expect(first).toMatchObject({
      key: '0193a1b2-c3d4-7e5f-8a6b-9c0d1e2f3a4b',
      label: rows[0]?.label,
      count: 2_147_483_647,
      amount: 1234567.89,
      at: '2025-06-30T12:34:56.789+00:00',
      day: '2025-02-28',
      tags: ['valves', 'pumps, industrial', 'with "quotes"', ''],
    });
    expect(second).toMatchObject({ amount: -0.05, at: '1969-07-20T20:17:40.001+00:00', day: '1999-12-31', tags: [] });
    const [{ total } = { total: '' }] = await queryRows<{ total: string }>(
      t.deps.database.db,
      sql`select total::text from bulk_every_type where id = 1`,
    );
    expect(total).toBe('98765432109876543210.123456789');
  });

  it('falls back to text for a column type it has no binary writer for', async () => {
    await t.deps.database.db.execute(sql`create table bulk_big (id integer primary key, big bigint)`);
    const bigTable = pgTable('bulk_big', { id: integer('id').primaryKey(), big: bigint('big', { mode: 'number' }) });
    await client.writeRows(
      bigTable,
      [
        { id: 1, big: 9_007_199_254_740_991 },
        { id: 2, big: null },
      ],
      0,
    );
    const written = await queryRows<{ big: string | null }>(
      t.deps.database.db,
      sql`select big::text from bulk_big order by id`,
    );
    expect(written).toEqual([{ big: '9007199254740991' }, { big: null }]);
  });

  it('refuses a value of the wrong type and writes nothing of the batch', async () => {
    const bad = [
      { ...nulls, id: 10 },
      { ...nulls, id: 11, count: 1.5 },
    ];
    const error = await client.writeRows(bulkTable, bad, 0).catch((caught: unknown) => caught);
    // COPY names where the generator went wrong; PGlite's unnest has the database's own message.
    const expected = t.deps.database.driver.kind === 'postgres' ? /bulk_every_type: row 1, "count"/ : /integer/;
    expect(String(error)).toMatch(expected);
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from bulk_every_type where id >= 10`,
    );
    expect(n).toBe(0);
  });
});
