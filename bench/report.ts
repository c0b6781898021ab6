import fs from 'node:fs';
import path from 'node:path';
import type { GenerateReport } from './generate/generate.js';
import type { LoadMeasurement } from './load.js';
import type { ColdStartResult } from './scenarios/cold-start.js';

export type ScenarioResult =
  | { name: string; description: string; status: 'ok'; measurement: LoadMeasurement }
  | { name: string; description: string; status: 'failed'; error: string };

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
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    seed: number;
    only: string[] | null;
  };
  generation: GenerateReport | null;
  scenarios: ScenarioResult[];
  /** users-me req/s as a share of bare-route req/s, in percent. */
  usersMeShareOfBarePercent: number | null;
  coldStart: ColdStartResult | { error: string } | null;
  failures: string[];
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** The table the brief asks for: one line per scenario, failures marked so they cannot pass for figures. */
export function formatScenarioTable(scenarios: readonly ScenarioResult[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'];
  const rows = scenarios.map((scenario) =>
    scenario.status === 'ok'
      ? [
          scenario.name,
          integer.format(scenario.measurement.requestsPerSecond),
          decimal.format(scenario.measurement.latencyP50Ms),
          decimal.format(scenario.measurement.latencyP99Ms),
          integer.format(scenario.measurement.non2xx),
        ]
      : [scenario.name, 'FAILED', '-', '-', '-'],
  );
  return formatTable(header, rows);
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
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
