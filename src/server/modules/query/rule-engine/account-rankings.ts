import type { QueryFilter } from '../../../../shared/contracts/query.js';
import { takePeople, takeTeam } from './names.js';
import type { Person } from './people.js';
import { personFilters } from './record-filters.js';
import type { TextCursor } from './text-cursor.js';
import { strongEntityWords } from './vocabulary.js';

/*
 * "top 5 accounts by pipeline": accounts ranked by the open deals on them, never by their own revenue.
 * Whose accounts they are is the accounts' owner, not the deals': "my top 5 accounts by pipeline" are the
 * accounts I own, with every open deal on them counted, whoever owns the deal.
 */

const TOP_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };

/**
 * The ranking's own words: how many, the kind of account, "by pipeline". Between them the words that say
 * whose accounts ("my", "Ana's", "of my", "owned by Ana", "I own"), left for the people pass.
 */
const ACCOUNTS_BY_PIPELINE =
  /\b(?<top>(?:the\s+)?(?:top|biggest|largest)\s+(?<count>\d{1,2}|three|five|ten|twenty)\s+(?:of\s+)?)?(?:(?:my|our|[a-z]+'s?)\s+(?:own\s+)?)?(?<kind>accounts?|customers?|clients?|dealers?|distributors?)\s+(?:(?:that\s+|which\s+)?(?:owned by\s+[a-z']+(?:\s+[a-z']+)?|i\s+own|[a-z]+\s+owns)\s+)?(?<by>(?:by|ranked by|in terms of)\s+(?:(?:the|their)\s+)?(?:open\s+)?pipeline(?:\s+value)?)\b/d;

export type AccountRanking =
  | { ok: true; top?: number; filters: QueryFilter[] }
  /** Whose accounts cannot be said in a plan (a team's accounts): what can be asked instead. */
  | { ok: false; hint: string };

/**
 * The ranking, its words consumed, with the conditions on the deals it adds up: the kind of account and
 * whose accounts. Undefined when the question is no such ranking.
 */
export function takeAccountRanking(cursor: TextCursor, people: readonly Person[]): AccountRanking | undefined {
  const match = ACCOUNTS_BY_PIPELINE.exec(cursor.text);
  const spans = match?.indices?.groups;
  if (!match || !spans) return undefined;
  // "contacts at my top 5 accounts by pipeline" asks for other records.
  const others = strongEntityWords.filter(({ entity }) => entity !== 'accounts' && entity !== 'opportunities');
  if (others.some(({ pattern }) => pattern.test(cursor.text))) return undefined;
  for (const part of ['top', 'kind', 'by'] as const) {
    const span = spans[part];
    if (span) cursor.consume(span[0], span[1]);
  }
  // A team owns no accounts in a plan ("team" is who owns the deals): refused rather than answered with
  // the accounts of the team's deals.
  const team = takeTeam(cursor, people);
  if (team) {
    return {
      ok: false,
      hint: `I can rank the accounts one person owns by their open pipeline ("my top 5 accounts by pipeline", "${team.name}'s top accounts by pipeline"), not the accounts a whole team owns. For the deals of the team by account, ask "${team.name}'s team pipeline by account".`,
    };
  }
  const whose = takePeople(cursor, people);
  if (whose.unowned) {
    return {
      ok: false,
      hint: 'I can rank the accounts a person owns by their open pipeline ("my top 5 accounts by pipeline"), or every account ("top 5 accounts by pipeline"), not the accounts nobody owns.',
    };
  }
  const owners = personFilters('opportunities', whose).map((filter) => ({ ...filter, field: 'accountOwner' as const }));
  const raw = match.groups?.count;
  const top = raw ? Math.min(100, TOP_WORDS[raw] ?? Number(raw)) : undefined;
  return { ok: true, filters: [...owners, ...accountTypeOfWord(match.groups?.kind ?? '')], ...(top ? { top } : {}) };
}

/** "top 5 dealers by pipeline": the deals of that kind of account. */
const accountTypeOfWord = (word: string): QueryFilter[] =>
  /^dealers?$/.test(word)
    ? [{ field: 'accountType', op: 'eq', value: 'dealer' }]
    : /^distributors?$/.test(word)
      ? [{ field: 'accountType', op: 'eq', value: 'distributor' }]
      : [];
