import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, or, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { alias, PgDialect, pgEnum, pgView } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { readTimeline } from '../modules/timeline/timeline.repository.js';
import { visibleLinkedRecords } from '../platform/record-links.js';
import type { Viewer } from '../platform/viewer.js';
import { visibleAccounts } from '../platform/visibility.js';
import type { Db } from './client.js';
import { accounts, activities, contacts, opportunities, users } from './schema/index.js';
import { drizzleSqlBuilder, fastSqlBuilder } from './sql-builder.js';

const dialect = new PgDialect();
const db = drizzle.mock({ schema: { accounts, activities, contacts, opportunities, users } });

/** Text, parameters and typings of a statement, written by the given builder. */
function writeWith(builder: SQL['buildQueryFromSourceParams'], statement: { getSQL(): SQL }) {
  const current = SQL.prototype.buildQueryFromSourceParams;
  SQL.prototype.buildQueryFromSourceParams = builder;
  try {
    return dialect.sqlToQuery(statement.getSQL());
  } finally {
    SQL.prototype.buildQueryFromSourceParams = current;
  }
}

function expectSameOutput(statement: { getSQL(): SQL }) {
  const drizzleOutput = writeWith(drizzleSqlBuilder, statement);
  const fastOutput = writeWith(fastSqlBuilder, statement);
  expect(fastOutput).toEqual(drizzleOutput);
  return fastOutput;
}

const rep: Viewer = {
  userId: '0193c6c2-29f0-7fdc-b0bd-2554ddcb327f',
  role: 'rep',
  territoryIds: ['0181b9a1-d608-7470-afe1-61cb8507d1cc', '0181b9a1-d608-7470-afe1-61cb8507d1cd'],
  reportIds: ['0193c6c2-29f0-7fdc-b0bd-2554ddcb3280'],
  scopes: [],
  requestId: null,
};

describe('the fast SQL builder', () => {
  it('writes selects with joins, aliases, typed parameters and visibility exactly as Drizzle does', () => {
    const parent = alias(accounts, 'parent');
    const output = expectSameOutput(
      db
        .select({ id: accounts.id, name: accounts.name, parentName: parent.name, deals: count(opportunities.id) })
        .from(accounts)
        .leftJoin(parent, eq(parent.id, accounts.parentId))
        .leftJoin(opportunities, eq(opportunities.accountId, accounts.id))
        .where(
          and(
            isNull(accounts.deletedAt),
            visibleAccounts(rep),
            gte(accounts.createdAt, new Date('2026-01-02T03:04:05.678Z')),
            gte(opportunities.closeDate, '2026-12-01'),
            gte(opportunities.amount, 1000.5),
            ilike(accounts.name, '%acme%'),
            inArray(accounts.type, ['distributor', 'dealer']),
            sql`${accounts.id} = any(${sql.param(['0193c6c2-29f0-7fdc-b0bd-2554ddcb327f'])}::uuid[])`,
          ),
        )
        .groupBy(accounts.id, parent.name)
        .orderBy(asc(accounts.name), desc(accounts.id))
        .limit(51),
    );
    expect(output.typings).toContain('timestamp');
    expect(output.typings).toContain('uuid');
  });

  it('writes inserts, updates with JSON, placeholders, subqueries and CTEs exactly as Drizzle does', () => {
    expectSameOutput(
      db
        .insert(activities)
        .values({
          id: '0193c6c2-29f0-7fdc-b0bd-2554ddcb3281',
          type: 'visit',
          status: 'planned',
          subject: "O'Brien's \\ visit",
          accountId: '0193c6c2-29f0-7fdc-b0bd-2554ddcb3282',
          ownerId: rep.userId,
        })
        .returning({ id: activities.id }),
    );
    expectSameOutput(
      db
        .update(accounts)
        .set({ name: 'Renamed', version: sql`${accounts.version} + 1` })
        .where(and(eq(accounts.id, sql.placeholder('id')), eq(accounts.version, 3))),
    );
    const recent = db.select({ id: contacts.id }).from(contacts).where(eq(contacts.isPrimary, true)).as('recent');
    expectSameOutput(db.select({ id: recent.id }).from(recent).limit(sql.placeholder('limit')));
    const due = db.$with('due').as(db.select({ id: users.id }).from(users).where(eq(users.active, true)));
    expectSameOutput(db.with(due).select().from(due));
  });

  it('writes inline parameters, enums, views and index columns exactly as Drizzle does', () => {
    expectSameOutput(sql`select ${"it's"}, ${42}, ${true}, ${null}, ${{ a: 1 }}, ${[1, 2]}`.inlineParams());
    const mood = pgEnum('mood', ['happy', 'sad']);
    expectSameOutput(sql`select 'happy'::${mood}`);
    const view = pgView('open_accounts').as((qb) => qb.select().from(accounts).where(isNull(accounts.deletedAt)));
    expectSameOutput(sql`select * from ${view}`);
    const indexColumns = { getSQL: () => sql`${accounts.name}, ${accounts.id}` };
    const drizzleOutput = dialect.sqlToQuery(indexColumns.getSQL(), 'indexes');
    const current = SQL.prototype.buildQueryFromSourceParams;
    SQL.prototype.buildQueryFromSourceParams = fastSqlBuilder;
    try {
      expect(dialect.sqlToQuery(indexColumns.getSQL(), 'indexes')).toEqual(drizzleOutput);
    } finally {
      SQL.prototype.buildQueryFromSourceParams = current;
    }
  });

  it("writes a rep's timeline and linked-record visibility exactly as Drizzle does", async () => {
    let captured: SQL | undefined;
    const capturing = {
      execute: async (statement: SQL) => {
        captured = statement;
        return { rows: [] };
      },
    } as unknown as Db;
    await readTimeline(capturing, rep, {
      subject: { link: 'contactId', id: '0193c6c2-29f0-7fdc-b0bd-2554ddcb3283', seenThrough: [] },
      kinds: ['activity', 'communication', 'note', 'task', 'stage_change'],
      after: { at: new Date('2026-11-30T00:00:00Z'), id: '0193c6c2-29f0-7fdc-b0bd-2554ddcb3284' },
      limit: 50,
    });
    expect(captured).toBeDefined();
    expectSameOutput(captured as SQL);
    expectSameOutput(
      db
        .select()
        .from(activities)
        .where(or(visibleLinkedRecords(rep, activities), sql`false`)),
    );
  });
});
