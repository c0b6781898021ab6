import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { openDatabase } from './db/client.js';

/** Starts Meridian: config → dependencies (migrations run) → first admin → HTTP server → shutdown on signal. */
export async function startServer(): Promise<void> {
  const startedAt = performance.now();
  loadDotEnv();
  const config = loadConfig();
  // Opening the database (for PGlite: compiling its WebAssembly and loading the data dir) takes about as
  // long as loading the rest of the server's modules, and the compilation runs off the main thread: start
  // it first and load the modules meanwhile. The catch keeps an early failure from being reported as
  // unhandled; awaiting `opening` below still throws it.
  const opening = openDatabase(config.database);
  opening.catch(() => undefined);
  const [{ buildApp }, { createDeps }, jobs, queue, { createLogger }, { loadDemoData }, { ensureAdmin }] =
    await Promise.all([
      import('./app.js'),
      import('./deps.js'),
      import('./jobs/definitions.js'),
      import('./jobs/queue.js'),
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

  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  app.log.info(
    { startupMs: Math.round(performance.now() - startedAt), database: deps.database.kind },
    'Meridian is ready',
  );

  const lines = [`Meridian is running at ${address} (API docs at ${address}/docs), database: ${deps.database.kind}`];
  if (admin.created) {
    lines.push(
      `Log in as ${admin.email} with password ${admin.password}`,
      admin.passwordWasGenerated ? 'This password is shown only once: keep it or change it after logging in.' : '',
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
    lines.push('Log in with your existing account; `npm run cli -- user set-password <email>` resets a password.');
  process.stdout.write(`\n${lines.filter(Boolean).join('\n')}\n\n`);

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

const isEntryPoint = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/server/main.js');
if (isEntryPoint) {
  startServer().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Meridian failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
