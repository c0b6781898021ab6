import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { packageRoot } from '../src/server/paths.js';
import { bulkClientOf } from '../src/server/seed/bulk-insert.js';
import { generateDatasets } from '../src/server/seed/generate.js';
import { scaleDatasets } from '../src/server/seed/scale-data.js';
import { DEFAULT_BENCH_DATABASE_URL, recreateBenchDatabase } from './bench-database.js';
import { bearer, getJson, logIn } from './fetch-json.js';
import { type LoadMeasurement, type LoadOptions, measureLoad } from './load.js';
import {
  type BenchResults,
  formatNumber,
  formatScenarioTable,
  formatTable,
  formatTargets,
  type ScenarioResult,
  type TargetResult,
  writeResults,
} from './report.js';
import { prepareAccountFixtures } from './scenarios/accounts.js';
import { bareBodyPath, startBareServer } from './scenarios/bare-server.js';
import { measureColdStart } from './scenarios/cold-start.js';
import { type HttpEnvironment, type HttpScenario, httpScenarios, type ScenarioRequest } from './scenarios/http.js';
import { preparePipelineFixtures } from './scenarios/pipeline.js';
import { startServerProcess } from './server-process.js';

const COLD_START = 'cold-start';
const RESULTS_FILE = path.join(packageRoot, 'bench', 'results', 'latest.json');
/** The issue's target for the data generator. */
const GENERATOR_TARGET_ROWS_PER_SECOND = 50_000;

const usage = `npm run bench -- [options]

  --duration <s>       measured seconds per scenario (default 10)
  --warmup <s>         warm-up seconds per scenario, not measured (default 2)
  --connections <n>    concurrent connections (default 32)
  --workers <n>        MERIDIAN_WORKERS of the server under load (default: one per core)
  --users <n>          generated users (default 10000)
  --territories <n>    territories, one manager each (default 20)
  --accounts <n>       generated accounts, at least 1000; contacts are 3 per account (default 100000)
  --leads <n>          generated leads (default 200000)
  --opportunities <n>  generated opportunities, one stage-history row each (default 200000)
  --activities <n>     generated activities (default 10 per account); 0 for none
  --tasks <n>          generated tasks (default 2 per account); 0 for none
  --keep-indexes       load into the full schema (every index and foreign key in place) instead of
                       dropping secondary indexes and disabling triggers around each table's load
  --seed <n>           seed of the data generator (default 42)
  --probe <s>          seconds of one-connection load after each scenario with a target, 0 for none (default 5)
  --rate <n>           requests a second of a steady load after each scenario with a target, sent at an even
                       pace over all connections for --duration seconds, 0 for none (default 200)
  --steady-share <x>   at most this share of the scenario's saturated req/s, so that a request the machine
                       cannot serve 2 × --rate times a second is measured with the machine half busy, not
                       queueing (default 0.5)
  --ceiling <s>        seconds of the same load on bare Fastify sending the scenario's own answers, after each
                       scenario with a target (non-pool), 0 for none (default 5)
  --cold-runs <n>      cold-start repetitions, the median is reported (default 3)
  --only <names>       comma-separated scenarios: ${[...httpScenarios.map((scenario) => scenario.name), COLD_START].join(', ')}

Environment: BENCH_DATABASE_URL (default ${DEFAULT_BENCH_DATABASE_URL}); that database is dropped and recreated.`;

