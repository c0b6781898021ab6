import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import {
  claimDueJob,
  extendJobLock,
  insertJob,
  type JobRow,
  markJobCompleted,
  markJobFailed,
} from './jobs.repository.js';

const DEFAULT_LOCK_MS = 300_000;

/** One kind of job: its payload, what it does, and for recurring jobs when it runs next. */
export type JobDefinition<Payload = unknown> = {
  name: string;
  payload: z.ZodType<Payload>;
  /** Attempts before the job is marked failed (default 5); retries back off exponentially. */
  maxAttempts?: number;
  /** How long a run may take before another worker may take the job over (default 5 minutes). */
  lockMs?: number;
  handle(deps: Deps, payload: Payload): Promise<void>;
  /** Recurring jobs: the next occurrence after a time, and the occurrence's key (one job per occurrence). */
  schedule?: { next(after: Date): Date; key(at: Date): string; payload(at: Date): Payload };
};

// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of every payload type.
export type AnyJobDefinition = JobDefinition<any>;

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that causes it commits.
 * A singleton key makes the enqueue idempotent.
 */
export function enqueueJob<Payload>(
  db: Db,
  definition: JobDefinition<Payload>,
  payload: Payload,
  options: { runAt?: Date; singletonKey?: string } = {},
): Promise<boolean> {
  return insertJob(db, {
    id: uuidv7(),
    name: definition.name,
    payload: definition.payload.parse(payload) as object,
    runAt: options.runAt ?? new Date(),
    maxAttempts: definition.maxAttempts ?? 5,
    singletonKey: options.singletonKey ?? null,
  });
}

/** Makes sure the next occurrence of every recurring job is queued (safe to call on every start). */
export async function scheduleRecurringJobs(db: Db, definitions: AnyJobDefinition[], now = new Date()): Promise<void> {
  for (const definition of definitions) await scheduleNext(db, definition, now);
}

async function scheduleNext(db: Db, definition: AnyJobDefinition, after: Date) {
  if (!definition.schedule) return;
  const at = definition.schedule.next(after);
  await enqueueJob(db, definition, definition.schedule.payload(at), {
    runAt: at,
    singletonKey: `${definition.name}:${definition.schedule.key(at)}`,
  });
}

const MINUTE_MS = 60_000;

/** The schedule of a job that runs at the start of every minute, with no payload (one run per minute). */
export const everyMinute: NonNullable<JobDefinition<Record<string, never>>['schedule']> = {
  next: (after) => new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS),
  key: (at) => at.toISOString().slice(0, 16),
  payload: () => ({}),
};

/** 10 s, 20 s, 40 s … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The worker of this process: polls for due jobs and runs them one at a time. Several processes may run
 * workers against one database; each job runs once (SKIP LOCKED), and a job whose worker died is taken
 * over when its lock expires.
 */
export function createJobWorker(
  deps: Deps,
  definitions: AnyJobDefinition[],
  options: { pollMs?: number; onError?: (job: JobRow, error: unknown) => void } = {},
) {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  const names = [...byName.keys()];
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  /** Runs every due job now; answers how many ran (tests and the CLI call it directly). */
  async function runDueJobs(limit = 100): Promise<number> {
    let ran = 0;
    const { db } = deps.database;
    while (ran < limit) {
      const job = await claimDueJob(db, names, DEFAULT_LOCK_MS);
      if (!job) break;
      ran += 1;
      const definition = byName.get(job.name) as AnyJobDefinition;
      if (definition.lockMs && definition.lockMs !== DEFAULT_LOCK_MS)
        await extendJobLock(db, job.id, definition.lockMs);
      // The next occurrence is queued before this one runs: a run that fails for good must not end the schedule.
      await scheduleNext(db, definition, new Date());
      try {
        await definition.handle(deps, definition.payload.parse(job.payload));
        await markJobCompleted(db, job.id);
      } catch (error) {
        options.onError?.(job, error);
        const message = error instanceof Error ? error.message : String(error);
        await markJobFailed(db, job, message, new Date(Date.now() + retryDelayMs(job.attempts)));
      }
    }
    return ran;
  }

  function tick() {
    if (stopped) return;
    running = runDueJobs().catch((error) => {
      deps.logger?.warn({ err: error }, 'job worker could not poll');
      return 0;
    });
    void running.finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, pollMs);
    });
  }

  return {
    runDueJobs,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    /** Stops polling and waits for the job in hand to finish. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type JobWorker = ReturnType<typeof createJobWorker>;
