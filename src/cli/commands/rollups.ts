import type { Command } from 'commander';
import { rebuildRecordRollupTables } from '../../server/modules/dashboard/record-rollups.service.js';
import { rebuildDealRollupTables } from '../../server/modules/reports/deal-rollups.service.js';
import { withDeps } from './session.js';

export function registerRollupCommands(program: Command): void {
  const rollups = program
    .command('rollups')
    .description('the pre-aggregated figures the pipeline, forecast and dashboard read');

  rollups
    .command('rebuild')
    .description('recompute the rollups from the records (triggers keep them exact; this is for repairs)')
    .action(async () => {
      await withDeps(async (deps) => {
        const startedAt = performance.now();
        const deals = await rebuildDealRollupTables(deps);
        const records = await rebuildRecordRollupTables(deps);
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
        process.stdout.write(
          `rebuilt the rollups in ${seconds} s: deals ${deals.byTerritory} rows by territory and ${deals.byOwner} by owner; ` +
            `${records.accounts} rows of accounts, ${records.leads} of leads, ${records.activities} of activities, ${records.tasks} of tasks.\n`,
        );
      });
    });
}
