import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/server/db/client.js';
import { inTransaction } from '../../src/server/db/transaction.js';

describe.runIf(process.env.TEST_DATABASE_URL)('transactions on PostgreSQL', () => {
  it('run a deadlock victim again, so both writers succeed', async () => {
    const database = await openPostgres(process.env.TEST_DATABASE_URL as string, 4);
    const table = sql.identifier(`deadlock_probe_${Date.now()}_${process.pid}`);
    try {
      await database.rows(sql`create table ${table} (id int primary key, writes int not null default 0)`);
      await database.rows(sql`insert into ${table} (id) values (1), (2)`);
      // Each writer locks one row, waits until the other holds its row too, then asks for the other's:
      // PostgreSQL aborts one of them as a deadlock victim.
      let locked = 0;
      const bothLocked = async () => {
        locked += 1;
        while (locked < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      let attempts = 0;
      const writer = (first: number, second: number) =>
        inTransaction(database.db, async (tx) => {
          attempts += 1;
          await tx.execute(sql`update ${table} set writes = writes + 1 where id = ${first}`);
          await bothLocked();
          await tx.execute(sql`update ${table} set writes = writes + 1 where id = ${second}`);
        });
      await Promise.all([writer(1, 2), writer(2, 1)]);
      expect(attempts).toBe(3);
      const rows = await database.rows<{ id: number; writes: number }>(
        sql`select id, writes from ${table} order by id`,
      );
      expect(rows).toEqual([
        { id: 1, writes: 2 },
        { id: 2, writes: 2 },
      ]);
    } finally {
      await database.rows(sql`drop table if exists ${table}`);
      await database.close();
    }
  }, 30_000);
});
