import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/meridian_bench';

/**
 * Gives the run an empty database: DROP DATABASE … WITH (FORCE) then CREATE DATABASE, rather than
 * truncating, so every run starts without the previous run's bloat, dead tuples, statistics or
 * leftover tables from an older schema, and the migrations run from scratch as on a new install.
 * Because that destroys the database, the name must contain "bench".
 */
export async function recreateBenchDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`BENCH_DATABASE_URL names no database: ${url}`);
  if (!/bench/i.test(name)) {
    throw new Error(
      `refusing to drop "${name}": the benchmark recreates its database, so its name must contain "bench"`,
    );
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`drop database if exists ${quoted} with (force)`);
    await client.query(`create database ${quoted}`);
  } finally {
    await client.end();
  }
}
