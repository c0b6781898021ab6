import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { type BackupSummary, backupDatabase, restoreDatabase } from '../../server/db/backup.js';
import { CliError } from './cli-error.js';
import { createProgressDisplay, formatCount, formatSeconds, type ProgressDisplay } from './progress.js';
import { describeDatabase, withDatabase } from './session.js';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write every Meridian table to a gzip-compressed file that PGlite and PostgreSQL can restore')
    .argument('<file>', 'where to write the backup, e.g. meridian-2025-01-31.ndjson.gz')
    .action(async (file: string) => {
      const target = path.resolve(file);
      if (!fs.existsSync(path.dirname(target))) throw new CliError(`the folder ${path.dirname(target)} does not exist`);
      await withDatabase(
        async (database, config) => {
          process.stdout.write(`Backing up ${describeDatabase(config)} to ${target}\n`);
          const display = createProgressDisplay('Backing up');
          const summary = await tracked(display, () => backupDatabase(database, target, display));
          display.finish(summary, `Backed up ${totals(summary)} to ${target}.`);
        },
        { mustExist: true },
      );
    });

  program
    .command('restore')
    .description('load a backup into the configured database; it must be empty unless --force is given')
    .argument('<file>', 'a file written by `meridian backup`')
    .option('--force', 'replace all data the database holds now')
    .action(async (file: string, options: { force?: boolean }) => {
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new CliError(`${source} does not exist`);
      await withDatabase(async (database, config) => {
        process.stdout.write(`Restoring ${source} into ${describeDatabase(config)}\n`);
        const display = createProgressDisplay('Restoring');
        const summary = await tracked(display, () =>
          restoreDatabase(database, source, { force: options.force === true, progress: display }),
        );
        display.finish(summary, `Restored ${totals(summary)}.`);
      });
    });
}

async function tracked<T>(display: ProgressDisplay, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    display.abort();
    throw error;
  }
}

function totals(summary: BackupSummary): string {
  const tables = summary.tables.length;
  return `${formatCount(summary.totalRows)} rows in ${tables} table${tables === 1 ? '' : 's'} in ${formatSeconds(summary.seconds)}`;
}
