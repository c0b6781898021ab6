import fs from 'node:fs';
import path from 'node:path';
import type { GenerateReport } from '../src/server/seed/generate.js';
import type { LoadMeasurement } from './load.js';
import type { ColdStartResult } from './scenarios/cold-start.js';

export type ScenarioResult =
  | {
      name: string;
      description: string;
      status: 'ok';
      measurement: LoadMeasurement;
      /** The same requests one at a time: the latency without queueing, for the scenarios with a target. */
      probe: LoadMeasurement | null;
      /**
       * The same requests at an even pace over the run's connections (`--rate`, capped at `--steady-share`
       * of the saturated req/s), for the scenarios with a target.
       */
      steady: LoadMeasurement | null;
      /**
       * The same load on bare Fastify sending the answers Meridian gave, for the scenarios with a target
       * (not pools): the best latency any server reaches on this machine at this connection count.
       */
      ceiling: LoadMeasurement | null;
    }
  | { name: string; description: string; status: 'failed'; error: string };

/** A figure the issue sets a limit on, and whether this run met it. */
export type TargetResult = {
  target: string;
  /** The scenario measured, or "generator". */
  subject: string;
  measured: number;
  /** The same percentile with one connection (no queueing), when probed. */
  measuredOneConnection: number | null;
  /** The same percentile at the steady rate, when measured. */
  measuredSteady?: number | null;
  /** What the limit is judged on (see LatencyLimit): the saturating load, or the request's own latency. */
  judgedOn?: 'connections' | 'request';
  /** The same percentile of bare Fastify sending the same answers (see ScenarioResult), when measured. */
  ceiling?: number | null;
  limit: number;
  unit: 'ms' | 'rows/s';
  pass: boolean;
};

export type BenchResults = {
  startedAt: string;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average before and after: above the CPU count, other work shared the machine. */
    loadAverageAtStart: number;
    loadAverageAtEnd: number | null;
  };
  options: {
    users: number;
    accounts: number;
    leads: number;
    opportunities: number;
    /** Undefined: the generator's default per account (10 activities, 2 tasks). */
    activities: number | undefined;
    tasks: number | undefined;
    keepIndexes: boolean;
    territories: number;
    connections: number;
    /** MERIDIAN_WORKERS of the server under load. */
    workers: number;
    durationSeconds: number;
    warmupSeconds: number;
    /** Requests a second of the steady load (0: not measured)… */
    ratePerSecond: number;
    /** …at most this share of the scenario's saturated req/s. */
    steadyShare: number;
    seed: number;
    only: string[] | null;
  };
  generation: GenerateReport | null;
  scenarios: ScenarioResult[];
  /** users-me req/s as a share of bare-route req/s, in percent. */
  usersMeShareOfBarePercent: number | null;
  coldStart: ColdStartResult | { error: string } | null;
  targets: TargetResult[];
  failures: string[];
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * One line per scenario, failures marked so they cannot pass for figures. Percentiles are exact, over
 * every response of the measurement; "1-conn p99" is the same requests sent one at a time (scenarios
 * with a target only): the gap between the two is queueing for the two cores.
 */
export function formatScenarioTable(scenarios: readonly ScenarioResult[]): string {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'steady p99',
    '1-conn p50',
    '1-conn p99',
    'non-2xx',
  ];
  const ms = (value: number) => (value < 10 ? value.toFixed(2) : decimal.format(value));
  const rows = scenarios.map((scenario) =>
    scenario.status === 'ok'
      ? [
          scenario.name,
          integer.format(scenario.measurement.requestsPerSecond),
          ms(scenario.measurement.latencyP50Ms),
          ms(scenario.measurement.latencyP95Ms),
          ms(scenario.measurement.latencyP99Ms),
          ms(scenario.measurement.latencyMaxMs),
          scenario.steady ? ms(scenario.steady.latencyP99Ms) : '-',
          scenario.probe ? ms(scenario.probe.latencyP50Ms) : '-',
          scenario.probe ? ms(scenario.probe.latencyP99Ms) : '-',
          integer.format(scenario.measurement.non2xx),
        ]
      : [scenario.name, 'FAILED', '-', '-', '-', '-', '-', '-', '-', '-'],
  );
  return formatTable(header, rows);
}

/**
 * One line per target, with the load it is judged on ("judged on"). "bare ceiling" is the same
 * percentile of bare Fastify sending the same answers under the saturating load: a FAIL judged there whose
 * ceiling also misses the limit is marked "out of reach here", because no server on this machine meets
 * it at this connection count.
 */
export function formatTargets(targets: readonly TargetResult[]): string {
  const figure = (value: number | null | undefined, unit: TargetResult['unit']) =>
    value === null || value === undefined ? '-' : `${value.toFixed(1)} ${unit}`;
  const rows = targets.map((target) => [
    target.pass ? 'PASS' : 'FAIL',
    target.target,
    target.subject,
    `${target.unit === 'ms' ? target.measured.toFixed(1) : integer.format(target.measured)} ${target.unit}`,
    figure(target.measuredSteady, target.unit),
    figure(target.measuredOneConnection, target.unit),
    figure(target.ceiling, target.unit),
    judgedOnLabel(target),
    !target.pass &&
    target.judgedOn === 'connections' &&
    target.ceiling !== null &&
    target.ceiling !== undefined &&
    target.ceiling >= target.limit
      ? 'out of reach here'
      : '',
  ]);
  return formatTable(
    ['', 'target', 'measured on', 'saturated', 'steady rate', '1 connection', 'bare ceiling', 'judged on', ''],
    rows,
    3,
  );
}

function judgedOnLabel(target: TargetResult): string {
  if (target.judgedOn === 'request') return 'steady + 1 conn';
  return target.judgedOn === 'connections' ? 'saturated' : '';
}

/** Text columns: the first `leftAligned` ones are aligned left, the rest (figures) right. */
export function formatTable(header: string[], rows: string[][], leftAligned = 1): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < leftAligned ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return fractionDigits === 0 ? integer.format(value) : decimal.format(value);
}

export function writeResults(file: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, roundNumbers, 2)}\n`);
}

/** Keeps the JSON small and readable: no 15-digit fractions. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;
}
