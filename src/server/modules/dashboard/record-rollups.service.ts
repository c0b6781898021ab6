import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { countRecordRollupRows, type RecordRollupRows, rebuildRecordRollups } from './dashboard-rollups.repository.js';

/**
 * Recomputes the record rollups (the dashboard's counts of accounts, leads, activities and open tasks),
 * for operators, as rebuildDealRollupTables does for the deals. Answers the rows each rollup holds.
 */
export async function rebuildRecordRollupTables(deps: Deps): Promise<RecordRollupRows> {
  return inTransaction(deps.database.db, async (tx) => {
    await rebuildRecordRollups(tx);
    return countRecordRollupRows(tx);
  });
}
