import type { InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Rng } from './random.js';

/** One row as Drizzle would insert it into the table. */
export type RowOf<TTable extends PgTable> = InferInsertModel<TTable>;

/** What every dataset's generator receives besides its own random stream. */
export type GenerateContext = {
  /** "Now" for the generated world: fixed, so the same seed gives the same rows on any day. */
  anchor: Date;
  /** Rows per yielded batch that the writer handles best; a dataset may yield smaller batches. */
  batchSize: number;
  /** The value a dataset this one depends on returned when it finished (its ids, its hierarchy…). */
  output<TOutput>(dataset: Dataset<PgTable, TOutput>): TOutput;
  /**
   * Runs one-off preparation outside the rows/s figure, e.g. the single argon2 hash every user shares,
   * which would otherwise weigh more than generating and inserting ten thousand rows. Call it before the
   * first yield: time it overlaps with an insert in flight would be taken off the figure too.
   */
  untimed<T>(work: () => Promise<T>): Promise<T>;
};

/**
 * A generated data set for one table. `generate` is an async generator: it yields batches of rows, which
 * are inserted in order, and returns what dependent datasets need (ids, who reports to whom…). Rows of one
 * dataset may reference rows of an earlier batch of the same dataset (managers before their reps), unless
 * it declares `independentBatches`.
 */
export type Dataset<TTable extends PgTable, TOutput> = {
  name: string;
  table: TTable;
  /** Datasets whose rows must exist first; their outputs are available through `context.output`. */
  dependsOn: readonly Dataset<PgTable, unknown>[];
  /** How many rows it will produce, when known up front (for progress and the report). */
  expectedRows?: number;
  /**
   * True when no row references a row of another batch of the same dataset (a batch holds whole
   * families, whole accounts…): batches may then be written at the same time on several connections.
   * Otherwise they are written one after the other, in the order they are yielded.
   */
  independentBatches?: boolean;
  generate(rng: Rng, context: GenerateContext): AsyncGenerator<RowOf<TTable>[], TOutput, void>;
};

/** Declares a dataset; only an identity function, so the types of rows and output are inferred in one place. */
export function defineDataset<TTable extends PgTable, TOutput>(
  dataset: Dataset<TTable, TOutput>,
): Dataset<TTable, TOutput> {
  return dataset;
}

/** Splits `count` rows into batches of `size`, building each row from its index. */
export function* batchesOf<Row>(count: number, size: number, build: (index: number) => Row): Generator<Row[]> {
  for (let start = 0; start < count; start += size) {
    const end = Math.min(count, start + size);
    const batch: Row[] = new Array(end - start);
    for (let index = start; index < end; index += 1) batch[index - start] = build(index);
    yield batch;
  }
}
