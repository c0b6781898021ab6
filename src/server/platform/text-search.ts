import { type AnyColumn, notInArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

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

/** Every word of the text starts a word of the record's full-text document (generated `search` column). */
export function wordsMatch(document: SQLWrapper, text: string): SQL | undefined {
  const tsQuery = prefixTsQuery(text);
  return tsQuery ? sql`${document} @@ to_tsquery('simple', ${tsQuery})` : undefined;
}

/** A name like the text despite typos: trigram similarity to the whole name or to a run of its words. */
export function fuzzyMatch(names: SQLWrapper[], text: string): SQL {
  return sql.join(
    names.map((name) => sql`(${name} % ${text} or ${text} <% ${name})`),
    sql` or `,
  );
}

/**
 * The search of every list's `q`: a prefix match on the record's full-text document, or a trigram match
 * on its names, so "acme dist" and a small typo both find "Acme Distribution". Both are served by GIN
 * indexes.
 */
export function textMatch(document: SQLWrapper, names: SQLWrapper[], text: string): SQL {
  const words = wordsMatch(document, text);
  return words ? sql`(${words} or ${fuzzyMatch(names, text)})` : sql`(${fuzzyMatch(names, text)})`;
}

/** Relevance of a hit: the better of the full-text rank and the best name similarity. */
export function textRank(document: SQLWrapper, names: SQLWrapper[], text: string): SQL<number> {
  const tsQuery = prefixTsQuery(text);
  const similarities = names.map((name) => sql`similarity(coalesce(${name}, ''), ${text})`);
  const rank = tsQuery ? [sql`ts_rank(${document}, to_tsquery('simple', ${tsQuery}))`, ...similarities] : similarities;
  return sql<number>`greatest(${sql.join(rank, sql`, `)})::float8`;
}

/**
 * How many matching records one search phase ranks at most. A common surname matches thousands of
 * contacts; ranking them all means reading every one from the heap, and the first page only shows a few.
 */
export const SEARCH_CANDIDATES = 200;

/**
 * Global search in two phases. Word matches come from the full-text index alone, which is cheap; only
 * when they do not fill the page does the trigram phase look for names with typos, since rechecking
 * trigram candidates is the expensive part of a search. `phase` runs one phase's query (capped at
 * SEARCH_CANDIDATES before ranking) and leaves out the ids already found.
 */
export async function searchInPhases<Hit extends { id: string }>(
  options: { document: SQLWrapper; names: SQLWrapper[]; text: string; limit: number },
  phase: (match: SQL, excludedIds: string[]) => Promise<Hit[]>,
): Promise<Hit[]> {
  const words = wordsMatch(options.document, options.text);
  const wordHits = words ? await phase(words, []) : [];
  if (wordHits.length >= options.limit) return wordHits;
  const fuzzyHits = await phase(
    fuzzyMatch(options.names, options.text),
    wordHits.map((hit) => hit.id),
  );
  return [...wordHits, ...fuzzyHits].slice(0, options.limit);
}

/** `column not in (ids)`, or nothing when there are none: phase two leaves out phase one's hits. */
export function notAmong(column: AnyColumn, ids: string[]): SQL | undefined {
  return ids.length === 0 ? undefined : notInArray(column, ids);
}
