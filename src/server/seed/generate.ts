import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { BulkClient } from './bulk-insert.js';
import type { Dataset, GenerateContext } from './dataset.js';
import { createRng } from './random.js';

type AnyDataset = Dataset<PgTable, unknown>;

export type GenerateOptions = {
  client: BulkClient;
  seed: number;
  /** "Now" of the generated world; fixed by default so runs are reproducible on any day. */
  anchor?: Date;
  batchSize?: number;
  /**
   * Bulk-load mode (default true, PostgreSQL only): each table's secondary indexes are dropped and its
   * triggers (foreign keys included) disabled before its rows are copied, then the indexes are re-created
   * one by one from their saved definitions and the triggers enabled again. False loads into the full
   * schema, every index and foreign key checked row by row (`--keep-indexes`).
   */
  dropIndexes?: boolean;
  /** Called when a dataset is done, e.g. to print a line. */
  onDataset?: (stats: DatasetStats) => void;
  /** Called as each batch is committed, e.g. to move a progress bar. */
  onRows?: (dataset: string, rows: number) => void;
};

export type DatasetStats = {
  name: string;
  table: string;
  rows: number;
  /** Wall time from the start of the generator to the last committed batch, without `untimed` work. */
  loadMilliseconds: number;
  /** rows / loadMilliseconds: the COPY phase only. */
  loadRowsPerSecond: number;
  /** Dropping the secondary indexes, disabling and enabling triggers, re-creating the indexes. */
  indexMilliseconds: number;
  /** Secondary indexes dropped and re-created (0 with --keep-indexes). */
  indexes: number;
  /** End to end: load + index work. */
  milliseconds: number;
  /** rows / milliseconds, end to end (index builds included). */
  rowsPerSecond: number;
  /** Time spent in `context.untimed` (one-off preparation such as hashing the shared password). */
  untimedMilliseconds: number;
};

export type GenerateReport = {
  seed: number;
  /** True when indexes were dropped and re-created around each table's load. */
  bulkLoad: boolean;
  datasets: DatasetStats[];
  rows: number;
  /** The COPY phases only. */
  loadMilliseconds: number;
  loadRowsPerSecond: number;
  /** End to end, index builds included. */
  milliseconds: number;
  rowsPerSecond: number;
  /**
   * VACUUM (ANALYZE) of the filled tables, not part of rows/s: the planner sees the new sizes, the
   * visibility map allows index-only scans, and GIN indexes have their pending lists merged. Autovacuum
   * would do all that on its own within a minute of the load, in the middle of a measurement; doing it
   * first measures the settled state a production database is in.
   */
  vacuumAnalyzeMilliseconds: number;
};

