import { v7 } from 'uuid';
import { accounts } from '../../src/server/db/schema/index.js';
import type { TestApp } from './app.js';

/**
 * A customer account written straight to the database, for suites that build a fixture faster than the
 * API would (and with dates the API does not take); its id.
 */
export async function insertAccount(
  t: TestApp,
  values: { name: string; ownerId: string; territoryId: string },
): Promise<string> {
  const id = v7();
  await t.deps.database.db
    .insert(accounts)
    .values({ id, type: 'customer', normalizedName: values.name.toLowerCase(), ...values });
  return id;
}

/** 09:00 UTC (or `time`) `days` days from today, as an API timestamp: a day fixed relative to the test run. */
export const inDays = (days: number, time = '09:00') =>
  `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}:00.000Z`;
