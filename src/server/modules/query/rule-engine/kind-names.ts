import type { TextCursor } from './text-cursor.js';
import { notANameWord } from './vocabulary.js';

/*
 * Account names that end in a kind of account: "Lone Star Turf & Tractor Distributors", "Acme Dealers".
 * Read before any pass that knows the kind word, which would otherwise take it for the accounts' type and
 * leave the rest as a name ("distributors named Lone Star Turf & Tractor"), or stop the name short of it.
 * Only a kind word typed with a capital, after one or more capitalised words that are not the planner's own
 * words, is part of a name: "distributors in Texas", "contacts at distributors", "Acme's dealers" and "top
 * 5 Dealers" keep it as the type.
 */

const KIND = /^(?:distributors?|dealers?|suppliers?|partners?|resellers?|wholesalers?|vendors?)$/;
const WORD = /[\p{L}\p{N}&][\p{L}\p{N}&.'-]*/gu;

type Token = { start: number; end: number; text: string };

/** The name ending in a kind word, as typed, consumed (a possessive after it too); undefined when none. */
export function takeNameEndingInKind(cursor: TextCursor): string | undefined {
  const tokens: Token[] = [...cursor.original.matchAll(WORD)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
    text: match[0],
  }));
  for (let index = 1; index < tokens.length; index += 1) {
    const kind = tokens[index];
    if (!kind || !isCapitalised(kind.text) || !KIND.test(bare(kind.text))) continue;
    const first = firstOfName(cursor, tokens, index);
    const start = tokens[first]?.start;
    if (first === index || start === undefined) continue;
    const end = kind.start + bare(kind.text).length;
    if (!unread(cursor, start, kind.end)) continue;
    cursor.consume(start, kind.end);
    return cursor.originalOf(start, end);
  }
  return undefined;
}

/**
 * The first token of the name that ends at `last`: walking back over capitalised words that are not the
 * planner's own, joined by single spaces ("&" and "and" inside); `last` itself when there is none.
 */
function firstOfName(cursor: TextCursor, tokens: Token[], last: number): number {
  let first = last;
  for (let index = last - 1; index >= 0; index -= 1) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (!token || !next || cursor.original.slice(token.end, next.start) !== ' ') break;
    // A possessive is whose, not part of the name: "Ana's Dealers".
    if (/'s?$/.test(token.text)) break;
    const lower = token.text.toLowerCase();
    const joins = token.text === '&' || lower === 'and';
    if (joins) continue;
    if (!isCapitalised(token.text) || notANameWord.has(lower) || KIND.test(lower)) break;
    first = index;
  }
  return first;
}

const bare = (word: string) => word.replace(/\.+$/, '').replace(/'s?$/, '').toLowerCase();

/** A capital first, or a number with letters ("3M"); a bare number is a count ("Top 5 Dealers"). */
const isCapitalised = (word: string) => /^(?:\p{Lu}|\p{N}+\p{L})/u.test(word);

/** Whether no pass has read any of the span yet. */
const unread = (cursor: TextCursor, start: number, end: number) =>
  cursor.text.slice(start, end) === cursor.original.slice(start, end).toLowerCase();
