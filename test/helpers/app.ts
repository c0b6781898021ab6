import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { type Database, openPglite, openPostgres } from '../../src/server/db/client.js';
import { createDeps, type Deps } from '../../src/server/deps.js';
import { createUser } from '../../src/server/modules/users/users.service.js';
import { systemViewer } from '../../src/server/platform/viewer.js';
import type { Role } from '../../src/shared/contracts/users.js';
import { databaseUrl, runOnServer } from './template.js';

export type TestUser = { id: string; email: string; password: string; token: string; role: Role };

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  admin: TestUser;
  /** Creates a user through the service and logs them in over HTTP. */
  createUser(options?: {
    role?: Role;
    managerId?: string | null;
    territoryIds?: string[];
    name?: string;
  }): Promise<TestUser>;
  /**
   * Where this app's database is, as the environment of a Meridian process (the CLI) that should use it:
   * MERIDIAN_DATA_DIR, and DATABASE_URL on PostgreSQL. An embedded database has one owner: close the
   * app's (`deps.database.close()`) before another process opens it.
   */
  databaseEnvironment: Record<string, string>;
  /** app.inject with a bearer token (a TestUser or a raw token). */
  request(options: InjectOptions & { as?: TestUser | string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A Meridian app on its own freshly migrated database: a copy of the run's PGlite template, or a clone of
 * the PostgreSQL template when TEST_DATABASE_URL is set. Every test file gets one and never shares it.
 */
export async function buildTestApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-test-'));
  const { database, dropDatabase, environment } = await openTestDatabase(dataDir);
  const config: Config = loadConfig({
    MERIDIAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    ...overrides,
  });
  const deps = await createDeps(config, { database });
  const app = await buildApp(deps, { logger: false });
  await app.ready();

  let userCount = 0;
  const createTestUser: TestApp['createUser'] = async (options = {}) => {
    userCount += 1;
    const role = options.role ?? 'rep';
    const email = `${role}${userCount}.${randomBytes(3).toString('hex')}@example.com`;
    const { user } = await createUser(deps, systemViewer(), {
      email,
      name: options.name ?? `${role} ${userCount}`,
      role,
      territoryIds: options.territoryIds ?? [],
      managerId: options.managerId ?? null,
      active: true,
      password: TEST_PASSWORD,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`test login failed: ${login.body}`);
    return { id: user.id, email, password: TEST_PASSWORD, token: login.json().accessToken, role };
  };

  const admin = await createTestUser({ role: 'admin', name: 'Test Admin' });
  return {
    app,
    deps,
    admin,
    createUser: createTestUser,
    databaseEnvironment: { MERIDIAN_DATA_DIR: dataDir, ...environment },
    request: ({ as, headers, ...options }) =>
      app.inject({
        ...options,
        headers: {
          ...(as ? { authorization: `Bearer ${typeof as === 'string' ? as : as.token}` } : {}),
          ...headers,
        },
      }),
    close: async () => {
      await app.close();
      await database.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openTestDatabase(
  dataDir: string,
): Promise<{ database: Database; dropDatabase: () => Promise<void>; environment: Record<string, string> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  const templateName = inject('postgresTemplateName');
  if (baseUrl && templateName) {
    const name = `meridian_test_${randomBytes(6).toString('hex')}`;
    await runOnServer(baseUrl, `create database ${name} template ${templateName}`);
    const url = databaseUrl(baseUrl, name);
    const database = await openPostgres(url, 10);
    return {
      database,
      dropDatabase: () => runOnServer(baseUrl, `drop database if exists ${name} with (force)`),
      environment: { DATABASE_URL: url },
    };
  }
  const copy = path.join(dataDir, 'pglite');
  fs.cpSync(inject('pgliteTemplateDir'), copy, { recursive: true });
  return { database: await openPglite(copy), dropDatabase: async () => {}, environment: {} };
}
