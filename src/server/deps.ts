import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { type AccessTokens, createAccessTokens } from './modules/auth/access-tokens.js';
import { loadJwtSecret } from './modules/auth/secrets.js';
import { createViewerCache, type ViewerCache } from './modules/auth/viewer-cache.js';

/** Everything services need, as one plain object: tests build it with another database or config. */
export type Deps = {
  config: Config;
  database: Database;
  accessTokens: AccessTokens;
  viewerCache: ViewerCache;
  logger: Logger | undefined;
};

export async function createDeps(
  config: Config,
  options: { logger?: Logger; database?: Database } = {},
): Promise<Deps> {
  const database = options.database ?? (await openDatabase(config.database));
  await runMigrations(database);
  return {
    config,
    database,
    accessTokens: await createAccessTokens(
      loadJwtSecret(config.jwtSecret, config.dataDir),
      config.accessTokenTtlSeconds,
    ),
    viewerCache: createViewerCache(),
    logger: options.logger,
  };
}
