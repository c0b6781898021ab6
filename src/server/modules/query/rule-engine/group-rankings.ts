import type { QueryEntity, QueryFilter, QueryGrouping } from '../../../../shared/contracts/query.js';
import { matchPeople, type Person } from './people.js';
import { accountKindOf } from './record-filters.js';
import type { TextCursor } from './text-cursor.js';
import { groupingOf, PEOPLE_NOUNS, strongEntityWords } from './vocabulary.js';

/*
 * "Which of my reps has the most overdue tasks", "what stage has the most deals", "which of our dealers
 * have the biggest pipeline": a ranking of groups, read as one phrase (which/what, whose, the group's
 * noun, a superlative) before the subject, so the words around it cannot turn it into a plain list.
 * The measure after the superlative ("overdue tasks", "open deals", "pipeline") is left to the passes
 * that read records and analyses; this pass says only how to group them and what the group's noun adds
 * (the kind of account, whose accounts).
 */

/** "which", "what", "which one", then "of my", "of our", "of the", "of all the", "of Ben's". */
export const WHICH_OF = String.raw`\b(?:which|what)(?:\s+ones?)?(?:\s+of(?:\s+all)?(?:\s+of)?\s+(?<whose>my|our|your|the|these|those|[a-z][a-z.-]*'s?)(?:\s+own)?)?`;

const ACCOUNT_NOUNS =
  'accounts?|customers?|clients?|compan(?:y|ies)|dealers?|resellers?|distributors?|wholesalers?|suppliers?|vendors?|partners?';

const OTHER_NOUNS = String.raw`stages?|territor(?:y|ies)|regions?|(?:lead\s+)?sources?|channels?|product\s+lines?|products?|competitors?|months?|states?|cit(?:y|ies)|industr(?:y|ies)|countr(?:y|ies)|priorit(?:y|ies)`;

const SUPERLATIVE = String.raw`(?:most|fewest|least|highest|lowest|biggest|largest|more(?!\s+than))`;

/** The whole phrase: the superlative comes within two words of the noun ("has the most", "closed the most"). */
const GROUP_RANKING = new RegExp(
  String.raw`${WHICH_OF}\s+(?<noun>${PEOPLE_NOUNS}|${ACCOUNT_NOUNS}|${OTHER_NOUNS})(?=(?:\s+[a-z']+){1,2}?\s+(?:the\s+)?${SUPERLATIVE}\b)`,
  'd',
);

const PEOPLE = new RegExp(`^(?:${PEOPLE_NOUNS})$`);
const ACCOUNTS = new RegExp(`^(?:${ACCOUNT_NOUNS})$`);

export type GroupRanking = {
  /** What the groups are: people (owner, or assignee for tasks), accounts, or another grouping's noun. */
  noun: string;
  kind: 'people' | 'accounts' | 'other';
  /** Conditions the noun adds: the kind of account ("dealers"), whose accounts ("of my accounts"). */
  filters: QueryFilter[];
  /** The words read, for giving them back when the question turns out to be no ranking of groups. */
  before: string;
  after: string;
};

/**
 * The ranking's phrase, consumed, or undefined. Words that say whose people ("of my reps", "of Maria's
 * reps") are left for the people and team passes; whose accounts ("of my dealers") are read here, as the
 * accounts' owner.
 */
export function takeGroupRanking(cursor: TextCursor, people: readonly Person[]): GroupRanking | undefined {
  const before = cursor.text;
  const match = GROUP_RANKING.exec(cursor.text);
  const nounSpan = match?.indices?.groups?.noun;
  if (!match || !nounSpan) return undefined;
  const noun = (match.groups?.noun ?? '').replace(/\s+/g, ' ');
  const kind = PEOPLE.test(noun) ? 'people' : ACCOUNTS.test(noun) ? 'accounts' : 'other';
  // "which accounts have the highest revenue", "which dealers have the most employees": the accounts'
  // own figures, a sort of the accounts; only other records ("the most open deals") are grouped by account.
  const rest = cursor.text.slice(nounSpan[1]);
  if (
    kind === 'accounts' &&
    !strongEntityWords.some(({ entity, pattern }) => entity !== 'accounts' && pattern.test(rest))
  )
    return undefined;
  const whose = match.groups?.whose;
  const whoseSpan = match.indices?.groups?.whose;
  const filters: QueryFilter[] = [];
  if (kind === 'people' && whoseSpan) {
    // "which of Maria's reps": "Maria's reps" stays whole for the team pass, "my reps" for the people pass.
    cursor.consume(match.index, whoseSpan[0]);
  } else {
    cursor.consume(match.index, nounSpan[1]);
  }
  if (kind === 'accounts') {
    const type = accountKindOf(noun.split(' ').at(-1) ?? '');
    if (type) filters.push({ field: 'accountType', op: 'eq', value: type });
    const owner = whose ? accountOwnerOf(whose, cursor, whoseSpan, people) : undefined;
    if (owner) filters.push({ field: 'accountOwner', op: 'eq', value: owner });
  }
  return { noun, kind, filters, before, after: cursor.text };
}

/** "of my accounts" are the accounts I own; "of Ben's dealers" Ben's; "of our", "of the" are any. */
function accountOwnerOf(
  whose: string,
  cursor: TextCursor,
  span: [number, number] | undefined,
  people: readonly Person[],
): string | undefined {
  if (whose === 'my') return 'me';
  if (!span || !/'s?$/.test(whose)) return undefined;
  const typed = cursor.originalOf(span[0], span[1]).replace(/'s?$/, '');
  return matchPeople(typed, people).length > 0 ? typed : undefined;
}

/** The grouping the ranking's noun names for the records measured; undefined when they have none such. */
export function rankedGrouping(ranking: GroupRanking, entity: QueryEntity): QueryGrouping | undefined {
  if (ranking.kind === 'people') return entity === 'tasks' ? 'assignee' : 'owner';
  if (ranking.kind === 'accounts') return 'account';
  return groupingOf(ranking.noun.replace(/^lead\s+/, ''), entity);
}
