import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { databaseUrl, runOnServer } from '../../../test/helpers/template.js';
import { backupDatabase, meridianTables, orderTablesForRestore, restoreDatabase } from './backup.js';
import { type Database, openPglite, openPostgres, queryRows } from './client.js';
import { accounts, contacts, territories } from './schema/index.js';

describe('restore order', () => {
  const column = (name: string, notNull = false) => ({ name, notNull });

  it('puts referenced tables first and defers self-references', () => {
    const order = orderTablesForRestore([
      {
        name: 'contacts',
        columns: [column('account_id', true)],
        references: [{ table: 'accounts', columns: ['account_id'] }],
      },
      {
        name: 'accounts',
        columns: [column('parent_id'), column('owner_id')],
        references: [
          { table: 'accounts', columns: ['parent_id'] },
          { table: 'users', columns: ['owner_id'] },
        ],
      },
      { name: 'users', columns: [column('manager_id')], references: [{ table: 'users', columns: ['manager_id'] }] },
    ]);
    expect(order).toEqual([
      { name: 'users', deferredColumns: ['manager_id'] },
      { name: 'accounts', deferredColumns: ['parent_id'] },
      { name: 'contacts', deferredColumns: [] },
    ]);
  });

  it('breaks a cycle between tables at a nullable foreign key, and refuses a NOT NULL cycle', () => {
    const order = orderTablesForRestore([
      { name: 'a', columns: [column('b_id', true)], references: [{ table: 'b', columns: ['b_id'] }] },
      { name: 'b', columns: [column('a_id')], references: [{ table: 'a', columns: ['a_id'] }] },
    ]);
    expect(order).toEqual([
      { name: 'b', deferredColumns: ['a_id'] },
      { name: 'a', deferredColumns: [] },
    ]);
    expect(() =>
      orderTablesForRestore([
        { name: 'a', columns: [column('b_id', true)], references: [{ table: 'b', columns: ['b_id'] }] },
        { name: 'b', columns: [column('a_id', true)], references: [{ table: 'a', columns: ['a_id'] }] },
      ]),
    ).toThrow(/NOT NULL/);
  });
});

