import { type AnyColumn, notInArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** The words of a search box as a prefix tsquery: "acme dist" → "acme:* & dist:*" (only letters and digits pass). */
export function prefixTsQuery(text: string): string | null {
  const phoneDigits = phoneNumberDigits(text);
  if (phoneDigits) return `${phoneDigits}:*`;
  const words = searchWords(text);
  return words.length === 0 ? null : words.map(wordTerm).join(' & ');
}

/**
 * The tsquery term of one typed word. The index keeps words as written ('simple' configuration: names are
 * not English prose to stem), so a plural is also asked as its singular, whose prefix finds both:
 * "tractors" finds "Tractor Supply" and "Tractors Inc." alike, "supplies" finds "Supply".
 */
function wordTerm(word: string): string {
  return anyPrefix(wordForms(word));
}

/** "a:*", or "(a:* | b:*)" for several spellings: any of them as a prefix. */
function anyPrefix(spellings: string[]): string {
  return spellings.length === 1 ? `${spellings[0]}:*` : `(${spellings.map((spelling) => `${spelling}:*`).join(' | ')})`;
}

/**
 * The prefixes a typed word is asked as: the word itself, or for an English plural its singular (whose
 * prefix finds both), or both when the singular is no prefix of the plural.
 */
function wordForms(word: string): string[] {
  if (/\d/.test(word) || word.length < 4) return [word];
  // "supplies": the singular "supply" is no prefix of it, so both are asked.
  if (word.length >= 5 && word.endsWith('ies')) return [word, `${word.slice(0, -3)}y`];
  // "boxes", "branches", "glasses": the singular is the word without "es", a prefix of it.
  if (word.length >= 5 && /(?:ch|sh|ss|x|z)es$/.test(word)) return [word.slice(0, -2)];
  // "tractors", "mowers": without the "s"; "glass", "status" and "analysis" are no plurals.
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return [word.slice(0, -1)];
  return [word];
}

/** The words of a search box: lower case, letters and digits only, at most eight. */
function searchWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
}

/** Words this short are left as typed: a swap in them yields mostly other real words. */
const SHORTEST_SWAPPED_WORD = 4;
/**
 * Nor longer words: each spelling is one more prefix for the full-text index to look up, in every record
 * type and beside the visibility predicate, and a 12-letter word has 11. Up to 8 letters the swaps cost
 * about 1 ms of a rep's typo search; at 11 ("distrbution") they added 5 ms. Trigrams forgive a swap in
 * a long word better, the more so beside another word of the name.
 */
const LONGEST_SWAPPED_WORD = 8;

/**
 * The prefix tsquery with each word also allowed as typed with two neighbouring letters swapped back:
 * "byaou city" → "(byaou:* | ybaou:* | bayou:* | …) & city:*". Swapped letters are the commonest typo
 * and the one trigrams forgive least in a short word: "byaou" shares 2 of its 6 trigrams with "bayou",
 * so "byaou city" is 0.55 word-similar to "Bayou City Power Equipment", under the 0.6 threshold. Null
 * when no word has swaps (4 to 8 letters), or the text has no words.
 */
export function swappedLettersTsQuery(text: string): string | null {
  if (phoneNumberDigits(text)) return null;
  const words = searchWords(text);
  const swapped = words.map((word) => ({ word, swaps: neighbourSwaps(word) }));
  if (swapped.every(({ swaps }) => swaps.length === 0)) return null;
  return swapped.map(({ word, swaps }) => anyPrefix([...wordForms(word), ...swaps])).join(' & ');
}

/** The distinct spellings of a word with one pair of neighbouring letters swapped ("abcd" → bacd, acbd, abdc). */
function neighbourSwaps(word: string): string[] {
  const letters = [...word];
  if (letters.length < SHORTEST_SWAPPED_WORD || letters.length > LONGEST_SWAPPED_WORD) return [];
  const spellings = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i += 1) {
    if (letters[i] === letters[i + 1]) continue;
    const swapped = [...letters];
    [swapped[i], swapped[i + 1]] = [letters[i + 1] as string, letters[i] as string];
    spellings.add(swapped.join(''));
  }
  return [...spellings];
}

/**
 * The digits of a text that is a phone number as people write one ("+1 (312) 555-0102", "555 0102"): at
 * least 7 digits and nothing but digits, spaces, dashes, dots, slashes, parentheses and a leading plus.
 * Phone numbers are indexed as runs of digits (schema/columns.ts phoneSearchWords), so the query must be one.
 */
