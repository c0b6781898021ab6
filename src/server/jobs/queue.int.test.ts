import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { jobs } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { maintenanceJob } from './maintenance.job.js';
import { createJobWorker, enqueueJob, type JobDefinition, scheduleRecurringJobs } from './queue.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const handled: string[] = [];
const echoJob: JobDefinition<{ word: string }> = {
  name: 'test-echo',
  payload: z.object({ word: z.string() }),
  async handle(_deps, payload) {
    handled.push(payload.word);
  },
};
let failuresLeft = 0;
const flakyJob: JobDefinition<{ word: string }> = {
  name: 'test-flaky',
  payload: z.object({ word: z.string() }),
  maxAttempts: 3,
  async handle(_deps, payload) {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error(`flaky ${payload.word}`);
    }
    handled.push(payload.word);
  },
};

const jobRow = async (name: string) => {
  const [row] = await t.deps.database.db.select().from(jobs).where(eq(jobs.name, name)).orderBy(jobs.createdAt);
  return row;
};
/** Makes every queued job due now (retries wait with backoff). */
const makeDue = () =>
  t.deps.database.rows(sql`update jobs set run_at = now() - interval '1 second' where status = 'queued'`);

describe('the job queue', () => {
  it('runs a job enqueued in a committed transaction, and never one whose transaction rolled back', async () => {
    const worker = createJobWorker(t.deps, [echoJob]);
    await inTransaction(t.deps.database.db, (tx) => enqueueJob(tx, echoJob, { word: 'committed' }));
    await expect(
      inTransaction(t.deps.database.db, async (tx) => {
        await enqueueJob(tx, echoJob, { word: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await worker.runDueJobs()).toBe(1);
    expect(handled).toEqual(['committed']);
    expect(await worker.runDueJobs()).toBe(0);
  });

  it('waits for run_at, and enqueues a singleton occurrence only once', async () => {
    const worker = createJobWorker(t.deps, [echoJob]);
    const later = new Date(Date.now() + 3_600_000);
    expect(
      await enqueueJob(t.deps.database.db, echoJob, { word: 'later' }, { runAt: later, singletonKey: 'echo:later' }),
    ).toBe(true);
    expect(
      await enqueueJob(t.deps.database.db, echoJob, { word: 'later' }, { runAt: later, singletonKey: 'echo:later' }),
    ).toBe(false);
    expect(await worker.runDueJobs()).toBe(0);
  });

  it('retries a failing job with backoff and marks it failed after its last attempt', async () => {
    const worker = createJobWorker(t.deps, [flakyJob]);
    failuresLeft = 1;
    await enqueueJob(t.deps.database.db, flakyJob, { word: 'second time lucky' });
    await worker.runDueJobs();
    const retried = await jobRow('test-flaky');
    expect(retried).toMatchObject({ status: 'queued', attempts: 1, lastError: 'flaky second time lucky' });
    expect(retried?.runAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    await makeDue();
    await worker.runDueJobs();
    expect(await jobRow('test-flaky')).toMatchObject({ status: 'completed', attempts: 2 });
    expect(handled).toContain('second time lucky');

    await t.deps.database.db.delete(jobs).where(eq(jobs.name, 'test-flaky'));
    failuresLeft = 10;
    await enqueueJob(t.deps.database.db, flakyJob, { word: 'never' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await makeDue();
      await worker.runDueJobs();
    }
    expect(await jobRow('test-flaky')).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('takes over a job whose worker died while running it', async () => {
    const worker = createJobWorker(t.deps, [echoJob]);
    await enqueueJob(t.deps.database.db, echoJob, { word: 'orphaned' });
    await t.deps.database.rows(
      sql`update jobs set status = 'running', attempts = 1, locked_until = now() - interval '1 minute' where payload->>'word' = 'orphaned'`,
    );
    await worker.runDueJobs();
    expect(handled).toContain('orphaned');
  });

  it('keeps the next occurrence of a recurring job queued, once per occurrence', async () => {
    const now = new Date('2026-11-24T10:15:00Z');
    await scheduleRecurringJobs(t.deps.database.db, [maintenanceJob], now);
    await scheduleRecurringJobs(t.deps.database.db, [maintenanceJob], now);
    const queued = await t.deps.database.db.select().from(jobs).where(eq(jobs.name, 'maintenance'));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ singletonKey: 'maintenance:2026-11-24T11', status: 'queued' });
    expect(queued[0]?.runAt.toISOString()).toBe('2026-11-24T11:00:00.000Z');

    // When it runs, it purges expired idempotency keys, long-expired refresh tokens and failed-login
    // counts whose window is over, and queues the following hour.
    await t.deps.database.rows(
      sql`insert into idempotency_keys (user_id, key, operation, request_hash, created_at)
          values (${t.admin.id}, 'old-key', 'POST /x', 'h', now() - interval '25 hours')`,
    );
    await t.deps.database.rows(
      sql`insert into refresh_tokens (id, user_id, family_id, token_hash, created_at, expires_at, revoked_at)
          values (gen_random_uuid(), ${t.admin.id}, gen_random_uuid(), 'expired-long-ago', now() - interval '70 days',
                  now() - interval '40 days', now() - interval '69 days'),
                 (gen_random_uuid(), ${t.admin.id}, gen_random_uuid(), 'expired-lately', now() - interval '40 days',
                  now() - interval '10 days', now() - interval '39 days'),
                 (gen_random_uuid(), ${t.admin.id}, gen_random_uuid(), 'live', now(), now() + interval '30 days', null)`,
    );
    await t.deps.database.rows(
      sql`insert into login_throttles (email_key, failures, window_started_at, locked_until)
          values ('old@example.com 192.0.2.1', 2, now() - interval '2 hours', null),
                 ('locked@example.com 192.0.2.1', 0, now() - interval '2 hours', now() + interval '10 minutes'),
                 ('recent@example.com 192.0.2.1', 1, now(), null)`,
    );
    await makeDue();
    expect(await createJobWorker(t.deps, [maintenanceJob]).runDueJobs()).toBe(1);
    const throttles = await t.deps.database.rows<{ email_key: string }>(
      sql`select email_key from login_throttles where email_key like '%192.0.2.1' order by email_key`,
    );
    expect(throttles.map((row) => row.email_key)).toEqual([
      'locked@example.com 192.0.2.1',
      'recent@example.com 192.0.2.1',
    ]);
    const left = await t.deps.database.rows<{ count: number }>(
      sql`select count(*)::int as count from idempotency_keys where key = 'old-key'`,
    );
    expect(left[0]?.count).toBe(0);
    const tokens = await t.deps.database.rows<{ token_hash: string }>(
      sql`select token_hash from refresh_tokens where token_hash in ('expired-long-ago', 'expired-lately', 'live')
          order by token_hash`,
    );
    expect(tokens.map((token) => token.token_hash)).toEqual(['expired-lately', 'live']);
    const next = await t.deps.database.db.select().from(jobs).where(eq(jobs.name, 'maintenance')).orderBy(jobs.runAt);
    expect(next.map((job) => job.status)).toEqual(['completed', 'queued']);
  });
});

describe('schedules', () => {
  it('takes the forecast snapshot every Monday morning', async () => {
    const { nextMondayMorning } = await import('./forecast-snapshot.job.js');
    expect(nextMondayMorning(new Date('2026-11-24T10:00:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(nextMondayMorning(new Date('2026-11-30T04:59:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(nextMondayMorning(new Date('2026-11-30T05:00:00Z')).toISOString()).toBe('2026-12-07T05:00:00.000Z');
  });
});
