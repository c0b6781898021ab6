import type {
  AnalysisPlan,
  QueryAggregation,
  QueryEntity,
  QueryField,
  QueryFilter,
  QueryGrouping,
  QueryPlan,
  QuerySort,
  QueryTimeRange,
  RecordsPlan,
} from '../../../../shared/contracts/query.js';
import { defaultTimeField, groupingsOf } from '../../../../shared/contracts/query.js';
import { takeComparisons } from './comparisons.js';
import { type NamedPeople, takeAccountName, takePeople, takeQuoted } from './names.js';
import type { Person } from './people.js';
import { TextCursor } from './text-cursor.js';
import { findPeriod, type Period, type TimeContext, todayIn } from './time-frames.js';
import { enumWords, groupingOf, groupingPattern, strongEntityWords, weakEntityWords } from './vocabulary.js';

/*
 * The rule engine: a question in, a typed plan out, offline and in well under a millisecond. It reads
 * the question in passes (period, numbers, people, names, enum words, intent), each consuming what it
 * understood, and fills the plan from what each pass found. Nothing here touches the database: people
 * come from the directory handed in, accounts are left as names for the server to resolve.
 */

export type PlanningContext = TimeContext & { people: readonly Person[] };

export type PlanOutcome = { ok: true; plan: QueryPlan } | { ok: false; reason: string };

const DEFAULT_LIMIT = 20;

const NUMBER_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };

export function planQuestion(question: string, context: PlanningContext): PlanOutcome {
  const cursor = new TextCursor(question);
  const quoted = takeQuoted(cursor);
  // Before periods: "no activity in the last 30 days" is a condition on accounts, not a period.
  const inactivity = takeInactivity(cursor);
  const period = findPeriod(cursor, context);

  const analysis = analysisOf(cursor);
  const entity = analysis ? undefined : entityOf(cursor);
  if (analysis) return { ok: true, plan: planAnalysis(analysis, cursor, context, period, quoted) };
  if (!entity) {
    // "How is Acme doing?": no record kind, but a named account is a request for its summary.
    if (SUMMARY_WORDS.test(cursor.text) || quoted) {
      const account = quoted ?? takeAccountName(cursor);
      if (account) return { ok: true, plan: { kind: 'analysis', analysis: 'accountSummary', account } };
    }
    return { ok: false, reason: 'no_subject' };
  }
  const plan = planRecords(entity, cursor, context, period, quoted);
  if (inactivity !== undefined && plan.entity === 'accounts') {
    plan.filters.push({ field: 'daysSinceActivity', op: 'gt', value: inactivity });
  }
  return { ok: true, plan };
}

const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

