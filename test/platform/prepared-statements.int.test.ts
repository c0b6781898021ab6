import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/server/db/client.js';

/** One connection, so that the statements a query prepared are visible to the next query's session. */
async function preparedAfterTwoReads(prepareStatements: boolean) {
  const database = await openPostgres(process.env.TEST_DATABASE_URL as string, 1, { prepareStatements });
  try {
    const read = () => database.rows<{ n: number }>(sql`select ${41}::int + 1 as n`);
    expect(await read()).toEqual([{ n: 42 }]);
    expect(await read()).toEqual([{ n: 42 }]);
    return await database.rows<{ statement: string }>(
      sql`select statement from pg_prepared_statements where statement like ${'%::int + 1 as n'}`,
    );
  } finally {
    await database.close();
  }
}

describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  it('prepares a parameterised statement once per connection and reuses it', async () => {
    expect(await preparedAfterTwoReads(true)).toHaveLength(1);
  });

  it('prepares nothing when turned off (for poolers that cannot keep them)', async () => {
    expect(await preparedAfterTwoReads(false)).toHaveLength(0);
  });
});
