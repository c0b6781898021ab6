import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './postgres-errors.js';

/** As drizzle throws them: the driver's error is the cause of a "Failed query" error. */
const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
  it('knows a database that cannot be reached, is going away or is full', () => {
    for (const cause of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isDatabaseUnavailable(wrapped(cause)), cause.message).toBe(true);
    }
  });

  it('leaves the errors of a query to the query', () => {
    for (const cause of [
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      new Error('column "x" does not exist'),
    ]) {
      expect(isDatabaseUnavailable(wrapped(cause)), cause.message).toBe(false);
    }
  });
});