type Options = BenchResults['options'] & {
  coldRuns: number;
  probeSeconds: number;
  ceilingSeconds: number;
  help: boolean;
};

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
      workers: { type: 'string', default: String(os.availableParallelism()) },
      users: { type: 'string', default: '10000' },
      territories: { type: 'string', default: '20' },
      accounts: { type: 'string', default: '100000' },
      leads: { type: 'string', default: '200000' },
      opportunities: { type: 'string', default: '200000' },
      activities: { type: 'string' },
      tasks: { type: 'string' },
      'keep-indexes': { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      probe: { type: 'string', default: '5' },
      rate: { type: 'string', default: '200' },
      'steady-share': { type: 'string', default: '0.5' },
      ceiling: { type: 'string', default: '5' },
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
  const users = integerOption('users', values.users, 3, 5_000_000);
  const territories = integerOption('territories', values.territories, 1, 1_000);
  if (users < territories + 2) {
    throw new Error(`--users ${users} leaves no reps beside 1 admin and ${territories} managers (one per territory)`);
  }
  return {
    durationSeconds: integerOption('duration', values.duration, 1, 600),
    warmupSeconds: integerOption('warmup', values.warmup, 0, 60),
    connections: integerOption('connections', values.connections, 1, 1_000),
    workers: integerOption('workers', values.workers, 1, 64),
    users,
    territories,
    accounts: integerOption('accounts', values.accounts, 1_000, 5_000_000),
    leads: integerOption('leads', values.leads, 3_000, 10_000_000),
    opportunities: integerOption('opportunities', values.opportunities, 1, 10_000_000),
    activities:
      values.activities === undefined ? undefined : integerOption('activities', values.activities, 0, 100_000_000),
    tasks: values.tasks === undefined ? undefined : integerOption('tasks', values.tasks, 0, 100_000_000),
    keepIndexes: values['keep-indexes'],
    seed: integerOption('seed', values.seed, 0, 2 ** 32 - 1),
    coldRuns: integerOption('cold-runs', values['cold-runs'], 1, 20),
    probeSeconds: integerOption('probe', values.probe, 0, 60),
    ratePerSecond: integerOption('rate', values.rate, 0, 100_000),
    steadyShare: shareOption('steady-share', values['steady-share']),
    ceilingSeconds: integerOption('ceiling', values.ceiling, 0, 600),
    only,
    help: values.help,
  };
}