/** "no activity in 30 days", "not visited for 3 months", "dormant": days without activity. */
function takeInactivity(cursor: TextCursor): number | undefined {
  const match = cursor.take(
    /\b(?:no|without(?: any)?|have(?:n't| not) had|not had|haven't|hasn't|has not|have not|not been|nobody has)\s+(?:any\s+|an?\s+)?(?:recent\s+)?(?:activit(?:y|ies)|contact(?:ed)?|touch(?:ed|es)?|visits?|visited|calls?|called|meetings?|interactions?)\s+(?:in|for|over|during|within)?\s*(?:the\s+)?(?:last|past)?\s*(\d{1,4}|a|one|two|three|six)\s+(days?|weeks?|months?|years?)\b/,
  );
  if (match) {
    const count = { a: 1, one: 1, two: 2, three: 3, six: 6 }[match[1] ?? ''] ?? Number(match[1]);
    return count * (DAYS_PER_UNIT[(match[2] ?? 'day').replace(/s$/, '')] ?? 1);
  }
  if (cursor.take(/\b(?:dormant|inactive|neglected|untouched|stale)\b/)) return 90;
  return undefined;
}

const SUMMARY_WORDS =
  /\b(summary|summari[sz]e|overview|everything (?:about|on)|all about|what do (?:we|i) know about|details (?:on|about)|info(?:rmation)? (?:on|about)|snapshot|360|profile|tell me about|brief me|update on|what'?s (?:going on|happening|new) (?:with|at)|how (?:is|are|'s) .{2,40} doing|status of)\b/;

function analysisOf(cursor: TextCursor): AnalysisPlan['analysis'] | undefined {
  const text = cursor.text;
  if (
    /\bactivit(?:y|ies)\s+(?:summary|report|breakdown|overview|stats|statistics|analysis)\b|\bsummar(?:y|ise|ize)\s+(?:of\s+)?(?:my\s+|the\s+|our\s+|\w+'s\s+)?activit|\bhow (?:active|busy)\b/.test(
      text,
    )
  ) {
    return 'activitySummary';
  }
  const strong = strongEntityWords.filter((word) => word.pattern.test(text));
  const onlyPipeline =
    strong.every((word) => word.entity === 'opportunities') && !/\b(deals?|opportunit(?:y|ies)|opps?)\b/.test(text);
  if (onlyPipeline && /\b(pipeline|forecast)\b/.test(text)) return 'pipeline';
  if (SUMMARY_WORDS.test(text) && strong.every((word) => word.entity === 'accounts')) {
    if (!/\b(accounts|customers|clients|distributors|dealers)\b/.test(text)) return 'accountSummary';
  }
  return undefined;
}

function entityOf(cursor: TextCursor): QueryEntity | undefined {
  return firstMention(cursor.text, strongEntityWords) ?? firstMention(cursor.text, weakEntityWords);
}

function firstMention(text: string, words: { entity: QueryEntity; pattern: RegExp }[]): QueryEntity | undefined {
  let best: { entity: QueryEntity; index: number } | undefined;
  for (const word of words) {
    const match = word.pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { entity: word.entity, index: match.index };
  }
  return best?.entity;
}

function planAnalysis(
  analysis: AnalysisPlan['analysis'],
  cursor: TextCursor,
  context: PlanningContext,
  period: Period | undefined,
  quoted: string | undefined,
): AnalysisPlan {
  const plan: AnalysisPlan = { kind: 'analysis', analysis };
  if (analysis === 'accountSummary') {
    const account = quoted ?? takeAccountName(cursor);
    if (account) plan.account = account;
    return plan;
  }
  const people = takePeople(cursor, context.people);
  const owner = people.me ? 'me' : people.names[0];
  if (owner) plan.owner = owner;
  const grouping = groupingPattern.exec(cursor.text);
  const analysed = analysis === 'pipeline' ? 'opportunities' : 'activities';
  const groupWord = grouping ? groupingOf(grouping[1] ?? '', analysed) : rankingGroup(cursor.text, analysed);
  if (analysis === 'pipeline') {
    const groupBy = groupWord === 'owner' || groupWord === 'territory' || groupWord === 'month' ? groupWord : 'stage';
    plan.groupBy = /\bforecast\b/.test(cursor.text) && !groupWord ? 'month' : groupBy;
    if (period) plan.timeRange = timeRangeOf(period, 'closeDate');
  } else {
    plan.groupBy = groupWord === 'owner' ? 'owner' : 'type';
    const type = enumWords.activities.find((word) => word.field === 'type' && word.pattern.test(cursor.text));
    if (type && !/\bactivit/.test(cursor.text.replace(type.pattern, ''))) {
      plan.activityType = type.value as NonNullable<AnalysisPlan['activityType']>;
    }
    if (period) plan.timeRange = timeRangeOf(period, 'at');
  }
  return plan;
}

const timeRangeOf = (period: Period, field: QueryField): QueryTimeRange => ({
  field,
  ...(period.from ? { from: period.from } : {}),
  ...(period.to ? { to: period.to } : {}),
  label: period.label,
});

function planRecords(
  entity: QueryEntity,
  cursor: TextCursor,
  context: PlanningContext,
  period: Period | undefined,
  quoted: string | undefined,
): RecordsPlan {
  const filters: QueryFilter[] = [];
  // Intent words are read before other passes consume the words around them.
  const aggregation = aggregationOf(cursor, entity);
  const sortAndLimit = sortOf(cursor, entity);
  filters.push(...takeComparisons(cursor, entity));
  filters.push(...scoreWords(cursor, entity));
  const people = takePeople(cursor, context.people);
  filters.push(...personFilters(entity, people));
  filters.push(...textFilters(cursor, entity));
  filters.push(...placeFilters(cursor, entity));
  // Enum words go before names, so "leads from the website" is a source and not a company.
  filters.push(...enumFilters(cursor, entity));
  const named = quoted ?? takeAccountName(cursor);
  if (named) filters.push(nameFilter(entity, named));
  const timeRange = periodFor(entity, cursor, filters, period, context);

  const plan: RecordsPlan = { kind: 'records', entity, filters, limit: sortAndLimit.limit ?? DEFAULT_LIMIT };
  if (timeRange) plan.timeRange = timeRange;
  if (aggregation) plan.aggregation = aggregation;
  if (sortAndLimit.sort) plan.sort = sortAndLimit.sort;
  return plan;
}

/** The field a person filter applies to: tasks are someone's by assignment, everything else by owner. */
const personField = (entity: QueryEntity): QueryField => (entity === 'tasks' ? 'assignee' : 'owner');

function personFilters(entity: QueryEntity, people: NamedPeople): QueryFilter[] {
  const field = personField(entity);
  const names = [...(people.me ? ['me'] : []), ...people.names];
  if (people.unowned) return [{ field, op: 'isNull' }];
  if (names.length === 0) return [];
  if (names.length === 1) return [{ field, op: 'eq', value: names[0] ?? 'me' }];
  return [{ field, op: 'in', value: names }];
}

/** A name in a question means the account of the record, except for leads (their company) and accounts. */
function nameFilter(entity: QueryEntity, name: string): QueryFilter {
  switch (entity) {
    case 'leads':
      return { field: 'company', op: 'contains', value: name };
    case 'accounts':
      return { field: 'name', op: 'contains', value: name };
    default:
      return { field: 'account', op: 'eq', value: name };
  }
}

/** Country names people type, with the ISO code accounts store (as typed when unknown, so both match). */
const COUNTRIES: Record<string, string> = {
  'united states': 'US',
  usa: 'US',
  us: 'US',
  america: 'US',
  canada: 'CA',
  mexico: 'MX',
  brazil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
  'united kingdom': 'GB',
  uk: 'GB',
  britain: 'GB',
  ireland: 'IE',
  germany: 'DE',
  france: 'FR',
  spain: 'ES',
  portugal: 'PT',
  italy: 'IT',
  netherlands: 'NL',
  belgium: 'BE',
  austria: 'AT',
  switzerland: 'CH',
  poland: 'PL',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  japan: 'JP',
  china: 'CN',
  india: 'IN',
  australia: 'AU',
};

/** The text field a record is named by. */
const nameField: Record<QueryEntity, QueryField> = {
  opportunities: 'name',
  leads: 'name',
  accounts: 'name',
  contacts: 'name',
  activities: 'subject',
  tasks: 'title',
};

const TEXT_END = String.raw`(?=$|[?.,!]|\s(?:at|in|for|and|who|that|which|from|with|closing|owned|assigned|due|this|next|last|over|under|by)\b)`;
const NAMED = new RegExp(
  String.raw`\b(?:named|called|titled|with (?:the )?name|whose (?:name|title|subject) (?:is|contains|includes)|(?:name|title|subject) (?:contains|includes|like)|about)\s+"?([\w&.'-]+(?: [\w&.'-]+){0,4}?)"?${TEXT_END}`,
);
const JOB_TITLE = new RegExp(
  String.raw`\b(?:with (?:the )?(?:job )?title|(?:job )?title(?: of| is)?)\s+"?([\w&.'-]+(?: [\w&.'-]+){0,3}?)"?${TEXT_END}`,
);

/** "named Smith", "called Renewal", "with title CFO": a substring of the record's name or title. */
function textFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const filters: QueryFilter[] = [];
  if (entity === 'contacts') {
    const title = cursor.take(JOB_TITLE);
    if (title?.[1]) filters.push({ field: 'title', op: 'contains', value: typedText(cursor, title, title[1]) });
  }
  // "about" names a record's subject only for activities and tasks; elsewhere it introduces an account.
  const named = cursor.take(NAMED, false);
  if (named?.[1] && (!named[0].startsWith('about') || entity === 'activities' || entity === 'tasks')) {
    cursor.consume(named.index, named.index + named[0].length);
    filters.push({ field: nameField[entity], op: 'contains', value: typedText(cursor, named, named[1]) });
  }
  return filters;
}