function phoneNumberDigits(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/** Every word of the text starts a word of the record's full-text document (generated `search` column). */
export function wordsMatch(document: SQLWrapper, text: string): SQL | undefined {
  const tsQuery = prefixTsQuery(text);
  return tsQuery ? sql`${document} @@ to_tsquery('simple', ${tsQuery})` : undefined;
}

/**
 * A record like the text despite a typo. Either two neighbouring letters of a word are swapped ("byaou
 * city" finds "Bayou City Power Equipment"), or the text is trigram-similar to a run of the name's words
 * (`<%`, word similarity at 0.6, see db/client.ts): what was typed against the part of the name it names,
 * so "Acme Distrbution" finds "Acme Distribution" and "quilbrook" finds "Quillbrook Traders North".
 * Similarity to the whole name (`%` at 0.45) is not asked, though it forgave a typo in each of two
 * words ("Navalwear Systms"): its index condition lets through every name sharing one long word of the
 * text, and rechecking them made typo searches the slowest searches by far. "Acme Distrbution" read
 * 1,080 of 100k accounts for 18 ms (206 and 4 ms by word similarity), "northwind" 2,400 "North…"
 * companies of 200k leads for 50 ms, all dropped after the recheck.
 */
export function fuzzyMatch(document: SQLWrapper, names: SQLWrapper[], text: string): SQL {
  const similarNames = names.map((name) => sql`${text} <% ${name}`);
  // Swapped letters, which trigrams miss in short words, are asked of the full-text index: cheap, and
  // only the words of the text, swapped, can match.
  const swapped = swappedLettersTsQuery(text);
  const conditions = swapped ? [...similarNames, sql`${document} @@ to_tsquery('simple', ${swapped})`] : similarNames;
  // Parenthesised as a whole: drizzle's and() does not wrap its operands, and an unwrapped "a or b"
  // beside the visibility predicate would read as "(visible and a) or b".
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/**
 * The search of every list's `q`: a prefix match on the record's full-text document, or a typo match
 * (swapped letters, or a trigram match on its names), so "acme dist" and a small typo both find "Acme
 * Distribution". All are served by GIN indexes.
 */
export function textMatch(document: SQLWrapper, names: SQLWrapper[], text: string): SQL {
  const words = wordsMatch(document, text);
  // No letter or digit: nothing can match (see phaseMatch), and the trigram index would read every entry.
  return words ? sql`(${words} or ${fuzzyMatch(document, names, text)})` : sql`false`;
}

/**
 * Relevance of a hit: the better of the full-text rank and the best name similarity. A text that is an
 * e-mail address ranks the record whose own address it is (`emails`) first, as an exact name does: the
 * company whose domain it shares matches the same words, and more of them.
 */
export function textRank(
  document: SQLWrapper,
  names: SQLWrapper[],
  text: string,
  emails: SQLWrapper[] = [],
): SQL<number> {
  const tsQuery = prefixTsQuery(text);
  const similarities = names.map((name) => sql`similarity(coalesce(${name}, ''), ${text})`);
  const rank = tsQuery ? [sql`ts_rank(${document}, to_tsquery('simple', ${tsQuery}))`, ...similarities] : similarities;
  if (text.includes('@')) {
    const address = text.trim().toLowerCase();
    rank.push(...emails.map((email) => sql`(case when lower(${email}) = ${address} then 1 else 0 end)`));
  }
  return sql<number>`greatest(${sql.join(rank, sql`, `)})::float8`;
}

/**
 * How many matching records one search phase ranks at most. A common surname matches thousands of
 * contacts; ranking them all means reading every one from the heap, and the first page only shows a few.
 */
export const SEARCH_CANDIDATES = 200;

/**
 * Global search runs in two phases over every record type. `words`: prefix matches of every word, from
 * the full-text index alone, which is cheap. `names`: trigram matches on names, for typos; rechecking
 * trigram candidates is the expensive part of a search, so it runs only when the word matches of all
 * types together are few (see FUZZY_BELOW in the search service), and it leaves out what the word phase found.
 */
export type SearchPhase = { kind: 'words' | 'names'; excludedIds: string[] };

/**
 * The condition of a phase; `undefined` when the text has no letter or digit (the phase finds nothing).
 * Trigrams are made of letters and digits too, so such a text would match no name anyway, and asking
 * the trigram index with no trigram would make it read every entry.
 */
export function phaseMatch(
  phase: SearchPhase,
  options: { document: SQLWrapper; names: SQLWrapper[]; text: string },
): SQL | undefined {
  if (prefixTsQuery(options.text) === null) return undefined;
  return phase.kind === 'words'
    ? wordsMatch(options.document, options.text)
    : fuzzyMatch(options.document, options.names, options.text);
}

/** `column not in (ids)`, or nothing when there are none: phase two leaves out phase one's hits. */
export function notAmong(column: AnyColumn, ids: string[]): SQL | undefined {
  return ids.length === 0 ? undefined : notInArray(column, ids);
}