function shareOption(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new Error(`--${name} must be a share from 0 to below 1, not ${raw}`);
  }
  return value;
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
  const {
    coldRuns: _coldRuns,
    probeSeconds: _probeSeconds,
    ceilingSeconds: _ceilingSeconds,
    help: _help,
    ...recordedOptions
  } = options;
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
    targets: [],
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
  // The generator's own connection to the database; the server under load runs in its own process.
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const deps = await createDeps(config);
  try {
    const datasets = scaleDatasets({
      accounts: options.accounts,
      users: options.users,
      territories: options.territories,
      leads: options.leads,
      opportunities: options.opportunities,
      activities: options.activities,
      tasks: options.tasks,
    });
    const { users, territories, accounts, contacts, leads } = datasets;
    // One COPY stream per core: the database side of the load is what limits it.
    const client = await bulkClientOf(deps.database, { lanes: Math.min(4, os.availableParallelism()) });
    let generated: Awaited<ReturnType<typeof generateDatasets>>;
    try {
      generated = await generateDatasets(datasets.all, {
        client,
        seed: options.seed,
        dropIndexes: !options.keepIndexes,
        onDataset: (stats) =>
          console.log(
            `generated ${stats.name}: ${formatNumber(stats.rows)} rows, COPY ${formatNumber(stats.loadMilliseconds)} ms ` +
              `(${formatNumber(stats.loadRowsPerSecond)} rows/s)` +
              (stats.indexes > 0
                ? ` + ${stats.indexes} indexes ${formatNumber(stats.indexMilliseconds)} ms = ` +
                  `${formatNumber(stats.rowsPerSecond)} rows/s end to end`
                : ''),
          ),
      });
    } finally {
      client.release();
    }
    const { report, output } = generated;
    results.generation = report;
    console.log(
      `generated ${formatNumber(report.rows)} rows: COPY ${formatNumber(report.loadRowsPerSecond)} rows/s, ` +
        `end to end ${formatNumber(report.rowsPerSecond)} rows/s; ` +
        `VACUUM (ANALYZE) ${formatNumber(report.vacuumAnalyzeMilliseconds)} ms`,
    );
    // The load left gigabytes of WAL and dirty pages behind; PostgreSQL would flush them in checkpoints
    // spread over the next minutes, in the middle of the scenarios: conversions run while they were being
    // written measured a steady p95 of 200-270 ms, against 21-24 ms right after the load. Flush them first.
    await deps.database.rows(sql`checkpoint`);
    const staff = output(users);
    const viewer = staff.reps.find((rep) => rep.active);
    if (!viewer) throw new Error('the generated data has no active rep to log in as');

    const server = await startServerProcess({
      packageRoot,
      databaseUrl,
      workers: options.workers,
      connections: options.connections,
      jwtSecret: randomBytes(36).toString('base64url'),
    });
    console.log(`Meridian started with ${options.workers} worker(s)`);
    try {
      const meridianUrl = server.url;
      const signIn = (email: string) => logIn(meridianUrl, email, staff.password);
      const accessToken = await signIn(viewer.email);
      const me = await getJson({ url: `${meridianUrl}/api/v1/users/me`, headers: bearer(accessToken) });
      console.log(`logged in as ${viewer.email} (rep)`);
      const fixtures = await prepareAccountFixtures({
        seed: options.seed,
        users: staff,
        territories: output(territories),
        accounts: output(accounts),
        contacts: output(contacts),
        logIn: signIn,
      });
      const needsPools = scenarios.some((scenario) => scenario.pool);
      const pipeline = needsPools
        ? await preparePipelineFixtures({ seed: options.seed, users: staff, leads: output(leads), logIn: signIn })
        : { adminPool: [], repPool: [] };
      const bare = await startBareServer(me, options.workers);
      try {
        const environment: HttpEnvironment = {
          meridianUrl,
          bareUrl: bare.url,
          accessToken,
          accounts: fixtures,
          pipeline,
        };
        const load: LoadOptions = {
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          warmupSeconds: options.warmupSeconds,
        };
        for (const scenario of scenarios) {
          const result = await runScenario(scenario, environment, load, options);
          results.scenarios.push(result);
          if (result.status === 'failed') results.failures.push(`${scenario.name}: ${result.error}`);
        }
      } finally {
        await bare.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    await deps.database.close();
  }
  const bare = results.scenarios.find((scenario) => scenario.name === 'bare-route');
  const me = results.scenarios.find((scenario) => scenario.name === 'users-me');
  if (bare?.status === 'ok' && me?.status === 'ok') {
    results.usersMeShareOfBarePercent = (100 * me.measurement.requestsPerSecond) / bare.measurement.requestsPerSecond;
  }
  results.targets = targetsOf(scenarios, results);
}

async function runScenario(
  scenario: HttpScenario,
  environment: HttpEnvironment,
  load: LoadOptions,
  options: Pick<Options, 'probeSeconds' | 'ratePerSecond' | 'steadyShare' | 'ceilingSeconds' | 'workers'>,
): Promise<ScenarioResult> {
  process.stdout.write(`${scenario.name}: ${scenario.description} … `);
  try {
    const requests = await scenario.requests(environment);
    if (requests.length === 0) throw new Error('the scenario has no request to send');
    if (scenario.pool) return await runPoolScenario(scenario, requests, load, options);
    // Every request once first: a wrong body or status must stop the scenario before it produces a figure.
    const answers: string[] = [];
    for (const request of requests) {
      const body = await getJson(request);
      const problem = request.check?.(body);
      if (problem) throw new Error(`GET ${request.url}: ${problem}`);
      answers.push(JSON.stringify(body));
    }
    const target = { requests };
    const measurement = await measureLoad(target, load);
    const probe =
      scenario.limit && options.probeSeconds > 0
        ? await measureLoad(target, { connections: 1, durationSeconds: options.probeSeconds, warmupSeconds: 0 })
        : null;
    const steadyRate = steadyRateOf(measurement, options);
    const steady =
      scenario.limit && steadyRate > 0
        ? await measureLoad(target, { ...load, warmupSeconds: 0, ratePerSecond: steadyRate })
        : null;
    const ceiling =
      scenario.limit && options.ceilingSeconds > 0
        ? await measureCeiling(requests, answers, { ...load, durationSeconds: options.ceilingSeconds }, options.workers)
        : null;
    console.log(
      `${formatNumber(measurement.requestsPerSecond)} req/s, p95 ${formatNumber(measurement.latencyP95Ms, 1)} ms, ` +
        `p99 ${formatNumber(measurement.latencyP99Ms, 1)} ms` +
        (ceiling
          ? `; bare Fastify sending the same answers: p95 ${formatNumber(ceiling.latencyP95Ms, 1)} ms, ` +
            `p99 ${formatNumber(ceiling.latencyP99Ms, 1)} ms`
          : ''),
    );
    return {
      name: scenario.name,
      description: scenario.description,
      status: 'ok',
      measurement,
      probe,
      steady,
      ceiling,
    };
  } catch (error) {
    console.log('FAILED');
    return { name: scenario.name, description: scenario.description, status: 'failed', error: messageOf(error) };
  }
}

/** --rate requests a second, or --steady-share of what the saturated load reached when that is less. */
function steadyRateOf(saturated: LoadMeasurement, options: Pick<Options, 'ratePerSecond' | 'steadyShare'>): number {
  return Math.round(Math.min(options.ratePerSecond, saturated.requestsPerSecond * options.steadyShare));
}

/**
 * The same load on bare Fastify that answers each request with the answer Meridian gave it, serialised
 * beforehand: no database, no auth, no work but sending those bytes (bearer header included, as sent).
 * What no server on this machine can beat at this connection count; a target it misses is out of reach here.
 */
async function measureCeiling(
  requests: readonly ScenarioRequest[],
  answers: readonly string[],
  load: LoadOptions,
  workers: number,
): Promise<LoadMeasurement> {
  const bare = await startBareServer({}, workers, answers);
  try {
    const bareRequests = requests.map((request, index) => ({
      url: `${bare.url}${bareBodyPath(index)}`,
      headers: request.headers,
    }));
    return await measureLoad({ requests: bareRequests }, load);
  } finally {
    await bare.close();
  }
}

/**
 * A pool of one-shot requests (see HttpScenario.pool): the first checked, then warm-up, measurement,
 * steady load and one-connection probe on disjoint slices, each request sent exactly once.
 */
async function runPoolScenario(
  scenario: HttpScenario,
  requests: readonly ScenarioRequest[],
  load: LoadOptions,
  options: Pick<Options, 'probeSeconds' | 'ratePerSecond' | 'steadyShare'>,
): Promise<ScenarioResult> {
  const [first, ...rest] = requests;
  if (!first || rest.length < 10) throw new Error(`a pool of ${requests.length} requests is too small to measure`);
  const body = await getJson(first);
  const problem = first.check?.(body);
  if (problem) throw new Error(`${first.method ?? 'GET'} ${first.url}: ${problem}`);
  const warmupCount = load.warmupSeconds > 0 ? Math.floor(rest.length / 10) : 0;
  const { probeSeconds } = options;
  const probeCount = scenario.limit && probeSeconds > 0 ? Math.min(100, Math.floor(rest.length / 10)) : 0;
  // A fifth of the pool, sent at the steady rate (known once the measurement has run).
  const steadyCount = scenario.limit && options.ratePerSecond > 0 ? Math.floor(rest.length / 5) : 0;
  const warmup = rest.slice(0, warmupCount);
  const measured = rest.slice(warmupCount, rest.length - probeCount - steadyCount);
  const steadied = rest.slice(rest.length - probeCount - steadyCount, rest.length - probeCount);
  const probed = rest.slice(rest.length - probeCount);
  if (warmup.length > 0) {
    await measureLoad({ requests: warmup }, { ...load, once: true }).catch(async (error) => {
      throw new Error(`warm-up: ${messageOf(error)}; ${await firstFailureOf(warmup)}`);
    });
  }
  const measurement = await measureLoad({ requests: measured }, { ...load, once: true }).catch(async (error) => {
    throw new Error(`${messageOf(error)}; ${await firstFailureOf(measured)}`);
  });
  const steadyRate = steadyRateOf(measurement, options);
  const steady =
    steadied.length > 0 && steadyRate > 0
      ? await measureLoad({ requests: steadied }, { ...load, warmupSeconds: 0, once: true, ratePerSecond: steadyRate })
      : null;
  const probe =
    probed.length > 0
      ? await measureLoad({ requests: probed }, { connections: 1, durationSeconds: 0, warmupSeconds: 0, once: true })
      : null;
  console.log(
    `${formatNumber(measurement.requests)} once each: ${formatNumber(measurement.requestsPerSecond)} req/s, ` +
      `p50 ${formatNumber(measurement.latencyP50Ms, 1)} ms, p95 ${formatNumber(measurement.latencyP95Ms, 1)} ms, ` +
      `p99 ${formatNumber(measurement.latencyP99Ms, 1)} ms`,
  );
  return {
    name: scenario.name,
    description: scenario.description,
    status: 'ok',
    measurement,
    probe,
    steady,
    ceiling: null,
  };
}

/**
 * Why some requests of a pool failed: they are sent again one by one (the ones that succeeded now answer
 * 409, their lead being converted) and the first other failure is returned with its body.
 */
async function firstFailureOf(requests: readonly ScenarioRequest[]): Promise<string> {
  for (const request of requests) {
    try {
      await getJson(request);
    } catch (error) {
      const message = messageOf(error);
      if (!/ answered 409:/.test(message)) return `resent one by one: ${message}`;
    }
  }
  return 'resent one by one, every request answered 2xx or 409';
}

/**
 * The issue's targets, judged on this run's figures under the load each names (LatencyLimit): at the
 * run's connection count, or the request's own latency (steady rate and one at a time, both measured).
 */
function targetsOf(scenarios: readonly HttpScenario[], results: BenchResults): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const scenario of scenarios) {
    const { limit } = scenario;
    const result = results.scenarios.find((candidate) => candidate.name === scenario.name);
    if (!limit || result?.status !== 'ok') continue;
    const at = (measurement: LoadMeasurement) =>
      limit.percentile === 95 ? measurement.latencyP95Ms : measurement.latencyP99Ms;
    const measured = at(result.measurement);
    const measuredOneConnection = result.probe ? at(result.probe) : null;
    const measuredSteady = result.steady ? at(result.steady) : null;
    const pass =
      limit.load === 'connections'
        ? measured < limit.ms
        : measuredSteady !== null &&
          measuredOneConnection !== null &&
          measuredSteady < limit.ms &&
          measuredOneConnection < limit.ms;
    targets.push({
      target: limit.target,
      subject: scenario.name,
      measured,
      measuredOneConnection,
      measuredSteady,
      judgedOn: limit.load,
      ceiling: result.ceiling ? at(result.ceiling) : null,
      limit: limit.ms,
      unit: 'ms',
      pass,
    });
  }
  if (results.generation) {
    const { generation } = results;
    const figures: [string, number][] = [
      ['end to end (COPY + index builds)', generation.rowsPerSecond],
      ['COPY phase only', generation.loadRowsPerSecond],
    ];
    for (const [what, measured] of figures) {
      targets.push({
        target: `data generator: >= ${formatNumber(GENERATOR_TARGET_ROWS_PER_SECOND)} rows/s, ${what}`,
        subject: generation.bulkLoad ? 'generator (bulk load)' : 'generator (--keep-indexes)',
        measured,
        measuredOneConnection: null,
        limit: GENERATOR_TARGET_ROWS_PER_SECOND,
        unit: 'rows/s',
        pass: measured >= GENERATOR_TARGET_ROWS_PER_SECOND,
      });
    }
  }
  return targets;
}

