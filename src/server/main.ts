import cluster from 'node:cluster';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { findPostgresError, isDatabaseUnavailable } from './db/postgres-errors.js';
import type { Deps } from './deps.js';

/**
 * Starts Meridian: config → dependencies (migrations run) → first admin → HTTP server → shutdown on signal.
 * With MERIDIAN_WORKERS > 1 (PostgreSQL only) this process does the one-time work, then forks that many
 * workers that share the port; each serves HTTP and runs the job worker (jobs are claimed with SKIP
 * LOCKED, so they never run twice).
 */
export async function startServer(): Promise<void> {
  const startedAt = performance.now();
  loadDotEnv();
  const config = loadConfig();
  if (cluster.isWorker) return serveHttp(config, startedAt);
  // Opening the database (for PGlite: compiling its WebAssembly and loading the data dir) takes about as
  // long as loading the rest of the server's modules, and the compilation runs off the main thread: start
  // it first and load the modules meanwhile. The catch keeps an early failure from being reported as
  // unhandled; awaiting `opening` below still throws it.
  const opening = openDatabase(config.database);
  opening.catch(() => undefined);
  const [{ createDeps }, { createLogger }, { loadDemoData }, { ensureAdmin }] = await Promise.all([
    import('./deps.js'),
    import('./logger.js'),
    import('./modules/demo/demo.service.js'),
    import('./modules/users/bootstrap.js'),
  ]);
  const deps = await createDeps(config, { logger: createLogger(config), database: await opening });
  const admin = await ensureAdmin(deps);
  // On a first demo start everyone shares the admin's printed password (a random one, never a fixed
  // default); an admin password set by the operator is not handed to the demo team.
  const demo =
    admin.created && config.demoData
      ? await loadDemoData(deps, { password: admin.passwordWasGenerated ? admin.password : undefined })
      : undefined;

  const lines: string[] = [];
  if (admin.created) {
    // A password the operator configured is theirs already, and a log is no place to repeat a secret.
    lines.push(
      admin.passwordWasGenerated
        ? `Log in as ${admin.email} with password ${admin.password}\nThis password is shown only once: keep it or change it after logging in.`
        : `Log in as ${admin.email} with the password of MERIDIAN_ADMIN_PASSWORD.`,
    );
  }
  if (demo) {
    const team = demo.users.map((user) => `${user.email} (${user.role})`).join(', ');
    lines.push(
      admin.created && demo.password === admin.password
        ? `Demo data loaded; the demo team logs in with the same password: ${team}`
        : `Demo data loaded; demo team (password ${demo.password}): ${team}`,
    );
  }
  if (!admin.created)
    lines.push(
      `Log in with your existing account; ${deps.database.kind === 'pglite' ? 'with the server stopped, ' : ''}\`npm run cli -- user set-password <email>\` resets a password.`,
    );

  if (config.workers > 1) {
    await deps.database.close();
    await superviseWorkers(config.workers, deps.logger);
    printReady(config, deps.database.kind, lines);
    return;
  }
  const served = await serveHttp(config, startedAt, deps);
  printReady(config, deps.database.kind, lines);
  return served;
}

function printReady(config: Config, database: string, lines: string[]) {
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const workers = config.workers > 1 ? `, ${config.workers} workers` : '';
  const header = `Meridian is running at ${address} (API docs at ${address}/docs), database: ${database}${workers}`;
  process.stdout.write(`\n${[header, ...lines].filter(Boolean).join('\n')}\n\n`);
}

/**
 * Forks the workers and waits until each listens; a worker that dies is replaced (after a second, so a
 * worker that cannot start does not spin), and SIGTERM or SIGINT stops them all gracefully. The primary
 * also gathers the workers' metrics for a scrape.
 */
