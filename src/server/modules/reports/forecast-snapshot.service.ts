import { v7 as uuidv7 } from 'uuid';
import { SNAPSHOT_MONTHS } from '../../../shared/contracts/reports.js';
import { AppError } from '../../../shared/errors.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { addMonths, isCalendarDate } from './report-periods.js';
import {
  aggregateForecastOfEveryoneUnscoped,
  deleteForecastSnapshot,
  insertForecastSnapshotRows,
} from './reports.repository.js';

/**
 * Records the forecast as it stands, so a manager can later see how it moved (GET
 * /reports/forecast/history). One row per owner × territory × close month × currency for the six close
 * months from `takenOn`'s month, with the live forecast's measures.
 *
 * Unscoped on purpose: the system takes the snapshot for everyone (the weekly job calls this); each
 * reader's history is narrowed when read, by the row's owner and territory.
 *
 * Idempotent for a day: a second run for the same `takenOn` replaces that day's rows, in one transaction,
 * so a retried job leaves exactly one snapshot and a reader never sees half of one.
 */
export async function takeForecastSnapshot(deps: Deps, takenOn: string): Promise<{ rows: number }> {
  if (!isCalendarDate(takenOn)) {
    throw new AppError('invalid_request', `takenOn must be a date written YYYY-MM-DD, not ${JSON.stringify(takenOn)}`);
  }
  const firstMonth = `${takenOn.slice(0, 7)}-01`;
  const period = { firstMonth, endMonth: addMonths(firstMonth, SNAPSHOT_MONTHS) };
  return inTransaction(deps.database.db, async (tx) => {
    await deleteForecastSnapshot(tx, takenOn);
    const rows = await aggregateForecastOfEveryoneUnscoped(tx, period);
    await insertForecastSnapshotRows(
      tx,
      rows.map((row) => ({ id: uuidv7(), takenOn, ...row })),
    );
    return { rows: rows.length };
  });
}
