import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { jobs } from '../db/schema/index.js';

export type JobRow = typeof jobs.$inferSelect;

/** Adds a job; with a singleton key that already exists it does nothing and answers false. */
export async function insertJob(db: Db, job: typeof jobs.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(jobs).values(job).onConflictDoNothing().returning({ id: jobs.id });
  return inserted.length === 1;
}

/**
 * Takes the next due job for one of `names`: queued and due, or running with an expired lock (its worker
 * died). SKIP LOCKED lets several workers take different jobs without waiting on each other.
 */
export async function claimDueJob(db: Db, names: string[], lockMs: number): Promise<JobRow | undefined> {
  if (names.length === 0) return undefined;
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`
      update jobs set status = 'running', attempts = attempts + 1,
        locked_until = date_trunc('milliseconds', now()) + make_interval(secs => ${lockMs / 1000})
      where id = (
        select id from jobs
        where name in (${sql.join(
          names.map((name) => sql`${name}`),
          sql`, `,
        )})
          and run_at <= now()
          and (status = 'queued' or (status = 'running' and locked_until < now()))
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id`,
  );
  if (!row) return undefined;
  const [job] = await db
    .select()
    .from(jobs)
    .where(eq(jobs.id, row.id as string));
  return job;
}

/** Gives a claimed job the lock its definition asks for (claims start with the default). */
export async function extendJobLock(db: Db, id: string, lockMs: number): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: sql`date_trunc('milliseconds', now()) + make_interval(secs => ${lockMs / 1000})` })
    .where(eq(jobs.id, id));
}

export async function markJobCompleted(db: Db, id: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'completed', completedAt: new Date(), lockedUntil: null, lastError: null })
    .where(eq(jobs.id, id));
}

/** Puts a failed attempt back in the queue at `retryAt`, or gives up when it was the last attempt. */
export async function markJobFailed(db: Db, job: JobRow, error: string, retryAt: Date): Promise<void> {
  const givesUp = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: givesUp ? 'failed' : 'queued',
      runAt: givesUp ? job.runAt : retryAt,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
}

/** Finished jobs older than `cutoff` are history nobody reads; failed ones stay for inspection. */
export async function deleteCompletedJobsBefore(db: Db, cutoff: Date): Promise<number> {
  const deleted = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'completed'), sql`${jobs.completedAt} < ${cutoff}`))
    .returning({ id: jobs.id });
  return deleted.length;
}

export type JobQueueFigures = {
  /** Jobs by status: queued, running, failed (completed ones are pruned after a week). */
  byStatus: Record<string, number>;
  /** Seconds the oldest due, still queued job has waited; 0 when none waits. */
  oldestDueSeconds: number;
};

/** What the queue holds, for monitoring: one scan of a table the hourly maintenance keeps small. */
export async function measureJobQueue(db: Db): Promise<JobQueueFigures> {
  const rows = await queryRows<{ status: string; count: number; oldest_due_seconds: number | null }>(
    db,
    sql`
      select status, count(*)::int as count,
        extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now()))::float8
          as oldest_due_seconds
      from jobs group by status`,
  );
  const byStatus: Record<string, number> = {};
  let oldestDueSeconds = 0;
  for (const row of rows) {
    byStatus[row.status] = row.count;
    if (row.oldest_due_seconds !== null) oldestDueSeconds = Math.max(oldestDueSeconds, row.oldest_due_seconds);
  }
  return { byStatus, oldestDueSeconds };
}
