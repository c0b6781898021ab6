import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** The words of a search box as a prefix tsquery: "acme dist" → "acme:* & dist:*" (only letters and digits pass). */
export function prefixTsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

/**
 * The search of every list's `q` and of global search: a prefix match on the record's full-text
 * document (generated `search` column), or a trigram match on its name, so "acme dist" and a small
 * typo both find "Acme Distribution". Both are served by GIN indexes.
 */
export function textMatch(document: SQLWrapper, name: SQLWrapper, text: string): SQL {
  const tsQuery = prefixTsQuery(text);
  const fuzzy = sql`(${name} % ${text} or ${text} <% ${name})`;
  return tsQuery ? sql`(${document} @@ to_tsquery('simple', ${tsQuery}) or ${fuzzy})` : fuzzy;
}

/** Relevance for ranking hits of `textMatch`: the better of the full-text rank and the name similarity. */
export function textRank(document: SQLWrapper, name: SQLWrapper, text: string): SQL<number> {
  const tsQuery = prefixTsQuery(text);
  return tsQuery
    ? sql<number>`greatest(ts_rank(${document}, to_tsquery('simple', ${tsQuery})), similarity(${name}, ${text}))::float8`
    : sql<number>`similarity(${name}, ${text})::float8`;
}
