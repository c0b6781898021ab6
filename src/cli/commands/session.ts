import fs from 'node:fs';
import { type Config, loadConfig } from '../../server/config.js';
import { type Database, openDatabase } from '../../server/db/client.js';
import { createDeps, type Deps } from '../../server/deps.js';
import { CliError } from './cli-error.js';

/**
 * Opens the configured database for one command and always closes it, also on failure: an embedded
 * PGlite that is not closed cleanly can leave its data directory unusable.
 */
export async function withDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
  options: { mustExist?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  if (options.mustExist && config.database.kind === 'pglite' && !fs.existsSync(config.database.dataDir)) {
    throw new CliError(
      `there is no database at ${config.database.dataDir}; set MERIDIAN_DATA_DIR or DATABASE_URL to point at one`,
    );
  }
  const database = await openDatabase(config.database);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** The same dependencies the server builds (migrations run), for commands that call services. */
export async function withDeps<T>(work: (deps: Deps) => Promise<T>): Promise<T> {
  return withDatabase(async (database, config) => work(await createDeps(config, { database })));
}

/** Where the data lives, for messages; a PostgreSQL password never appears. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'pglite') return `PGlite at ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
