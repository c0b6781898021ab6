import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { insertRows, type SqlClient } from './bulk-insert.js';
import type { Dataset, GenerateContext } from './dataset.js';
import { createRng } from './random.js';

type AnyDataset = Dataset<PgTable, unknown>;

export type GenerateOptions = {
  client: SqlClient;
  seed: number;
  /** "Now" of the generated world; fixed by default so runs are reproducible on any day. */
  anchor?: Date;
  batchSize?: number;
  /** Called when a dataset is done, e.g. to print a line. */
  onDataset?: (stats: DatasetStats) => void;
};

export type DatasetStats = {
  name: string;
  table: string;
  rows: number;
  /** Wall time from the start of the generator to the last committed batch, without `untimed` work. */
  milliseconds: number;
  rowsPerSecond: number;
  /** Time spent in `context.untimed` (one-off preparation such as hashing the shared password). */
  untimedMilliseconds: number;
};

export type GenerateReport = {
  seed: number;
  datasets: DatasetStats[];
  rows: number;
  milliseconds: number;
  rowsPerSecond: number;
  /** ANALYZE of the filled tables, so the planner sees the new sizes; not part of rows/s. */
  analyzeMilliseconds: number;
};

export const DEFAULT_ANCHOR = new Date('2025-06-30T12:00:00.000Z');
export const DEFAULT_BATCH_SIZE = 5_000;

/**
 * Generates and inserts the given datasets (and the datasets they depend on) in dependency order. Each
 * dataset draws from its own stream, seeded by the run's seed and its name, so adding or changing one
 * dataset leaves the rows of the others unchanged.
 */
export async function generateDatasets(datasets: readonly AnyDataset[], options: GenerateOptions) {
  const anchor = options.anchor ?? DEFAULT_ANCHOR;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const outputs = new Map<AnyDataset, unknown>();
  // Datasets run one after another, so one counter serves them all; runDataset resets it.
  const clock = { untimedMilliseconds: 0 };
  const context: GenerateContext = {
    anchor,
    batchSize,
    output<TOutput>(dataset: Dataset<PgTable, TOutput>): TOutput {
      if (!outputs.has(dataset)) {
        throw new Error(`dataset "${dataset.name}" has not run yet: list it in dependsOn`);
      }
      return outputs.get(dataset) as TOutput;
    },
    async untimed<T>(work: () => Promise<T>): Promise<T> {
      const startedAt = performance.now();
      try {
        return await work();
      } finally {
        clock.untimedMilliseconds += performance.now() - startedAt;
      }
    },
  };
  const root = createRng(options.seed);
  const stats: DatasetStats[] = [];
  for (const dataset of inDependencyOrder(datasets)) {
    clock.untimedMilliseconds = 0;
    const datasetStats = await runDataset(dataset, root.fork(dataset.name), context, options.client, outputs, clock);
    stats.push(datasetStats);
    options.onDataset?.(datasetStats);
  }
  const milliseconds = stats.reduce((sum, entry) => sum + entry.milliseconds, 0);

  const analyzeStartedAt = performance.now();
  for (const table of new Set(stats.map((entry) => entry.table))) {
    await options.client.query(`analyze "${table.replaceAll('"', '""')}"`, []);
  }
  const rows = stats.reduce((sum, entry) => sum + entry.rows, 0);
  const report: GenerateReport = {
    seed: options.seed,
    datasets: stats,
    rows,
    milliseconds,
    rowsPerSecond: rows / (milliseconds / 1000),
    analyzeMilliseconds: performance.now() - analyzeStartedAt,
  };
  return { report, output: context.output };
}

/**
 * Pipelined: while one batch is being inserted the next one is generated, with at most one insert in
 * flight, so batches commit in the order they were yielded (a later batch may reference an earlier one).
 */
async function runDataset(
  dataset: AnyDataset,
  rng: ReturnType<typeof createRng>,
  context: GenerateContext,
  client: SqlClient,
  outputs: Map<AnyDataset, unknown>,
  clock: { untimedMilliseconds: number },
): Promise<DatasetStats> {
  const startedAt = performance.now();
  const iterator = dataset.generate(rng, context);
  let rows = 0;
  let inFlight: Promise<number> | undefined;
  let step = await iterator.next();
  while (!step.done) {
    if (inFlight) rows += await inFlight;
    inFlight = insertRows(client, dataset.table, step.value);
    // Awaited on the next turn; the handler only keeps a failure from being reported as unhandled meanwhile.
    inFlight.catch(() => undefined);
    step = await iterator.next();
  }
  if (inFlight) rows += await inFlight;
  outputs.set(dataset, step.value);
  const milliseconds = performance.now() - startedAt - clock.untimedMilliseconds;
  return {
    name: dataset.name,
    table: getTableConfig(dataset.table).name,
    rows,
    milliseconds,
    rowsPerSecond: rows / (milliseconds / 1000),
    untimedMilliseconds: clock.untimedMilliseconds,
  };
}

/** Dependencies first, each dataset once; the ones only named in dependsOn are included too. */
export function inDependencyOrder(datasets: readonly AnyDataset[]): AnyDataset[] {
  const ordered: AnyDataset[] = [];
  const state = new Map<AnyDataset, 'visiting' | 'done'>();
  const visit = (dataset: AnyDataset, path: string[]) => {
    const seen = state.get(dataset);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new Error(`datasets depend on each other in a loop: ${[...path, dataset.name].join(' → ')}`);
    state.set(dataset, 'visiting');
    for (const dependency of dataset.dependsOn) visit(dependency, [...path, dataset.name]);
    state.set(dataset, 'done');
    ordered.push(dataset);
  };
  for (const dataset of datasets) visit(dataset, []);
  const names = ordered.map((dataset) => dataset.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  // The name seeds the dataset's random stream: two datasets with one name would draw the same values.
  if (duplicate) throw new Error(`two datasets are named "${duplicate}"`);
  return ordered;
}
