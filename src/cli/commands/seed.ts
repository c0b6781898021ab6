import type { Command } from 'commander';
import { DEMO_SEED, loadDemoData } from '../../server/modules/demo/demo.service.js';
import { ensureAdmin } from '../../server/modules/users/bootstrap.js';
import { seedScale } from '../../server/seed/seed-scale.js';
import { CliError } from './cli-error.js';
import { createProgressDisplay, formatCount, formatSeconds } from './progress.js';
import { describeDatabase, withDatabase, withDeps } from './session.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('fill an empty database: the demo data set (--demo) or generated data at scale (--scale N)')
    .option('--demo', 'the demo data set: a sales team, 40 accounts and their leads, deals, activities and tasks')
    .option('--scale <accounts>', 'N accounts, with 3 contacts, 2 leads, 2 deals, 10 activities and 2 tasks each')
    .option(
      '--seed <n>',
      'seed of the generator: the same seed gives the same data (default 1 for --demo, 42 for --scale)',
    )
    .option('--keep-indexes', 'with --scale on PostgreSQL: load with every index in place (slower)')
    .action(async (options: { demo?: boolean; scale?: string; seed?: string; keepIndexes?: boolean }) => {
      if ((options.demo === true) === (options.scale !== undefined))
        throw new CliError('give either --demo or --scale <accounts>');
      const seed = (fallback: number) =>
        options.seed === undefined ? fallback : integer('--seed', options.seed, 0, 2 ** 32 - 1);
      if (options.demo) await seedDemo(seed(DEMO_SEED));
      else await seedAtScale(integer('--scale', options.scale ?? '', 1_000, 10_000_000), seed(42), options.keepIndexes);
    });
}

async function seedDemo(seed: number): Promise<void> {
  await withDeps(async (deps) => {
    const startedAt = performance.now();
    const admin = await ensureAdmin(deps);
    // As on a first start: a new admin's random password is the demo team's too.
    const sharedPassword = admin.created && admin.passwordWasGenerated ? admin.password : undefined;
    const demo = await loadDemoData(deps, { seed, password: sharedPassword });
    process.stdout.write(
      `Loaded the demo data set into ${describeDatabase(deps.config)} in ${formatSeconds((performance.now() - startedAt) / 1000)}.\n`,
    );
    for (const [table, count] of Object.entries(demo.counts))
      process.stdout.write(`  ${table.padEnd(15)} ${formatCount(count)}\n`);
    if (admin.created) process.stdout.write(`Log in as ${admin.email} with password ${admin.password}\n`);
    process.stdout.write(
      `Demo team (password ${demo.password}): ${demo.users.map((user) => `${user.email} (${user.role})`).join(', ')}\n`,
    );
  });
}

async function seedAtScale(accounts: number, seed: number, keepIndexes: boolean | undefined): Promise<void> {
  await withDatabase(async (database, config) => {
    process.stdout.write(`Seeding ${describeDatabase(config)} with ${formatCount(accounts)} accounts (seed ${seed})\n`);
    const display = createProgressDisplay('Seeding');
    const startedAt = performance.now();
    let result: Awaited<ReturnType<typeof seedScale>>;
    try {
      result = await seedScale(database, {
        accounts,
        seed,
        keepIndexes,
        onStart: (tables) => display.start(tables),
        onRows: (dataset, rows) => display.rows(dataset, rows),
        onDataset: (stats) => display.tableDone(stats.name, stats.rows),
      });
    } catch (error) {
      display.abort();
      throw error;
    }
    const { report } = result;
    const seconds = (performance.now() - startedAt) / 1000;
    display.finish(
      {
        tables: report.datasets.map((stats) => ({ table: stats.name, rowCount: stats.rows })),
        totalRows: report.rows,
        seconds,
      },
      `Seeded ${formatCount(report.rows)} rows in ${formatSeconds(seconds)}.`,
    );
    for (const stats of report.datasets) {
      process.stdout.write(
        `  ${stats.name.padEnd(26)} ${formatCount(stats.rows).padStart(11)} rows  ${formatCount(Math.round(stats.rowsPerSecond)).padStart(9)} rows/s` +
          (stats.indexes > 0
            ? `  (load ${formatSeconds(stats.loadMilliseconds / 1000)}, ${stats.indexes} indexes ${formatSeconds(stats.indexMilliseconds / 1000)})`
            : '') +
          '\n',
      );
    }
    process.stdout.write(
      `Overall ${formatCount(Math.round(report.rowsPerSecond))} rows/s end to end (load only ${formatCount(Math.round(report.loadRowsPerSecond))} rows/s), ` +
        `then VACUUM (ANALYZE) ${formatSeconds(report.vacuumAnalyzeMilliseconds / 1000)}.\n` +
        `Every generated user's password is ${result.password} (this data is for testing and benchmarks); the admin is ${result.adminEmail}.\n`,
    );
  });
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(
      `${name} must be a whole number from ${formatCount(min)} to ${formatCount(max)}, not ${raw || 'nothing'}`,
    );
  }
  return value;
}