describe('backup and restore', () => {
  let source: TestApp;
  let workDir: string;
  let backupFile: string;
  const targets: { database: Database; drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-backup-test-'));
    backupFile = path.join(workDir, 'backup.ndjson.gz');
    source = await buildTestApp();
    await fillWithEveryKindOfRow(source);
  });

  afterAll(async () => {
    for (const target of targets) await target.drop();
    await source?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** A new database without rows, of the kind the suite runs on (on PostgreSQL unmigrated: restore migrates it). */
  async function emptyDatabase(): Promise<Database> {
    const baseUrl = process.env.TEST_DATABASE_URL;
    if (baseUrl) {
      const name = `meridian_restore_${randomBytes(6).toString('hex')}`;
      await runOnServer(baseUrl, `create database ${name}`);
      const database = await openPostgres(databaseUrl(baseUrl, name), 2);
      targets.push({
        database,
        drop: async () => {
          await database.close();
          await runOnServer(baseUrl, `drop database if exists ${name} with (force)`);
        },
      });
      return database;
    }
    // A fresh PGlite directory costs seconds of initdb; the run's migrated template is just as empty.
    const dataDir = fs.mkdtempSync(path.join(workDir, 'pglite-'));
    fs.cpSync(inject('pgliteTemplateDir'), dataDir, { recursive: true });
    const database = await openPglite(dataDir);
    targets.push({ database, drop: () => database.close() });
    return database;
  }

  it('restores every row of every table exactly, into an empty database', async () => {
    const backup = await backupDatabase(source.deps.database, backupFile);
    // It holds password and token hashes: its owner's to read, no one else's.
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    const sourceRows = await allRows(source.deps.database);
    expect(backup.tables.map((table) => table.table).sort()).toEqual(Object.keys(sourceRows).sort());
    for (const table of ['users', 'api_keys', 'refresh_tokens', 'audit_log', 'login_throttles', 'idempotency_keys']) {
      expect(sourceRows[table]?.length, table).toBeGreaterThan(0);
    }

    const target = await emptyDatabase();
    const restored = await restoreDatabase(target, backupFile);

    expect(restored.totalRows).toBe(backup.totalRows);
    expect(await allRows(target)).toEqual(sourceRows);
  });

  it('refuses a database that holds data, and replaces it with force', async () => {
    const target = await emptyDatabase();
    await restoreDatabase(target, backupFile);
    await target.db.execute(sql`update users set name = 'changed after restore'`);
    const before = await allRows(target);

    await expect(restoreDatabase(target, backupFile)).rejects.toThrow(/not empty.*--force/);
    expect(await allRows(target)).toEqual(before);

    await restoreDatabase(target, backupFile, { force: true });
    expect(await allRows(target)).toEqual(await allRows(source.deps.database));
  });

  it('rejects files that are not a Meridian backup of this version', async () => {
    const target = await emptyDatabase();
    const plain = path.join(workDir, 'plain.txt');
    fs.writeFileSync(plain, 'hello\n');
    await expect(restoreDatabase(target, plain)).rejects.toThrow(/not a Meridian backup/);

    const foreign = path.join(workDir, 'foreign.ndjson.gz');
    fs.writeFileSync(foreign, gzipSync('{"format":"something-else"}\n'));
    await expect(restoreDatabase(target, foreign)).rejects.toThrow(/not a Meridian backup/);

    const future = path.join(workDir, 'future.ndjson.gz');
    fs.writeFileSync(future, gzipSync('{"format":"meridian-backup","version":2}\n'));
    await expect(restoreDatabase(target, future)).rejects.toThrow(/version 2 backup/);

    const otherSchema = path.join(workDir, 'other-schema.ndjson.gz');
    const header = { format: 'meridian-backup', version: 1, migrations: 99, migrationTag: '0098_later', tables: [] };
    fs.writeFileSync(otherSchema, gzipSync(`${JSON.stringify({ ...header, rowCounts: {} })}\n`));
    await expect(restoreDatabase(target, otherSchema)).rejects.toThrow(/0098_later.*version that made it/);

    const truncated = path.join(workDir, 'truncated.ndjson.gz');
    const whole = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(/truncated/);
    // The failed restore ran in one transaction: nothing of it is left behind.
    for (const rows of Object.values(await allRows(target))) expect(rows).toEqual([]);
  });
});

/** Every row of every Meridian table as PostgreSQL prints it, so any change in type or precision shows. */
async function allRows(database: Database): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of meridianTables()) {
    const rows = await queryRows<{ row: string }>(
      database.db,
      sql`select to_jsonb(t)::text as row from ${table.identifier} t order by 1`,
    );
    result[table.name] = rows.map((row) => row.row);
  }
  return result;
}