/** The words of a match as the asker typed them (casing kept). */
function typedText(cursor: TextCursor, match: RegExpExecArray, words: string): string {
  const start = match.index + match[0].lastIndexOf(words);
  return cursor.originalOf(start, start + words.length);
}

/** Accounts in a place, territory or industry: "in Germany", "in the North territory", "in retail". */
function placeFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const filters: QueryFilter[] = [];
  const territory = cursor.take(
    /\b(?:in|from|of)\s+(?:the\s+)?([a-z][\w -]{1,40}?)\s+(?:territory|region)\b|\bterritory\s+([a-z][\w-]{1,40})\b/,
  );
  if (territory && (entity === 'accounts' || entity === 'leads' || entity === 'opportunities')) {
    const name = (territory[1] ?? territory[2] ?? '').trim();
    const start = cursor.original.toLowerCase().indexOf(name, territory.index);
    filters.push({ field: 'territory', op: 'eq', value: cursor.originalOf(start, start + name.length) });
  }
  if (entity !== 'accounts') return filters;
  const industry = cursor.take(/\b(?:in|from)\s+(?:the\s+)?([a-z][a-z &-]{1,30}?)\s+(?:industry|sector)\b/);
  if (industry?.[1]) filters.push({ field: 'industry', op: 'contains', value: industry[1].trim() });
  const place = cursor.take(
    /\b(?:in|from|based in|located in)\s+([a-z][a-z .'-]{1,30}?)(?=\s*(?:$|[?.,!]|\s(?:with|that|which|who|where|and|over|above|under|owned|by|sorted|order|have|has|having|without|are|is)\b|\s{2}))/,
  );
  if (place?.[1]) {
    const name = place[1].trim();
    const start = place.index + place[0].length - place[1].length;
    const typed = cursor.originalOf(start, start + name.length);
    const code = COUNTRIES[name.replace(/^the\s+/, '')];
    filters.push(
      code ? { field: 'country', op: 'in', value: [typed, code] } : { field: 'city', op: 'eq', value: typed },
    );
  }
  return filters;
}

/** "not converted", "haven't closed", "non-referral": the enum word right after it is negated. */
const NEGATION =
  /\b(?:not|never|no longer|isn't|aren't|haven't|hasn't|weren't|wasn't|n't|non|except|excluding|other than)\s*-?\s*(?:yet\s+|been\s+|be\s+|in\s+|from\s+)?$/;

function enumFilters(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  const byField = new Map<QueryField, string[]>();
  const negated = new Set<QueryField>();
  for (const word of enumWords[entity]) {
    const match = word.pattern.exec(cursor.text);
    if (!match) continue;
    // "deals in the pipeline" is open, "open deals" too: one value per word.
    cursor.consume(match.index, match.index + match[0].length);
    if (NEGATION.test(cursor.text.slice(0, match.index))) {
      negated.add(word.field);
    }
    const values = byField.get(word.field) ?? [];
    if (!values.includes(word.value)) values.push(word.value);
    byField.set(word.field, values);
  }
  const filters: QueryFilter[] = [];
  for (const [field, values] of byField) {
    if (field === 'isPrimary') {
      filters.push({ field, op: 'eq', value: true });
      continue;
    }
    const kept = field === 'status' ? strongestStatus(entity, values) : values;
    if (negated.has(field) && kept.length === 1) filters.push({ field, op: 'neq', value: kept[0] ?? '' });
    else if (kept.length === 1) filters.push({ field, op: 'eq', value: kept[0] ?? '' });
    else filters.push({ field, op: 'in', value: kept });
  }
  return filters;
}

/** "open won deals" is not a thing: a specific status wins over the generic open/pending. */
function strongestStatus(entity: QueryEntity, values: string[]): string[] {
  const generic = entity === 'tasks' ? 'pending' : 'open';
  const specific = values.filter((value) => value !== generic);
  if (entity === 'activities' && specific.includes('completed') && specific.includes('planned')) return ['completed'];
  return specific.length > 0 ? specific : values;
}

/** "hot leads" and friends. */
function scoreWords(cursor: TextCursor, entity: QueryEntity): QueryFilter[] {
  if (entity !== 'leads') return [];
  if (
    cursor.take(/\b(hot|hottest)\b|\b(?:high|good|strong|great|top)[- ]scor(?:e|es|ing|ed)\b|\bhigh(?:ly)?[- ]rated\b/)
  ) {
    return [{ field: 'score', op: 'gte', value: 70 }];
  }
  if (cursor.take(/\b(?:low|poor|weak)[- ]scor(?:e|es|ing|ed)\b/)) return [{ field: 'score', op: 'lt', value: 40 }];
  if (cursor.take(/\bwarm\b/)) return [{ field: 'score', op: 'between', value: [40, 69] }];
  if (cursor.take(/\bcold\b(?![- ]?call)/)) return [{ field: 'score', op: 'lt', value: 40 }];
  return [];
}

/** The period applies to the field the question implies: due, completed, created, closed. */
function periodFor(
  entity: QueryEntity,
  cursor: TextCursor,
  filters: QueryFilter[],
  period: Period | undefined,
  context: PlanningContext,
): QueryTimeRange | undefined {
  const text = cursor.original.toLowerCase();
  const statusOf = (value: string) =>
    filters.some(
      (filter) =>
        filter.field === 'status' &&
        (filter.value === value || (Array.isArray(filter.value) && filter.value.includes(value))),
    );
  const created =
    /\b(created|added|new|came in|come in|arrived|entered|generated|logged|registered|signed up|acquired|got)\b/.test(
      text,
    );
  const overdue = /\b(overdue|past due|late|slipped|behind)\b/.test(text);
  const upcoming = /\b(upcoming|coming up|ahead|future|next)\b/.test(text);

  if (entity === 'tasks') {
    if (overdue) filters.push({ field: 'overdue', op: 'eq', value: true });
    const hasStatus = filters.some((filter) => filter.field === 'status');
    if (!hasStatus && !overdue) filters.push({ field: 'status', op: 'eq', value: 'pending' });
  }
  if (entity === 'opportunities' && !filters.some((filter) => filter.field === 'status' || filter.field === 'stage')) {
    if (overdue) {
      filters.push({ field: 'status', op: 'eq', value: 'open' });
      if (!period) return { field: 'closeDate', to: dayBefore(todayIn(context)), label: 'before today' };
    } else if (period && /\bclos(?:e|es|ing)\b/.test(text) && period.direction !== 'past') {
      filters.push({ field: 'status', op: 'eq', value: 'open' });
    } else if (/\bclosed\b/.test(text)) {
      filters.push({ field: 'status', op: 'eq', value: 'closed' });
    }
  }
  if (!period) {
    if (upcoming && (entity === 'tasks' || entity === 'activities')) {
      return { field: defaultTimeField[entity], from: todayIn(context), label: 'from today on' };
    }
    return undefined;
  }
  let field = defaultTimeField[entity];
  if (created) field = 'createdAt';
  else if (entity === 'opportunities' && (statusOf('won') || statusOf('lost') || statusOf('closed')))
    field = 'closedAt';
  else if (entity === 'tasks' && statusOf('completed')) field = 'completedAt';
  return timeRangeOf(period, field);
}

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** count / sum / average, and the grouping. */
function aggregationOf(cursor: TextCursor, entity: QueryEntity): QueryAggregation | undefined {
  const text = cursor.text;
  const grouping = groupingPattern.exec(text);
  const groupBy = grouping ? groupingOf(grouping[1] ?? '', entity) : rankingGroup(text, entity);
  const allowedGroup = groupBy && groupingsOf[entity].includes(groupBy) ? groupBy : undefined;
  if (grouping && allowedGroup) cursor.consume(grouping.index, grouping.index + grouping[0].length);

  let fn: QueryAggregation['fn'] | undefined;
  if (/\b(how many|count|number of|# of|quantity of|tally)\b/.test(text)) fn = 'count';
  else if (/\b(average|avg|mean|typical)\b/.test(text)) fn = 'avg';
  else if (
    /\b(total|sum|how much|combined|add up|adds up|aggregate|value of|what (?:are|is) .{1,40} worth|worth in total)\b/.test(
      text,
    )
  ) {
    fn = 'sum';
  } else if (entity === 'opportunities' && /\b(revenue|bookings|sold)\b/.test(text)) fn = 'sum';
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

/** "Who has the most open deals?", "which account has the biggest pipeline?": a ranking of groups. */
function rankingGroup(text: string, entity: QueryEntity): QueryGrouping | undefined {
  if (!/\b(most|more|fewest|least|highest|lowest|best|worst|biggest|largest|top)\b/.test(text)) return undefined;
  if (
    /\b(who|which (?:reps?|sales ?(?:people|persons?|reps?)|salespeople|sellers?|owners?|users?|persons?|people|team members?))\b/.test(
      text,
    )
  ) {
    return entity === 'tasks' ? 'assignee' : 'owner';
  }
  if (entity !== 'accounts' && /\bwhich (?:accounts?|customers?|clients?|companies)\b/.test(text)) return 'account';
  if (/\bwhich (?:sources?|channels?)\b/.test(text)) return 'source';
  if (/\bwhich (?:territor(?:y|ies)|regions?)\b/.test(text)) return 'territory';
  if (/\bwhich (?:months?)\b/.test(text)) return 'month';
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

function sortOf(cursor: TextCursor, entity: QueryEntity): { sort?: QuerySort; limit?: number } {
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
  if (!result.sort) {
    if (/\b(smallest|lowest|least valuable|tiniest)\b/.test(text))
      result.sort = { field: rankField[entity], direction: 'asc' };
    else if (/\b(top|biggest|largest|highest|best|most valuable|hottest|largest)\b/.test(text) || top) {
      result.sort = { field: rankField[entity], direction: 'desc' };
    } else if (/\b(latest|newest|most recent|recent|recently|last (?:few|couple))\b/.test(text)) {
      result.sort = { field: entity === 'activities' ? 'at' : 'createdAt', direction: 'desc' };
    } else if (/\b(oldest|earliest)\b/.test(text)) {
      result.sort = { field: 'createdAt', direction: 'asc' };
    } else if (/\b(soonest|next to close|closing soon|closing next)\b/.test(text) && entity === 'opportunities') {
      result.sort = { field: 'closeDate', direction: 'asc' };
    }
    // "the biggest deal" (singular): one answer.
    if (
      !top &&
      result.sort &&
      /\b(biggest|largest|highest|best|smallest|latest|newest|oldest|most valuable|hottest|top)\s+(deal|opportunity|lead|account|customer|task|activity|contact)\b(?!s)/.test(
        text,
      )
    ) {
      result.limit = 1;
    }
  }
  return result;
}
