import { type SQL, sql } from 'drizzle-orm';
import type { CoverageAccountSort } from '../../../shared/contracts/coverage.js';
import { AppError } from '../../../shared/errors.js';

/*
 * Keyset paging of the coverage accounts. Unlike the record lists (platform/keyset.ts: one sort field and
 * the id) these sorts carry a second key, the name, so that accounts of equal revenue or equally long
 * unvisited come in an order people can read; and the keys run in mixed directions (revenue down, name
 * up), which a row comparison cannot express. The cursor is opaque to clients (base64url JSON) and
 * names its list and sort, so it is refused under another one.
 */

type KeyType = 'numeric' | 'text' | 'timestamptz';
type KeyValue = string | number;

/** A sort key over the columns of the `facts` rows the coverage list reads. */
type SortKey<Row> = {
  expression: SQL;
  type: KeyType;
  descending: boolean;
  value: (row: Row) => KeyValue;
};

export type CoverageCursor = { values: KeyValue[]; id: string };

/** What a row of the list gives the cursor: its position under every sort. */
export type CoverageSortable = {
  id: string;
  name: string;
  annualRevenue: number | null;
  lastVisitAt: Date | null;
  visitEveryDays: number | null;
  visitDueAt: Date | null;
};

const LIST = 'coverage-accounts';

const byName: SortKey<CoverageSortable> = {
  expression: sql`facts.name`,
  type: 'text',
  descending: false,
  value: (row) => row.name,
};

const sortKeys: Record<CoverageAccountSort, SortKey<CoverageSortable>[]> = {
  // Money is never negative: -1 puts accounts without a revenue after those with 0.
  '-annualRevenue': [
    {
      expression: sql`coalesce(facts.annual_revenue, -1)`,
      type: 'numeric',
      descending: true,
      value: (row) => row.annualRevenue ?? -1,
    },
    byName,
  ],
  // Never visited is the longest unvisited of all: before every date.
  lastVisitAt: [
    {
      expression: sql`coalesce(facts.last_visit_at, '-infinity'::timestamptz)`,
      type: 'timestamptz',
      descending: false,
      value: (row) => row.lastVisitAt?.toISOString() ?? '-infinity',
    },
    byName,
  ],
  // Due longest ago first: never visited (with a cycle) before every date, accounts without a cycle last.
  visitDueAt: [
    {
      expression: sql`case when facts.visit_every_days is null then 'infinity'::timestamptz
        else coalesce(facts.visit_due_at, '-infinity'::timestamptz) end`,
      type: 'timestamptz',
      descending: false,
      value: (row) => (row.visitEveryDays === null ? 'infinity' : (row.visitDueAt?.toISOString() ?? '-infinity')),
    },
    byName,
  ],
  name: [byName],
};

export function coverageSortKeys(sort: CoverageAccountSort) {
  const keys = sortKeys[sort];
  return {
    orderBy: sql.join(
      [...keys.map((key) => sql`${key.expression} ${sql.raw(key.descending ? 'desc' : 'asc')}`), sql`facts.id asc`],
      sql`, `,
    ),
    /**
     * Rows strictly after the cursor's: for keys k1..kn and the id, the first key that differs decides,
     * in its own direction.
     */
    after(cursor: CoverageCursor): SQL {
      const value = (index: number) => {
        const key = keys[index] as SortKey<CoverageSortable>;
        return sql`cast(${cursor.values[index]} as ${sql.raw(key.type)})`;
      };
      const equalUpTo = (count: number) =>
        keys.slice(0, count).map((key, index) => sql`${key.expression} = ${value(index)}`);
      const branches = keys.map((key, index) =>
        sql.join(
          [...equalUpTo(index), sql`${key.expression} ${sql.raw(key.descending ? '<' : '>')} ${value(index)}`],
          sql` and `,
        ),
      );
      branches.push(sql.join([...equalUpTo(keys.length), sql`facts.id > ${cursor.id}::uuid`], sql` and `));
      return sql`(${sql.join(branches, sql` or `)})`;
    },
    /** The cursor continuing after `row`. */
    cursorAfter(row: CoverageSortable): string {
      const values = keys.map((key) => key.value(row));
      return Buffer.from(JSON.stringify([LIST, sort, values, row.id])).toString('base64url');
    },
    /** The position a cursor of this list and sort stands for; 400 for any other text. */
    decode(cursor: string): CoverageCursor {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== LIST) throw invalidCursor();
      const [, cursorSort, values, id] = parsed as [unknown, unknown, unknown, unknown];
      if (cursorSort !== sort) {
        throw new AppError('invalid_request', 'the cursor belongs to another sort order; start again without it', {
          errors: [{ path: 'cursor', message: 'made under another sort' }],
        });
      }
      if (
        typeof id !== 'string' ||
        !UUID.test(id) ||
        !Array.isArray(values) ||
        values.length !== keys.length ||
        !keys.every((key, index) => fits(values[index], key.type))
      ) {
        throw invalidCursor();
      }
      return { values: values as KeyValue[], id };
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A value the database can take as the key's type: a bad one must be a 400, not a driver error. */
function fits(value: unknown, type: KeyType): boolean {
  switch (type) {
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value);
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'timestamptz':
      return (
        typeof value === 'string' &&
        (value === '-infinity' || value === 'infinity' || (INSTANT.test(value) && !Number.isNaN(Date.parse(value))))
      );
  }
}

function invalidCursor(): AppError {
  return new AppError('invalid_request', 'the cursor is not valid; use nextCursor from a previous page', {
    errors: [{ path: 'cursor', message: 'not a cursor this API issued' }],
  });
}