/** Tables the database derives from the loaded ones (rebuilt after the load, then vacuumed with them). */
const DERIVED_TABLES = [
  'deal_rollups',
  'deal_owner_rollups',
  'account_rollups',
  'lead_rollups',
  'activity_rollups',
  'task_rollups',
];

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
  const rowsOf = options.client.rows;
  const bulkLoad = (options.dropIndexes ?? true) && rowsOf !== null;
  const client = options.client;
  // Index builds get connections of their own when there are some: a table's indexes are then built
  // while the next table loads (it needs none of them: its foreign-key triggers are off during its load).
  const buildLanes = Array.from({ length: client.buildLanes || client.lanes }, (_, index) =>
    client.buildLanes ? client.lanes + index : index,
  );
  // The lanes already keep every core busy (one loading and one building per core), so an index build
  // gets no parallel workers: they would only take turns on the same cores, at the cost of coordinating.
  if (bulkLoad) {
    for (let lane = 0; lane < client.lanes + client.buildLanes; lane += 1) {
      await client.query('set max_parallel_maintenance_workers = 0', lane);
    }
  }
  const startedAt = performance.now();
  let untimedMilliseconds = 0;
  const builds: Promise<void>[] = [];
  for (const dataset of inDependencyOrder(datasets)) {
    clock.untimedMilliseconds = 0;
    const table = getTableConfig(dataset.table).name;
    const prepareStartedAt = performance.now();
    const saved = bulkLoad && rowsOf ? await prepareBulkLoad(client, rowsOf, table) : [];
    const prepareMilliseconds = performance.now() - prepareStartedAt;
    const datasetStats = await runDataset(dataset, root.fork(dataset.name), context, options, outputs, clock);
    untimedMilliseconds += datasetStats.untimedMilliseconds;
    const finished = (indexMilliseconds: number) => {
      datasetStats.indexMilliseconds = prepareMilliseconds + indexMilliseconds;
      datasetStats.indexes = saved.length;
      datasetStats.milliseconds = datasetStats.loadMilliseconds + datasetStats.indexMilliseconds;
      datasetStats.rowsPerSecond = datasetStats.rows / (datasetStats.milliseconds / 1000);
      stats.push(datasetStats);
      options.onDataset?.(datasetStats);
    };
    if (!bulkLoad) {
      finished(0);
      continue;
    }
    // One table's indexes at a time on the build lanes: a connection runs one statement at a time, and a
    // build sets its memory just before it starts.
    const build = (builds.at(-1) ?? Promise.resolve()).then(async () => {
      const buildStartedAt = performance.now();
      await finishBulkLoad(client, table, saved, buildLanes);
      finished(performance.now() - buildStartedAt);
    });
    // With lanes of their own the build runs on while the next table loads; otherwise it is waited for.
    if (client.buildLanes > 0) {
      build.catch(() => undefined);
      builds.push(build);
    } else await build;
  }
  await Promise.all(builds);
  // End to end is the wall time of loading and indexing, overlapped as they ran, without untimed setup.
  const milliseconds = performance.now() - startedAt - untimedMilliseconds;
  const loadMilliseconds = stats.reduce((sum, entry) => sum + entry.loadMilliseconds, 0);

  // The rollups are kept by triggers, which the bulk load disabled (and on PGlite, where triggers ran,
  // recomputing is as cheap as checking): rebuild them from the loaded records before they are vacuumed.
  await options.client.query('select rebuild_deal_rollups()');
  await options.client.query('select rebuild_record_rollups()');
  const vacuumStartedAt = performance.now();
  for (const table of new Set([...stats.map((entry) => entry.table), ...DERIVED_TABLES])) {
    await options.client.query(`vacuum (analyze) "${table.replaceAll('"', '""')}"`);
  }
  const rows = stats.reduce((sum, entry) => sum + entry.rows, 0);
  const report: GenerateReport = {
    seed: options.seed,
    bulkLoad,
    datasets: stats,
    rows,
    loadMilliseconds,
    loadRowsPerSecond: rows / (loadMilliseconds / 1000),
    milliseconds,
    rowsPerSecond: rows / (milliseconds / 1000),
    vacuumAnalyzeMilliseconds: performance.now() - vacuumStartedAt,
  };
  return { report, output: context.output };
}

/**
 * Pipelined: while batches are being written the next one is generated. A dataset whose batches may
 * reference each other has at most one write in flight, so batches commit in the order they were yielded;
 * one with independent batches has one in flight per lane (connection).
 */
