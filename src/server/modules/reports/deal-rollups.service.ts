import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { countDealRollupRows, rebuildDealRollups } from './deal-rollups.repository.js';

/**
 * Recomputes the deal rollups from the deals, for operators: after deals or accounts were written with
 * triggers disabled (the bulk loader does its own rebuild), or to rule the rollups out when a figure looks
 * wrong. Writers of deals wait for it (a few seconds at 200k deals); readers keep the old rows until it
 * commits. Answers the rows each rollup holds afterwards.
 */
export async function rebuildDealRollupTables(deps: Deps): Promise<{ byTerritory: number; byOwner: number }> {
  return inTransaction(deps.database.db, async (tx) => {
    await rebuildDealRollups(tx);
    return countDealRollupRows(tx);
  });
}
