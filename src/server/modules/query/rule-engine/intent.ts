import type {
  QueryAggregation,
  QueryEntity,
  QueryField,
  QueryGrouping,
  QuerySort,
} from '../../../../shared/contracts/query.js';
import { groupingsOf } from '../../../../shared/contracts/query.js';
import type { TextCursor } from './text-cursor.js';
import { groupingOf, groupingPattern } from './vocabulary.js';

/*
 * What a question wants done with the records it names: counted, summed, averaged, grouped, ranked,
 * sorted. Read before other passes consume the words around the intent.
 */

const NUMBER_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };

/** count / sum / average, and the grouping. */
export function aggregationOf(
  cursor: TextCursor,
  entity: QueryEntity,
  /** The grouping a ranking phrase read already ("which of my reps has the most…", group-rankings.ts). */
  ranked?: QueryGrouping,
): QueryAggregation | undefined {
  const text = cursor.text;
  const grouping = groupingPattern.exec(text);
  const groupBy = grouping ? groupingOf(grouping[1] ?? '', entity) : (ranked ?? rankingGroup(text, entity));
  const allowedGroup = groupBy && groupingsOf[entity].includes(groupBy) ? groupBy : undefined;
  if (grouping && allowedGroup) cursor.consume(grouping.index, grouping.index + grouping[0].length);
  // "which source has the best…": the ranking read the group's word.
  if (!grouping && allowedGroup && ['source', 'territory', 'month', 'product', 'competitor'].includes(allowedGroup)) {
    cursor.take(
      /\bwhich\s+(?:sources?|channels?|territor(?:y|ies)|regions?|months?|product lines?|products?|competitors?)\b/,
    );
  }

  let fn: QueryAggregation['fn'] | undefined;
  const duration = durationField(text, entity);
  if (duration && !/\b(how many|count|number of|total|sum)\b/.test(text)) {
    // "how long does it take to close a deal", "our sales cycle": the average of the duration, its words read.
    cursor.take(duration === 'cycleDays' ? SALES_CYCLE : TIME_TO_CONVERT);
    const middle = /\bmedian\b/.test(text);
    return { fn: middle ? 'median' : 'avg', field: duration, ...(allowedGroup ? { groupBy: allowedGroup } : {}) };
  }
  if (/\b(how many|count|number of|# of|quantity of|tally)\b/.test(text)) fn = 'count';
  else if (/\bmedian\b/.test(text)) fn = 'median';
  else if (/\b(average|avg|mean|typical)\b/.test(text)) fn = 'avg';
  else if (
    /\b(total|sum|how much|combined|add up|adds up|aggregate|value of|what (?:are|is) .{1,40} worth|worth in total)\b/.test(
      text,
    )
  ) {
    fn = 'sum';
  } else if (
    entity === 'opportunities' &&
    /\b(revenue|bookings|sold|sell|sellers?|perform(?:ing|ers?)|leaderboard|sales(?![- ]?(?:cycles?|reps?|representatives?|team|managers?|funnel|pipeline|people|persons?|force|stages?|process|calls?|visits?|meetings?|leads?|targets?|quotas?|director|ops|operations)\b))\b/.test(
      text,
    )
  ) {
    fn = 'sum';
  }
  if (!fn && !allowedGroup) return undefined;
  const field = measuredField(text, entity);
  if (!fn)
    fn = field && /\b(value|amount|worth|revenue|sum|total|biggest|largest|pipeline)\b/.test(text) ? 'sum' : 'count';
  if (fn !== 'count' && !field) fn = 'count';
  return {
    fn,
    ...(fn !== 'count' && field ? { field } : {}),
    ...(allowedGroup ? { groupBy: allowedGroup } : {}),
  };
}

/** The people a ranking of the best ones names: "top 3 reps", "best performers", "top 5 account managers". */
const TOP_PEOPLE =
  /\b(?:best|top)[- ](?:\d{1,2}\s+|three\s+|five\s+|ten\s+)?(?:perform(?:ing|ers?)|sellers?|(?:sales ?)?reps?|salespeople|sales ?people|salespersons?|(?:(?:deal|opportunity|lead|pipeline)\s+)?owners?|account (?:owners?|managers?))\b/;

/**
 * The words of such a ranking that name the people, consumed ("salespeople", "account managers"); "reps"
 * and "owners" are read in place anyway.
 */
export function takeRankedPeople(cursor: TextCursor): void {
  cursor.take(
    /\b(?:sellers?|sales ?reps?|salespeople|sales ?people|salespersons?|account (?:owners?|managers?)|(?:deal|opportunity|lead|pipeline) owners?)\b/,
  );
}

/** "Who has the most open deals?", "which account has the biggest pipeline?": a ranking of groups. */
export function rankingGroup(text: string, entity: QueryEntity): QueryGrouping | undefined {
  // "top 5 owners by pipeline" ranks the people who own the deals, as "top 3 reps" does.
  if (TOP_PEOPLE.test(text) || /\bleaderboard\b/.test(text)) {
    return entity === 'tasks' ? 'assignee' : 'owner';
  }
  if (!/\b(most|more|fewest|least|highest|lowest|best|worst|biggest|largest|top)\b/.test(text)) return undefined;
  // "the rep with the most visits", "salespeople who made the most calls": people ranked.
  if (
    /\b(?:reps?|sales ?(?:people|persons?|reps?)|salespeople|sellers?|owners?|users?|team members?|colleagues?)\s+(?:with|who (?:has|have|had|made|makes|logged|did|closed|won)|that (?:has|have|made)|having)\s+(?:the\s+)?(?:most|fewest|least|highest|lowest|biggest|largest|more)\b/.test(
      text,
    )
  ) {
    return entity === 'tasks' ? 'assignee' : 'owner';
  }
  if (
    /\b(who|which (?:reps?|sales ?(?:people|persons?|reps?)|salespeople|sellers?|owners?|users?|persons?|people|team members?))\b/.test(
      text,
    )
  ) {
    return entity === 'tasks' ? 'assignee' : 'owner';
  }
  if (
    entity !== 'accounts' &&
    /\bwhich (?:accounts?|customers?|clients?|companies)\b|^\s*(?:(?:show|list|give|find)\s+(?:me\s+)?(?:the\s+)?)?(?:accounts?|customers?|clients?|companies)\s+with\s+the\s+(?:most|fewest|least|highest|lowest|biggest|largest)\b/.test(
      text,
    )
  ) {
    return 'account';
  }
  if (/\bwhich (?:sources?|channels?)\b/.test(text)) return 'source';
  if (/\bwhich (?:product lines?|products?)\b/.test(text)) return 'product';
  if (/\bwhich competitors?\b/.test(text)) return 'competitor';
  if (/\bwhich (?:territor(?:y|ies)|regions?)\b/.test(text)) return 'territory';
  if (/\bwhich (?:months?)\b/.test(text)) return 'month';
  return undefined;
}

const SALES_CYCLE =
  /\b(sales cycle|(?:deal |sales )?cycle (?:time|length)|(?:time|days) to (?:close|win)|how long (?:does|do|did) (?:it|a deal|deals|we) (?:take|need)?(?: (?:us|you|me|them|the team))?(?: to)? ?(?:close|win))/;
const TIME_TO_CONVERT =
  /\b((?:time|days) to (?:convert|conversion)|conversion time|how long (?:does|do|did) (?:it|a lead|leads) (?:take|need)?(?: (?:us|you|me|them|the team))?(?: to)? ?convert)/;

/** A duration the question measures: the sales cycle of deals, the time a lead takes to convert. */
export function durationField(text: string, entity: QueryEntity): QueryField | undefined {
  if (entity === 'opportunities' && SALES_CYCLE.test(text)) return 'cycleDays';
  if (entity === 'leads' && TIME_TO_CONVERT.test(text)) return 'daysToConvert';
  return undefined;
}

/** What a sum or average measures. */
function measuredField(text: string, entity: QueryEntity): QueryField | undefined {
  switch (entity) {
    case 'opportunities':
      if (/\bweighted\b/.test(text)) return 'weightedAmount';
      if (/\b(probability|chance|likelihood)\b/.test(text)) return 'probability';
      return 'amount';
    case 'leads':
      return 'score';
    case 'accounts':
      return /\b(employees|headcount|staff)\b/.test(text) ? 'employees' : 'annualRevenue';
    case 'activities':
      return 'durationMinutes';
    case 'quotes':
      return 'amount';
    default:
      return undefined;
  }
}

/** The measure "biggest", "top" and "best" rank by. */
const rankField: Record<QueryEntity, QueryField> = {
  opportunities: 'amount',
  leads: 'score',
  accounts: 'annualRevenue',
  contacts: 'createdAt',
  activities: 'at',
  tasks: 'dueAt',
  notes: 'createdAt',
  quotes: 'amount',
};

const SORT_FIELDS: { pattern: RegExp; field: QueryField }[] = [
  { pattern: /^(amount|value|size|worth)/, field: 'amount' },
  { pattern: /^weighted/, field: 'weightedAmount' },
  { pattern: /^(close|closing)/, field: 'closeDate' },
  { pattern: /^probab/, field: 'probability' },
  { pattern: /^score/, field: 'score' },
  { pattern: /^(revenue|annual revenue)/, field: 'annualRevenue' },
  { pattern: /^(due|deadline)/, field: 'dueAt' },
  { pattern: /^(created|creation|date added|age)/, field: 'createdAt' },
  { pattern: /^(name|alphabet)/, field: 'name' },
  { pattern: /^employees/, field: 'employees' },
  { pattern: /^(date|time|when)/, field: 'at' },
];

const SUPERLATIVE_OF_ONE =
  /\b(?:biggest|largest|smallest|oldest|newest|latest|earliest|hottest|most valuable|top|best)\s+(?:[a-z-]+\s+){0,2}?(?:deal|opportunity|opp|oppty|lead|account|customer|task|activity|visit|call|meeting)\b(?!s)/;

const NEXT_ONES =
  /\bnext\s+(visits?|meetings?|calls?|appointments?|tasks?|activit(?:y|ies)|follow[- ]?ups?|to-?dos?)\b/;

/**
 * "top 3 reps by pipeline", "the top 5 accounts": how many groups a ranking asks for, its words consumed;
 * undefined when it names no number.
 */
export function takeTopGroups(cursor: TextCursor): number | undefined {
  const top = cursor.take(/\b(?:top|best|biggest|largest)\s+(\d{1,2}|three|five|ten|twenty)\b/);
  if (!top) return undefined;
  const raw = top[1] ?? '';
  return Math.min(100, NUMBER_WORDS[raw] ?? Number(raw));
}

export function sortOf(cursor: TextCursor, entity: QueryEntity): { sort?: QuerySort; limit?: number } {
  const text = cursor.text;
  const result: { sort?: QuerySort; limit?: number } = {};
  const explicit =
    /\b(?:sorted|ordered|order|sort|ranked|rank)\s+by\s+(?:the\s+)?([a-z ]{3,20}?)(?:\s+(asc\w*|desc\w*|highest first|lowest first|largest first|smallest first|newest first|oldest first))?(?=$|[?.!,]|\s)/.exec(
      text,
    );
  if (explicit) {
    const word = explicit[1] ?? '';
    const mapped = SORT_FIELDS.find((candidate) => candidate.pattern.test(word))?.field;
    const field = mapped === 'at' && entity !== 'activities' ? 'createdAt' : mapped;
    if (field) {
      const ascending =
        /asc|lowest|smallest|oldest/.test(explicit[2] ?? '') || (!explicit[2] && /Date|dueAt|^at$|name/.test(field));
      result.sort = { field, direction: ascending ? 'asc' : 'desc' };
      cursor.consume(explicit.index, explicit.index + explicit[0].length);
    }
  }
  const top =
    /\b(?:top|first|best|biggest|largest|highest)\s+(\d{1,3}|three|five|ten|twenty)\b|\b(\d{1,3}|three|five|ten|twenty)\s+(?:biggest|largest|highest|best|top|most valuable|smallest|latest|newest|most recent|oldest|hottest)\b/.exec(
      text,
    );
  if (top) {
    const raw = top[1] ?? top[2] ?? '';
    result.limit = Math.min(200, NUMBER_WORDS[raw] ?? Number(raw));
    cursor.consume(top.index, top.index + top[0].length);
  }
  // "the biggest open deal", "my oldest lead": a superlative of one record asks for that one.
  else if (SUPERLATIVE_OF_ONE.test(text)) result.limit = 1;
  // "my next visit", "next meetings": the soonest to come first (the period pass reads "next" as from today).
  const next = NEXT_ONES.exec(text);
  if (next && (entity === 'activities' || entity === 'tasks')) {
    result.sort = { field: entity === 'tasks' ? 'dueAt' : 'at', direction: 'asc' };
    if (!next[1]?.endsWith('s') && !top) result.limit = 1;
  }
  // "customers with the most employees", "dealers with the fewest staff": ranked by headcount.
  const headcount =
    entity === 'accounts'
      ? /\b(most|fewest|least|largest|biggest|smallest|highest|lowest)\s+(?:number of\s+)?(?:employees|staff|headcount|people)\b|\bby\s+(?:number of\s+)?(?:employees|staff|headcount)\b/.exec(
          text,
        )
      : null;
  if (!result.sort && headcount) {
    const fewest = /^(fewest|least|smallest|lowest)$/.test(headcount[1] ?? '') || /\b(smallest|fewest)\b/.test(text);
    result.sort = { field: 'employees', direction: fewest ? 'asc' : 'desc' };
  }
  if (!result.sort) {
    if (/\b(smallest|lowest|least valuable|tiniest)\b/.test(text))
      result.sort = { field: rankField[entity], direction: 'asc' };
    else if (
      /\b(top|biggest|largest|highest|best|most valuable|hottest|largest)\b|\bby (?:size|value|amount|worth|score|revenue)\b/.test(
        text,
      ) ||
      top
    ) {
      result.sort = { field: rankField[entity], direction: 'desc' };
    } else if (/\b(latest|newest|most recent|recent|recently|last (?:few|couple))\b/.test(text)) {
      // "recently won deals": the latest to close; other records by when they came in.
      const closing = entity === 'opportunities' && /\b(won|lost|closed)\b/.test(text);
      result.sort = { field: entity === 'activities' ? 'at' : closing ? 'closedAt' : 'createdAt', direction: 'desc' };
    } else if (/\b(oldest|earliest)\b/.test(text)) {
      result.sort = { field: 'createdAt', direction: 'asc' };
    } else if (/\b(soonest|next to close|closing soon|closing next)\b/.test(text) && entity === 'opportunities') {
      result.sort = { field: 'closeDate', direction: 'asc' };
    }
    if (
      /\bwhen (?:did|was|were) (?:we|i|\w+) last\b|\b(?:last|latest|most recent) time\b/.test(text) ||
      (entity === 'activities' &&
        /\b(?:last|latest|most recent|previous)\s+(?:activity|visit|call|meeting|e-?mail|touch ?point|interaction)\b(?!s)/.test(
          text,
        ))
    ) {
      result.sort = { field: entity === 'activities' ? 'at' : 'createdAt', direction: 'desc' };
      result.limit = 1;
    }
    // "the biggest deal" (singular): one answer.
    if (
      !top &&
      result.sort &&
      /\b(biggest|largest|highest|best|smallest|latest|newest|oldest|most valuable|hottest|top)\s+(deal|opportunity|opp|lead|account|customer|task|activity|contact)\b(?!s)/.test(
        text,
      )
    ) {
      result.limit = 1;
    }
  }
  return result;
}
