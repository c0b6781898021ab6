import type { Command } from 'commander';
import { readMigrationState, runMigrations } from '../../server/db/migrate.js';
import { describeDatabase, withDatabase } from './session.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations that have not run yet (the server also does this on start)')
    .action(async () => {
      await withDatabase(async (database, config) => {
        const before = await readMigrationState(database.db);
        await runMigrations(database);
        const after = await readMigrationState(database.db);
        const applied = after.applied - before.applied;
        const where = describeDatabase(config);
        if (after.newerThanCode) {
          process.stdout.write(
            `${where} was migrated by a newer Meridian than this one (${after.availableTag} is the newest known here); nothing to do.\n`,
          );
        } else if (applied > 0) {
          process.stdout.write(
            `${where}: applied ${applied} migration${applied === 1 ? '' : 's'}; now at ${after.appliedTag} (${after.applied} of ${after.available}).\n`,
          );
        } else {
          process.stdout.write(`${where} is up to date at ${after.appliedTag} (${after.applied} migrations).\n`);
        }
      });
    });
}
