import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { databaseUrl, runOnServer } from './helpers/template.js';

/**
 * Migrates one template database per run (PGlite, and PostgreSQL when TEST_DATABASE_URL is set);
 * every test file then starts from a copy, which is much faster than migrating per file.
 */
export async function setup(project: TestProject) {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const templateDir = path.join(os.tmpdir(), `meridian-test-template-${runId}`);
  const database = await openPglite(templateDir);
  await runMigrations(database);
  await database.close();
  project.provide('pgliteTemplateDir', templateDir);

  const baseUrl = process.env.TEST_DATABASE_URL;
  const templateName = baseUrl ? `meridian_template_${runId}` : null;
  if (baseUrl && templateName) {
    await runOnServer(baseUrl, `create database ${templateName}`);
    const template = await openPostgres(databaseUrl(baseUrl, templateName), 2);
    await runMigrations(template);
    await template.close();
  }
  project.provide('postgresTemplateName', templateName);

  return async () => {
    fs.rmSync(templateDir, { recursive: true, force: true });
    if (baseUrl && templateName) await runOnServer(baseUrl, `drop database if exists ${templateName} with (force)`);
  };
}