async function runDataset(
  dataset: AnyDataset,
  rng: ReturnType<typeof createRng>,
  context: GenerateContext,
  options: Pick<GenerateOptions, 'client' | 'onRows'>,
  outputs: Map<AnyDataset, unknown>,
  clock: { untimedMilliseconds: number },
): Promise<DatasetStats> {
  const { client, onRows } = options;
  const startedAt = performance.now();
  const iterator = dataset.generate(rng, context);
  let rows = 0;
  const writes: (Promise<number> | undefined)[] = new Array(dataset.independentBatches ? client.lanes : 1).fill(
    undefined,
  );
  let step = await iterator.next();
  while (!step.done) {
    let lane = writes.indexOf(undefined);
    if (lane === -1) {
      lane = await Promise.race(writes.map((write, index) => (write as Promise<number>).then(() => index)));
      rows += await (writes[lane] as Promise<number>);
    }
    const write = client.writeRows(dataset.table, step.value, lane).then((written) => {
      onRows?.(dataset.name, written);
      return written;
    });
    // Awaited later; the handler only keeps a failure from being reported as unhandled meanwhile.
    write.catch(() => undefined);
    writes[lane] = write;
    step = await iterator.next();
  }
  for (const write of writes) if (write) rows += await write;
  outputs.set(dataset, step.value);
  const milliseconds = performance.now() - startedAt - clock.untimedMilliseconds;
  return {
    name: dataset.name,
    table: getTableConfig(dataset.table).name,
    rows,
    loadMilliseconds: milliseconds,
    loadRowsPerSecond: rows / (milliseconds / 1000),
    indexMilliseconds: 0,
    indexes: 0,
    milliseconds,
    rowsPerSecond: rows / (milliseconds / 1000),
    untimedMilliseconds: clock.untimedMilliseconds,
  };
}

type SavedIndex = { indexname: string; indexdef: string };

/** A btree build sorts its whole table in memory with this much. */
const SORT_BUILD_MEMORY = '512MB';
/**
 * A GIN build gathers keys in a red-black tree and writes them out when it holds this much. Small
 * trees stay in the CPU's caches: with 4 MB rather than 512 MB, the search index of 300,000 contacts
 * (680,000 distinct words) builds in 5.1 s instead of 7.0 s, and that of 200,000 leads in 3.2 s instead
 * of 6.3 s, 47 MB instead of 60.
 */
const GIN_BUILD_MEMORY = '4MB';

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * What bulk loaders do: the table's secondary indexes are dropped (their definitions kept) and its
 * triggers disabled, foreign-key triggers included (the bench connects as the superuser that owns the
 * database; the generator writes consistent data, and the re-created unique indexes check part of it).
 * Indexes that back a constraint (primary keys, unique constraints) stay.
 */
async function prepareBulkLoad(
  client: BulkClient,
  rowsOf: NonNullable<BulkClient['rows']>,
  table: string,
): Promise<SavedIndex[]> {
  const saved = await rowsOf<SavedIndex>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = $1
        and not exists (
          select 1 from pg_constraint c
           where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
        )
      order by i.indexname`,
    [table],
  );
  for (const index of saved) await client.query(`drop index ${quoteIdentifier(index.indexname)}`);
  await client.query(`alter table ${quoteIdentifier(table)} disable trigger all`);
  return saved;
}

/**
 * Re-creates the dropped indexes on the given lanes, one per lane at a time: a build uses one core (no
 * parallel workers, see above), so building several at once on several connections is what keeps the
 * cores busy. Then enables the triggers. A unique index the data violates is a generator bug:
 * the error is thrown as it is, naming the index.
 */
async function finishBulkLoad(
  client: BulkClient,
  table: string,
  saved: readonly SavedIndex[],
  lanes: readonly number[],
) {
  // The GIN builds are the long ones: started first, the btree builds fill the other lanes meanwhile.
  const isGin = (index: SavedIndex) => /\busing gin\b/i.test(index.indexdef);
  const queue = [...saved.filter(isGin), ...saved.filter((index) => !isGin(index))];
  const buildOnLane = async (lane: number) => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      try {
        await client.query(`set maintenance_work_mem = '${isGin(index) ? GIN_BUILD_MEMORY : SORT_BUILD_MEMORY}'`, lane);
        await client.query(index.indexdef, lane);
      } catch (error) {
        queue.length = 0;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`re-creating ${index.indexname} on ${table} failed (a generator bug?): ${message}`, {
          cause: error,
        });
      }
    }
  };
  const outcomes = await Promise.allSettled(lanes.map((lane) => buildOnLane(lane)));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  await client.query(`alter table ${quoteIdentifier(table)} enable trigger all`, lanes[0]);
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
