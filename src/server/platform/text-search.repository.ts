import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../db/client.js';
import { SEARCH_CANDIDATES } from './text-search.js';

/**
 * One phase of a global search over one table: the rows matching `where`, the first SEARCH_CANDIDATES
 * of them ranked by `score`, the best `limit` answered (ties by `tieBreak`). `fields` name the answer's
 * keys, and must include `score`.
 *
 * The matches are a MATERIALIZED CTE for the planner's sake. With the candidate LIMIT right above the
 * scan, it trusts its default guess that a prefix word matches about 2 % of the rows and picks a
 * sequential scan expected to stop early; for a word that matches nothing it reads the whole table
 * (80 ms on 200,000 deals, against 0.1 ms through the GIN index). A materialized CTE is planned for all
 * its rows, so it takes the index, and it is still read lazily: the outer LIMIT stops it after
 * SEARCH_CANDIDATES rows, so a common surname does not make it read thousands.
 */
export async function rankSearchMatches<Row extends Record<string, unknown>>(
  db: Db,
  options: {
    table: PgTable;
    fields: Record<keyof Row & string, SQLWrapper>;
    where: SQL | undefined;
    tieBreak: keyof Row & string;
    limit: number;
  },
): Promise<Row[]> {
  const selection = sql.join(
    Object.entries<SQLWrapper>(options.fields).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
    sql`, `,
  );
  return queryRows<Row>(
    db,
    sql`with matched as materialized (
          select ${selection} from ${options.table} where ${options.where ?? sql`true`}
        )
        select * from (select * from matched limit ${SEARCH_CANDIDATES}) as hits
        order by ${sql.identifier('score')} desc, ${sql.identifier(options.tieBreak)}
        limit ${options.limit}`,
  );
}