/** Rows through the API where it exists, and the awkward cases (precision, self-references, volume) in SQL. */
async function fillWithEveryKindOfRow(t: TestApp): Promise<void> {
  const db = t.deps.database.db;
  const territoryIds = [uuidv7(), uuidv7()];
  await db.insert(territories).values([
    { id: territoryIds[0] as string, name: 'North', region: 'EMEA', managerId: t.admin.id },
    { id: territoryIds[1] as string, name: 'South', region: null },
  ]);
  // A user whose manager is created after them: their id sorts first, so the self-reference must be deferred.
  const rep = await t.createUser({ role: 'rep', territoryIds });
  const manager = await t.createUser({ role: 'manager' });
  const patched = await t.request({
    method: 'PATCH',
    url: `/api/v1/users/${rep.id}`,
    as: t.admin,
    payload: { managerId: manager.id },
  });
  expect(patched.statusCode).toBe(200);

  const created = await t.request({
    method: 'POST',
    url: '/api/v1/users',
    as: t.admin,
    headers: { 'idempotency-key': 'backup-test-1' },
    payload: { email: 'gone@example.com', name: 'Soon Deleted', role: 'rep' },
  });
  expect(created.statusCode).toBe(201);
  const deleted = await t.request({ method: 'DELETE', url: `/api/v1/users/${created.json().id}`, as: t.admin });
  expect(deleted.statusCode).toBe(204);

  const apiKey = await t.request({
    method: 'POST',
    url: '/api/v1/api-keys',
    as: rep,
    payload: { name: 'integration', scopes: ['read', 'write'], expiresAt: '2031-01-02T03:04:05.678Z' },
  });
  expect(apiKey.statusCode).toBe(201);

  const failedLogin = await t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: rep.email, password: 'not the password' },
  });
  expect(failedLogin.statusCode).toBe(401);

  // jsonb numbers beyond double precision and a microsecond timestamp must survive byte for byte.
  await db.execute(sql`
    insert into audit_log (id, actor_id, action, entity, entity_id, before, after, occurred_at)
    values (${uuidv7()}, null, 'update', 'accounts', ${uuidv7()}, '{"amount": 12345678901234567890.123456789}',
            '{"nested": {"list": [1, "two", null, true]}}', '2024-02-29 23:59:59.123456+00')`);
  // Restore inserts 1,000 rows per statement and a statement may reference its own rows, so only a reference
  // into a later batch proves the deferral: the first user by id reports to the last one.
  await db.execute(sql`
    insert into users (id, email, name, role)
    select gen_random_uuid(), 'bulk' || n || '@example.com', 'Bulk ' || n, 'rep' from generate_series(1, 1500) n`);
  await db.execute(sql`
    update users set manager_id = (select id from users order by id desc limit 1)
    where id = (select id from users order by id limit 1)`);
  // More rows than one backup page (5,000), with a text key and a composite key whose first column ties.
  await db.execute(sql`
    insert into login_throttles (email_key, failures, window_started_at)
    select 'bulk' || n || '@example.com', n % 7, now() - n * interval '1 second' from generate_series(1, 12000) n`);
  await db.execute(sql`
    insert into idempotency_keys (user_id, key, operation, request_hash, status_code, response)
    select ${rep.id}, 'bulk-' || n, 'POST /api/v1/things', md5(n::text), 201, jsonb_build_object('n', n)
    from generate_series(1, 6000) n`);

  const parentId = uuidv7();
  const childId = uuidv7();
  // The child is inserted first with the smaller id, pointing at its parent: another deferred self-reference.
  await db.insert(accounts).values([
    {
      id: childId,
      name: 'Child Dealer',
      type: 'dealer',
      normalizedName: 'child dealer',
      territoryId: territoryIds[0],
      ownerId: rep.id,
      annualRevenue: sql`9999999999999999.99` as unknown as number,
      latitude: 52.52000812345679,
      longitude: -0.1,
      website: 'https://child.example.com',
    },
    { id: parentId, name: 'Parent Distributor', type: 'distributor', normalizedName: 'parent distributor' },
  ]);
  await db.execute(sql`update accounts set parent_id = ${parentId} where id = ${childId}`);
  const bossId = uuidv7();
  await db.insert(contacts).values([
    { id: bossId, accountId: childId, firstName: 'Ada', lastName: 'Boss', role: 'decision_maker', isPrimary: true },
    { id: uuidv7(), accountId: childId, firstName: 'Bo', lastName: 'Report', role: 'contact', reportsToId: bossId },
  ]);

  // Files: every byte value, and more of them than one backup read (4 rows) or a small write batch holds.
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7) % 256));
  for (let index = 0; index < 6; index += 1) {
    const data = new FormData();
    data.append('accountId', childId);
    data.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), `part-${index}.bin`);
    const encoded = new Response(data);
    const uploaded = await t.request({
      method: 'POST',
      url: '/api/v1/attachments',
      as: t.admin,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }
}