function printSummary(results: BenchResults) {
  const { machine, options } = results;
  console.log(
    `\nMeridian bench: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; ` +
      `${options.connections} connections, ${options.workers} server worker(s), ${options.durationSeconds} s per scenario after ${options.warmupSeconds} s warm-up, ` +
      `${formatNumber(options.users)} users, ${formatNumber(options.territories)} territories, ` +
      `${formatNumber(options.accounts)} accounts\n`,
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
      `data generation (${generation.bulkLoad ? 'bulk load: indexes dropped and re-created, triggers off' : '--keep-indexes: full schema'}; ` +
        `seed ${generation.seed}; VACUUM (ANALYZE) ${formatNumber(generation.vacuumAnalyzeMilliseconds)} ms, not counted):`,
    );
    const rows = [...generation.datasets, { ...generation, name: 'all', indexes: NaN, indexMilliseconds: NaN }].map(
      (dataset) => [
        dataset.name,
        formatNumber(dataset.rows),
        formatNumber(dataset.loadMilliseconds),
        formatNumber(dataset.loadRowsPerSecond),
        Number.isNaN(dataset.indexes) ? '' : formatNumber(dataset.indexes),
        formatNumber(
          Number.isNaN(dataset.indexMilliseconds)
            ? generation.milliseconds - generation.loadMilliseconds
            : dataset.indexMilliseconds,
        ),
        formatNumber(dataset.milliseconds),
        formatNumber(dataset.rowsPerSecond),
      ],
    );
    console.log(
      formatTable(
        ['dataset', 'rows', 'COPY ms', 'COPY rows/s', 'indexes', 'index ms', 'total ms', 'end-to-end rows/s'],
        rows,
      ),
    );
  }
  if (results.targets.length > 0) {
    console.log(
      `\ntargets (exact percentiles): "saturated" is ${options.connections} connections each sending as fast as ` +
        `answered, "steady rate" ${formatNumber(options.ratePerSecond)} requests a second at an even pace (at most ` +
        `${formatNumber(options.steadyShare * 100)} % of the saturated req/s), ` +
        '"1 connection" the same requests one at a time; each target is judged on the load its issue names:',
    );
    console.log(formatTargets(results.targets));
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