async function superviseWorkers(count: number, logger: Deps['logger']): Promise<void> {
  const { aggregateWorkerMetrics } = await import('./http/cluster-metrics.js');
  aggregateWorkerMetrics();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    // A message to a worker that has just died (a metrics answer) fails with EPIPE: the exit handler
    // below replaces the worker, and the primary must not crash on the failed write.
    worker.on('error', (error) =>
      logger?.warn({ err: error, pid: worker.process.pid }, 'lost the channel to a worker'),
    );
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger?.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
      // A replacement that dies before listening is itself replaced by its own exit handler.
      setTimeout(() => fork().catch(() => undefined), 1_000).unref();
    });
    return new Promise<void>((resolve, reject) => {
      worker.once('listening', () => resolve());
      worker.once('exit', (code) => reject(new Error(`a worker exited with code ${code} before listening`)));
    });
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger?.info({ signal }, 'shutting down the workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const forceExit = setTimeout(() => process.exit(1), 12_000);
    forceExit.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await Promise.all(Array.from({ length: count }, fork));
}

/** The HTTP server and the job worker of this process, until a signal stops them. */
async function serveHttp(config: Config, startedAt: number, prepared?: Deps): Promise<void> {
  // A worker whose primary was killed (SIGKILL after a slow stop) still closes its server, which tells a
  // primary that is gone: that write fails (EPIPE) and must not crash the shutdown with a stack trace,
  // whether the worker was serving or still starting.
  cluster.worker?.on('error', (error) => process.stderr.write(`the primary process is gone: ${error.message}\n`));
  const [{ buildApp }, { createDeps }, jobs, queue, { createLogger }] = await Promise.all([
    import('./app.js'),
    import('./deps.js'),
    import('./jobs/definitions.js'),
    import('./jobs/queue.js'),
    import('./logger.js'),
  ]);
  const deps = prepared ?? (await createDeps(config, { logger: createLogger(config) }));
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { startupMs: Math.round(performance.now() - startedAt), database: deps.database.kind },
    'Meridian is ready',
  );

  await queue.scheduleRecurringJobs(deps.database.db, jobs.jobDefinitions);
  const worker = queue.createJobWorker(deps, jobs.jobDefinitions, {
    onError: (job, error) => app.log.warn({ err: error, job: job.name, attempt: job.attempts }, 'job failed'),
  });
  worker.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    try {
      await app.close();
      await worker.stop();
      await deps.database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Why the server could not start, in the words of what the operator can change: the database it could
 * not open, the port it could not take, the directory it could not write. Anything else is a bug, and
 * its stack is what a report needs.
 */
function startupFailure(error: unknown): string {
  if (error instanceof DataDirInUseError) return `Meridian cannot start: ${error.message}.`;
  const cause = rootCause(error);
  const state = findPostgresError(error)?.code ?? '';
  if (isDatabaseUnavailable(error) || ['3D000', '28000', '28P01'].includes(state)) {
    return `Meridian could not open its database: ${cause.message}. Check that PostgreSQL is running and that DATABASE_URL names a database its user may open.`;
  }
  if (cause.code === 'EADDRINUSE' || cause.code === 'EADDRNOTAVAIL') {
    return `Meridian could not listen: ${cause.message}. Another program may use the port: stop it, or set PORT (and HOST).`;
  }
  if (cause.code === 'ENOTDIR' || cause.code === 'EACCES' || cause.code === 'EROFS') {
    return `Meridian could not write its files: ${cause.message}. Set MERIDIAN_DATA_DIR to a directory it may write.`;
  }
  return `Meridian failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** The innermost error of a cause chain (drizzle wraps the driver's), with its code. */
function rootCause(error: unknown): { message: string; code?: string } {
  let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; depth < 5 && current?.cause && typeof current.cause === 'object'; depth += 1) {
    current = current.cause as typeof current;
  }
  return {
    message: typeof current?.message === 'string' ? current.message : String(error),
    ...(typeof current?.code === 'string' ? { code: current.code } : {}),
  };
}

const isEntryPoint = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/server/main.js');
if (isEntryPoint) {
  startServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : startupFailure(error)}\n`);
    process.exit(1);
  });
}
