import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';
import { databaseUrl, runOnServer } from '../helpers/template.js';

const countMigrations = async (database: Awaited<ReturnType<typeof openPglite>>) =>
  Number(
    (await database.rows<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`))[0]
      ?.count,
  );

/** Searches read a GIN index's whole pending list: every GIN index is written to directly (schema/columns.ts). */
async function expectGinIndexesWrittenDirectly(database: Awaited<ReturnType<typeof openPglite>>) {
  const ginIndexes = await database.rows<{ name: string; options: string[] | null }>(
    sql`select c.relname as name, c.reloptions as options
          from pg_class c join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
         where am.amname = 'gin' and n.nspname = 'public'
         order by c.relname`,
  );
  expect(ginIndexes.map((index) => index.name)).toEqual(
    expect.arrayContaining(['accounts_search_idx', 'contacts_name_trgm_idx', 'leads_company_trgm_idx']),
  );
  for (const index of ginIndexes) expect(index.options, index.name).toEqual(['fastupdate=false']);
}

describe('migrations', () => {
  it('apply to an empty PGlite database, a second run changes nothing, and data survives a reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-migrate-'));
    try {
      const database = await openPglite(dir);
      await runMigrations(database);
      const applied = await countMigrations(database);
      expect(applied).toBeGreaterThan(0);
      await runMigrations(database);
      expect(await countMigrations(database)).toBe(applied);
      const extensions = await database.rows<{ extname: string }>(sql`select extname from pg_extension`);
      expect(extensions.map((row) => row.extname)).toContain('pg_trgm');
      await expectGinIndexesWrittenDirectly(database);
      await database.rows(sql`insert into login_throttles (email_key, failures) values ('kept@example.com', 2)`);
      await database.close();

      const reopened = await openPglite(dir);
      await runMigrations(reopened);
      const kept = await reopened.rows<{ failures: number }>(sql`select failures from login_throttles`);
      expect(kept).toEqual([{ failures: 2 }]);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Creating a PGlite database from nothing (initdb) takes seconds, and much longer on a busy machine.
  }, 180_000);

  it.runIf(process.env.TEST_DATABASE_URL)('are safe when several processes start at once on PostgreSQL', async () => {
    const baseUrl = process.env.TEST_DATABASE_URL as string;
    const name = `meridian_migrate_${Date.now()}`;
    await runOnServer(baseUrl, `create database ${name}`);
    const databases = await Promise.all([1, 2, 3].map(() => openPostgres(databaseUrl(baseUrl, name), 2)));
    try {
      await Promise.all(databases.map((database) => runMigrations(database)));
      const first = databases[0] as (typeof databases)[number];
      const applied = await countMigrations(first);
      const journal = JSON.parse(fs.readFileSync(path.resolve('drizzle/meta/_journal.json'), 'utf8'));
      expect(applied).toBe(journal.entries.length);
      await expectGinIndexesWrittenDirectly(first);
      await runMigrations(first);
      expect(await countMigrations(first)).toBe(applied);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
      await runOnServer(baseUrl, `drop database if exists ${name} with (force)`);
    }
  });
});
