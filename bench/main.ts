import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { packageRoot } from '../src/server/paths.js';
import { DEFAULT_BENCH_DATABASE_URL, recreateBenchDatabase } from './bench-database.js';
import { sqlClientOf } from './generate/bulk-insert.js';
import { usersDataset } from './generate/datasets/users.js';
import { generateDatasets } from './generate/generate.js';
import { type LoadOptions, type LoadTarget, measureLoad } from './load.js';
import { type BenchResults, formatNumber, formatScenarioTable, type ScenarioResult, writeResults } from './report.js';
import { startBareServer } from './scenarios/bare-server.js';
import { measureColdStart } from './scenarios/cold-start.js';
import { type HttpEnvironment, type HttpScenario, httpScenarios } from './scenarios/http.js';

const COLD_START = 'cold-start';
const RESULTS_FILE = path.join(packageRoot, 'bench', 'results', 'latest.json');
const REQUEST_TIMEOUT_MS = 10_000;

const usage = `npm run bench -- [options]

  --duration <s>       measured seconds per scenario (default 10)
  --warmup <s>         warm-up seconds per scenario, not measured (default 2)
  --connections <n>    concurrent connections (default 32)
  --users <n>          generated users (default 10000)
  --seed <n>           seed of the data generator (default 42)
  --cold-runs <n>      cold-start repetitions, the median is reported (default 3)
  --only <names>       comma-separated scenarios: ${[...httpScenarios.map((scenario) => scenario.name), COLD_START].join(', ')}

Environment: BENCH_DATABASE_URL (default ${DEFAULT_BENCH_DATABASE_URL}); that database is dropped and recreated.`;

type Options = BenchResults['options'] & { coldRuns: number; help: boolean };

/** A mistake in the command line: shown as a message and the usage, without a stack trace. */
class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  try {
    return parseOptionsOrThrow(argv);
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
}

