import { spawn } from 'node:child_process';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { accounts, opportunities } from '../../server/db/schema/index.js';
import { packageRoot } from '../../server/paths.js';

/*
 * `meridian ask` answers as POST /api/v1/query: the same service, so the same plan, figures and
 * sentence. The CLI runs as a process of its own on the test's database, as an operator would run it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.database.db;
  const accountId = v7();
  await db.insert(accounts).values({
    id: accountId,
    name: 'Harbor Tractors',
    type: 'dealer',
    ownerId: t.admin.id,
    normalizedName: 'harbor tractors',
  });
  const deal = (stage: string, amount: number) => ({
    id: v7(),
    name: `Harbor ${stage}`,
    accountId,
    ownerId: t.admin.id,
    stage,
    probability: stage === 'closed_won' ? 100 : stage === 'closed_lost' ? 0 : 50,
    amount,
    currency: 'USD',
    closeDate: '2026-06-30',
    ...(stage.startsWith('closed') ? { closedAt: new Date('2026-06-30T12:00:00Z') } : {}),
  });
  await db
    .insert(opportunities)
    .values([deal('closed_won', 40000), deal('closed_lost', 10000), deal('closed_won', 5000), deal('proposal', 7000)]);
});

afterAll(async () => {
  await t?.close();
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: packageRoot,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...t.databaseEnvironment },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('meridian ask', () => {
  it('answers with the plan, figures and sentence of the API', async () => {
    const questions = ['what is our win rate', 'total value of open deals by stage'];
    const fromApi = [];
    for (const question of questions) {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/query',
        as: t.admin,
        payload: { question, timeZone: 'UTC' },
      });
      expect(response.statusCode).toBe(200);
      fromApi.push(response.json());
    }
    expect(fromApi[0].data).toMatchObject({ total: 3, value: 0.6667 });
    // The embedded database has one owner: the app lets go of it before the CLI opens it.
    await t.deps.database.close();
    for (const [index, question] of questions.entries()) {
      const cli = await runCli(['ask', question, '--as', t.admin.email, '--time-zone', 'UTC', '--json']);
      expect(cli.code, cli.stderr).toBe(0);
      const answer = JSON.parse(cli.stdout);
      const { answer: sentence, plan, data, engine } = fromApi[index];
      expect({ answer: answer.answer, plan: answer.plan, data: answer.data, engine: answer.engine }).toEqual({
        answer: sentence,
        plan,
        data,
        engine,
      });
    }
  }, 60_000);
});
