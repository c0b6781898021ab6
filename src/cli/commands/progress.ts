import { Presets, SingleBar } from 'cli-progress';
import type { BackupProgress, BackupSummary, TableRowCount } from '../../server/db/backup.js';

export type ProgressDisplay = BackupProgress & {
  /** Ends the display and prints rows per table and the time taken. */
  finish(summary: BackupSummary, headline: string): void;
  /** Ends the display after a failure, so the error is not printed onto the bar. */
  abort(): void;
};

/**
 * A progress bar (rows done / total) on a terminal; in a pipe or log file, where a bar would be noise,
 * one line per finished table instead.
 */
export function createProgressDisplay(activity: string, output: NodeJS.WriteStream = process.stdout): ProgressDisplay {
  return output.isTTY ? barDisplay(activity, output) : lineDisplay(output);
}

function barDisplay(activity: string, output: NodeJS.WriteStream): ProgressDisplay {
  const bar = new SingleBar(
    {
      format: `${activity} [{bar}] {percentage}% | {value}/{total} rows | {table}`,
      stream: output,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let tables: TableRowCount[] = [];
  let running = false;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    start(counts) {
      tables = counts;
      const total = counts.reduce((sum, table) => sum + table.rowCount, 0);
      // A bar over zero rows would show NaN%; an empty database finishes at once anyway.
      if (total === 0) return;
      bar.start(total, 0, { table: '' });
      running = true;
    },
    rows(table, count) {
      if (running) bar.increment(count, { table });
    },
    tableDone() {},
    finish(summary, headline) {
      stop();
      for (const line of tableLines(tables.length > 0 ? tables : summary.tables)) output.write(`${line}\n`);
      output.write(`${headline}\n`);
    },
    abort: stop,
  };
}

function lineDisplay(output: NodeJS.WriteStream): ProgressDisplay {
  let width = 0;
  return {
    start(counts) {
      width = Math.max(0, ...counts.map((table) => table.table.length));
    },
    rows() {},
    tableDone(table, rowCount) {
      output.write(`  ${table.padEnd(width)}  ${formatCount(rowCount)} rows\n`);
    },
    finish(_summary, headline) {
      output.write(`${headline}\n`);
    },
    abort() {},
  };
}

function tableLines(tables: TableRowCount[]): string[] {
  const width = Math.max(0, ...tables.map((table) => table.table.length));
  return tables.map((table) => `  ${table.table.padEnd(width)}  ${formatCount(table.rowCount)} rows`);
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}