function parseOptionsOrThrow(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      users: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      'cold-runs': { type: 'string', default: '3' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  // `--only users-me health` works as well as `--only users-me,health`.
  const only = values.only ? [...values.only, ...positionals].flatMap((item) => item.split(',')).filter(Boolean) : null;
  if (!values.only && positionals.length > 0) throw new Error(`unexpected arguments: ${positionals.join(' ')}`);
  const known = new Set([...httpScenarios.map((scenario) => scenario.name), COLD_START]);
  const unknown = (only ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return {
    durationSeconds: integerOption('duration', values.duration, 1, 600),
    warmupSeconds: integerOption('warmup', values.warmup, 0, 60),
    connections: integerOption('connections', values.connections, 1, 1_000),
    users: integerOption('users', values.users, 3, 5_000_000),
    seed: integerOption('seed', values.seed, 0, 2 ** 32 - 1),
    coldRuns: integerOption('cold-runs', values['cold-runs'], 1, 20),
    only,
    help: values.help,
  };
}

function integerOption(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, not ${raw}`);
  }
  return value;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const selected = (name: string) => options.only === null || options.only.includes(name);
  const { coldRuns: _coldRuns, help: _help, ...recordedOptions } = options;
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: os.loadavg()[0] ?? 0,
      loadAverageAtEnd: null,
    },
    options: recordedOptions,
    generation: null,
    scenarios: [],
    usersMeShareOfBarePercent: null,
    coldStart: null,
    failures: [],
  };

  // First, while nothing else runs: spawned servers must not compete with the load test for the 2 cores.
  if (selected(COLD_START)) {
    console.log(`cold start on PGlite: ${options.coldRuns} run(s) of first start + restart`);
    try {
      results.coldStart = await measureColdStart(packageRoot, options.coldRuns);
    } catch (error) {
      results.coldStart = { error: messageOf(error) };
      results.failures.push(`cold-start: ${messageOf(error)}`);
    }
  }

  const scenarios = httpScenarios.filter((scenario) => selected(scenario.name));
  if (scenarios.length > 0) await runHttpScenarios(scenarios, options, results);

  results.machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;
  printSummary(results);
  writeResults(RESULTS_FILE, results);
  console.log(`\nresults written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (results.failures.length > 0) {
    console.error(`\nFAILED:\n${results.failures.map((failure) => `  ${failure}`).join('\n')}`);
    return 1;
  }
  return 0;
}

/** Meridian on a fresh PostgreSQL database filled by the generator, then every selected scenario in turn. */
async function runHttpScenarios(scenarios: readonly HttpScenario[], options: Options, results: BenchResults) {
  const databaseUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
  console.log(`\nrecreating ${redactPassword(databaseUrl)}`);
  await recreateBenchDatabase(databaseUrl);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    DATABASE_POOL_SIZE: '32',
    // A throwaway secret: nothing is written to a data dir, and the token must outlive a long run.
    JWT_SECRET: randomBytes(36).toString('base64url'),
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  const deps = await createDeps(config);
  try {
    const users = usersDataset({ count: options.users });
    const { report, output } = await generateDatasets([users], {
      client: sqlClientOf(deps.database),
      seed: options.seed,
      onDataset: (stats) =>
        console.log(
          `generated ${stats.name}: ${formatNumber(stats.rows)} rows in ${formatNumber(stats.milliseconds)} ms ` +
            `(${formatNumber(stats.rowsPerSecond)} rows/s)`,
        ),
    });
    results.generation = report;
    const generated = output(users);
    const viewer = generated.reps.find((rep) => rep.active);
    if (!viewer) throw new Error('the generated data has no active rep to log in as');

    const app = await buildApp(deps, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const meridianUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const accessToken = await logIn(meridianUrl, viewer.email, generated.password);
      const me = await getJson({
        url: `${meridianUrl}/api/v1/users/me`,
        headers: { authorization: `Bearer ${accessToken}` },
      });
      console.log(`logged in as ${viewer.email} (rep)`);
      const bare = await startBareServer(me);
      try {
        const environment: HttpEnvironment = { meridianUrl, bareUrl: bare.url, accessToken };
        const load: LoadOptions = {
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          warmupSeconds: options.warmupSeconds,
        };
        for (const scenario of scenarios) {
          const result = await runScenario(scenario, environment, load);
          results.scenarios.push(result);
          if (result.status === 'failed') results.failures.push(`${scenario.name}: ${result.error}`);
        }
      } finally {
        await bare.close();
      }
    } finally {
      await app.close();
    }
  } finally {
    await deps.database.close();
  }
  const bare = results.scenarios.find((scenario) => scenario.name === 'bare-route');
  const me = results.scenarios.find((scenario) => scenario.name === 'users-me');
  if (bare?.status === 'ok' && me?.status === 'ok') {
    results.usersMeShareOfBarePercent = (100 * me.measurement.requestsPerSecond) / bare.measurement.requestsPerSecond;
  }
}

async function runScenario(
  scenario: HttpScenario,
  environment: HttpEnvironment,
  load: LoadOptions,
): Promise<ScenarioResult> {
  const target = scenario.target(environment);
  process.stdout.write(`${scenario.name}: ${scenario.description} … `);
  try {
    // One request first: a wrong body or status must stop the scenario before it produces a figure.
    const body = await getJson(target);
    const problem = scenario.check?.(body);
    if (problem) throw new Error(problem);
    const measurement = await measureLoad(target, load);
    console.log(`${formatNumber(measurement.requestsPerSecond)} req/s`);
    return { name: scenario.name, description: scenario.description, status: 'ok', measurement };
  } catch (error) {
    console.log('FAILED');
    return { name: scenario.name, description: scenario.description, status: 'failed', error: messageOf(error) };
  }
}

async function logIn(meridianUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${meridianUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.status !== 200)
    throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return accessToken;
}

async function getJson(target: LoadTarget): Promise<unknown> {
  const response = await fetch(target.url, {
    headers: target.headers ?? {},
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new Error(`GET ${target.url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return JSON.parse(text);
}

function printSummary(results: BenchResults) {
  const { machine, options } = results;
  console.log(
    `\nMeridian bench: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; ` +
      `${options.connections} connections, ${options.durationSeconds} s per scenario after ${options.warmupSeconds} s warm-up, ` +
      `${formatNumber(options.users)} users\n`,
  );
  const busiest = Math.max(machine.loadAverageAtStart, machine.loadAverageAtEnd ?? 0);
  if (busiest > machine.cpus) {
    console.log(
      `warning: load average ${formatNumber(busiest, 1)} on ${machine.cpus} CPUs: other work shared the machine, figures are low\n`,
    );
  }
  if (results.scenarios.length > 0) console.log(formatScenarioTable(results.scenarios));
  if (results.usersMeShareOfBarePercent !== null) {
    console.log(`\nusers-me reaches ${formatNumber(results.usersMeShareOfBarePercent, 1)}% of bare-route req/s`);
  }
  if (results.generation) {
    const { generation } = results;
    console.log(
      `data generation: ${formatNumber(generation.rows)} rows in ${formatNumber(generation.milliseconds)} ms = ` +
        `${formatNumber(generation.rowsPerSecond)} rows/s (seed ${generation.seed}; ANALYZE ${formatNumber(generation.analyzeMilliseconds)} ms)`,
    );
  }
  const { coldStart } = results;
  if (coldStart && 'error' in coldStart) console.log(`cold start on PGlite: FAILED (${coldStart.error})`);
  else if (coldStart) {
    const list = (values: number[]) => values.map((value) => formatNumber(value)).join(', ');
    console.log(
      `cold start on PGlite (median of ${coldStart.runs}): first start (creates the database) ` +
        `${formatNumber(coldStart.firstStartMedianMs)} ms [${list(coldStart.firstStartMs)}], ` +
        `restart ${formatNumber(coldStart.restartMedianMs)} ms [${list(coldStart.restartMs)}] (dist: ${coldStart.build})`,
    );
  }
}

function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

main().then(
  (code) => {
    process.exitCode = code;
    // Everything was closed; should a library still hold a handle, do not hang the terminal over it.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
