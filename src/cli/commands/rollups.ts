import type { Command } from 'commander';
import { rebuildDealRollupTables } from '../../server/modules/reports/deal-rollups.service.js';
import { withDeps } from './session.js';

export function registerRollupCommands(program: Command): void {
  const rollups = program.command('rollups').description('the pre-aggregated deal figures the reports read');

  rollups
    .command('rebuild')
    .description('recompute the deal rollups from the deals (triggers keep them exact; this is for repairs)')
    .action(async () => {
      await withDeps(async (deps) => {
        const startedAt = performance.now();
        const rows = await rebuildDealRollupTables(deps);
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
        process.stdout.write(
          `rebuilt the deal rollups in ${seconds} s: ${rows.byTerritory} rows by territory, ${rows.byOwner} by owner.\n`,
        );
      });
    });
}
