import {
  type AnalysisPlan,
  groupingsOf,
  multiValuedGroupings,
  type QueryEntity,
  type QueryFilter,
  type QueryGrouping,
  type QueryPlan,
  queryFields,
  type RecordsPlan,
} from '../../../../shared/contracts/query.js';
import { entityNouns, wordsOfGrouping } from '../plan-description.js';
import { takeAccountRanking } from './account-rankings.js';
import { colleagueSubjectHint, PERFORMANCE_WORDS } from './colleagues.js';
import { takeComparisons } from './comparisons.js';
import { rankedGrouping, takeGroupRanking } from './group-rankings.js';
import { aggregationOf, rankingGroup, sortOf, takeRankedPeople, takeTopGroups } from './intent.js';
import { takeNameEndingInKind } from './kind-names.js';
import { takeLookup } from './lookups.js';
import { takeAccountName, takeAccountOwner, takePeople, takeQuoted, takeTeam, takeVisitedAccount } from './names.js';
import type { Person } from './people.js';
import { takeProduct } from './products.js';
import {
  accountTypeFilters,
  asksForCreator,
  bantFilters,
  dealCountComparisons,
  dealCountFilters,
  enumFilters,
  missingFilters,
  nameFilter,
  namesParent,
  parentFilters,
  periodFor,
  personFilters,
  placeFilters,
  regionNamed,
  riskFilters,
  scoreWords,
  takeTerritoryName,
  textFilters,
  timeRangeOf,
} from './record-filters.js';
import { finishShare, type ShareIntent, startShare, takeShare } from './shares.js';
import { respelledQuestion } from './spelling.js';
import { takeAttainment } from './targets.js';
import { TextCursor } from './text-cursor.js';
import { findPeriod, type Period, type TimeContext, todayIn } from './time-frames.js';
import { unreadWords } from './unread-words.js';
import { enumWords, groupingOf, groupingPattern, strongEntityWords, weakEntityWords } from './vocabulary.js';

/*
 * The rule engine: a question in, a typed plan out, offline and in well under a millisecond. It reads
 * the question in passes (period, numbers, people, names, enum words, intent), each consuming what it
 * understood, and fills the plan from what each pass found. Nothing here touches the database: people
 * come from the directory handed in, accounts are left as names for the server to resolve.
 */

export type PlanningContext = TimeContext & {
  people: readonly Person[];
  /** Territory names, so "the pipeline in Great Lakes" names one; none known, none read. */
  territories?: readonly string[];
  /** Regions the territories are in ("accounts in the Midwest"), read like territory names. */
  regions?: readonly string[];
  /** Products the deals name ("snow blower deals"); none known, only "interested in …" reads one. */
  products?: readonly string[];
};

export type PlanOutcome =
  | { ok: true; plan: QueryPlan }
  /** `unread`: the words of the question it could not place (see unread-words.ts). */
  | { ok: false; reason: 'no_subject' | 'unread_words'; unread?: string[] }
  /** `hint`: the question asks for something Meridian does not keep, and what it can answer instead. */
  | { ok: false; reason: 'unsupported'; hint: string };

const DEFAULT_LIMIT = 20;

export function planQuestion(question: string, context: PlanningContext): PlanOutcome {
  const outcome = planOnce(question, context);
  if (outcome.ok || outcome.reason === 'unsupported') return outcome;
  // "leeds from referal", "overdue taks": the words it could not read, respelt, and the question read again.
  const respelled = respelledQuestion(question, outcome.unread ?? [], context.people);
  const again = respelled ? planOnce(respelled, context) : undefined;
  if (again?.ok) return again;
  // A question with no subject is refused as such, not for its words.
  return outcome.reason === 'no_subject' ? { ok: false, reason: 'no_subject' } : outcome;
}

/** "leads per source and stage": two groupings at once, which a plan cannot make (one group by). */
const TWO_GROUPINGS =
  /\b(?:by|per|for each)\s+(?:stages?|status(?:es)?|owners?|reps?|accounts?|territor(?:y|ies)|regions?|sources?|types?|priorit(?:y|ies)|assignees?|roles?|industr(?:y|ies)|countr(?:y|ies)|states?|cit(?:y|ies)|months?|products?|competitors?)\s*(?:,|and|&|then)\s*(?:by\s+|per\s+)?(stages?|status(?:es)?|owners?|reps?|accounts?|territor(?:y|ies)|regions?|sources?|types?|priorit(?:y|ies)|assignees?|roles?|industr(?:y|ies)|countr(?:y|ies)|states?|cit(?:y|ies)|months?|products?|competitors?)\b/;

function planOnce(question: string, context: PlanningContext): PlanOutcome & { unread?: string[] } {
  const cursor = new TextCursor(question);
  const second = TWO_GROUPINGS.exec(cursor.text);
  if (second?.[1]) return { ok: false, reason: 'unread_words', unread: [second[1]] };
  const outcome = planFromCursor(cursor, context);
  if (!outcome.ok && outcome.reason === 'unsupported') return outcome;
  const unread = unreadWords(cursor.text, context.people);
  if (!outcome.ok) return { ...outcome, unread };
  return unread.length === 0 ? outcome : { ok: false, reason: 'unread_words', unread };
}

function planFromCursor(cursor: TextCursor, context: PlanningContext): PlanOutcome {
  // "who is Karen Anderson", "Raj Brown's phone": one person looked up by name.
  const lookup = takeLookup(cursor, context.people);
  if (lookup) return { ok: true, plan: lookup };
  // "Lone Star Turf & Tractor Distributors": a name ending in a kind word is as good as quoted (kind-names.ts),
  // unless a pass reads the rest of the question as a name, kind word and all ("who owns …", "dealers under …").
  const readWhole = OWNER_OF.test(cursor.text) || namesParent(cursor.text);
  const quoted = takeQuoted(cursor) ?? (readWhole ? undefined : takeNameEndingInKind(cursor));
  // Before periods: "no activity in the last 30 days" is a condition on accounts, not a period.
  const inactivity = takeInactivityThisPeriod(cursor, context) ?? takeInactivity(cursor);
  // "leads older than 30 days": created before then.
  const age = takeAge(cursor, context);
  // "won this month vs last month": the period before the comparing word is asked, the one after compared.
  const periods = age ? undefined : takeComparedPeriods(cursor, context);
  const period = age ?? (periods ? periods.asked : findPeriod(cursor, context));
  const versus = periods?.other;
  // "my quota attainment this quarter", "pipeline coverage", "are we on track to hit the target".
  const attainment = takeAttainment(cursor, context.people, period);
  if (attainment) return { ok: true, plan: attainment };
  // Before the subject: "win rate" names both the records (deals) and what is measured.
  const share = takeShare(cursor);

  // "the pipeline in Texas": the open deals of accounts there, which the pipeline analysis cannot narrow.
  const pipelineOfRegion = (analysis: AnalysisPlan['analysis'] | undefined) =>
    analysis === 'pipeline' && regionNamed(cursor) !== undefined;
  // "who owns Trinity Equipment": the account, whose row names its owner.
  const owned = share ? null : cursor.take(OWNER_OF);
  if (owned?.[1]) {
    const start = owned.index + owned[0].lastIndexOf(owned[1]);
    const name = cursor.originalOf(start, start + owned[1].length).trim();
    return {
      ok: true,
      plan: { kind: 'records', entity: 'accounts', filters: [nameFilter('accounts', name)], limit: 5 },
    };
  }
  // "top 5 accounts by pipeline", "my top 5 accounts by pipeline": accounts (mine: that I own) ranked by
  // their open deals, never by their own revenue. Before whose accounts and teams, which it reads itself
  // (account-rankings.ts).
  const ranking = share ? undefined : takeAccountRanking(cursor, context.people);
  if (ranking && !ranking.ok) return { ok: false, reason: 'unsupported', hint: ranking.hint };
  if (ranking) {
    const product = takeProduct(cursor, context.products ?? []);
    const plan = planRecords('opportunities', cursor, context, period, quoted, undefined);
    plan.filters.push(...(product ? [product] : []), ...ranking.filters);
    if (!plan.filters.some((filter) => filter.field === 'status' || filter.field === 'stage')) {
      plan.filters.push({ field: 'status', op: 'eq', value: 'open' });
    }
    plan.aggregation = { fn: 'sum', field: 'amount', groupBy: 'account', ...(ranking.top ? { top: ranking.top } : {}) };
    delete plan.sort;
    return { ok: true, plan };
  }
  // "which of my reps has the most overdue tasks", "what stage has the most deals": groups ranked.
  const groupRanking = share ? undefined : takeGroupRanking(cursor, context.people);
  // "tasks for my accounts", "deals on Ben's customers": records on someone's accounts, not their records.
  const beforeOwner = cursor.text;
  let accountOwner = takeAccountOwner(cursor, context.people);
  const afterOwner = cursor.text;
  // "Maria's team pipeline", "deals of Maria's reps": the records of a manager and everyone below her.
  const beforeTeam = cursor.text;
  let team = takeTeam(cursor, context.people);
  const afterTeam = cursor.text;
  const analysed = share ? undefined : analysisOf(cursor);
  // A ranking of groups measures records or the pipeline, never a summary.
  const analysis = pipelineOfRegion(analysed) || (groupRanking && analysed !== 'pipeline') ? undefined : analysed;
  const entity = analysis ? undefined : (share?.entity ?? entityOf(cursor));
  // Accounts and leads are on no one's accounts, and an account summary is no one's: such words go back
  // to be read as they were.
  if (accountOwner && analysis !== 'pipeline' && !(entity && queryFields[entity].accountOwner)) {
    cursor.giveBack(beforeOwner, afterOwner);
    accountOwner = undefined;
  }
  if (team && analysis !== 'pipeline' && !(analysis === 'activitySummary' && !team.negated) && !entity) {
    cursor.giveBack(beforeTeam, afterTeam);
    team = undefined;
  }
  // "snow blower deals", "the pipeline for zero-turn mowers": a product of the catalogue, before names.
  const product =
    analysis === 'pipeline' || entity === 'opportunities' ? takeProduct(cursor, context.products ?? []) : undefined;
  const narrowing: QueryFilter[] = [
    ...(product ? [product] : []),
    ...(accountOwner ? [{ field: 'accountOwner' as const, op: 'eq' as const, value: accountOwner }] : []),
    ...(team
      ? [{ field: 'team' as const, op: team.negated ? ('neq' as const) : ('eq' as const), value: team.name }]
      : []),
    ...(groupRanking?.filters ?? []),
  ];
  if (analysis === 'pipeline' && period && versus) {
    // "pipeline this quarter vs next quarter": the open deals closing in each period, added up.
    const people = takePeople(cursor, context.people);
    const owner = people.me ? 'me' : people.names[0];
    return {
      ok: true,
      plan: {
        kind: 'records',
        entity: 'opportunities',
        filters: [
          ...(owner ? [{ field: 'owner' as const, op: 'eq' as const, value: owner }] : []),
          ...narrowing,
          { field: 'status', op: 'eq', value: 'open' },
        ],
        timeRange: timeRangeOf(period, 'closeDate'),
        compareTo: timeRangeOf(versus, 'closeDate'),
        aggregation: { fn: 'sum', field: /\bweighted\b/.test(cursor.text) ? 'weightedAmount' : 'amount' },
        limit: DEFAULT_LIMIT,
      },
    };
  }
  if (analysis) {
    const ranked = groupRanking ? rankedGrouping(groupRanking, 'opportunities') : undefined;
    if (groupRanking && !ranked)
      return { ok: false, reason: 'unsupported', hint: groupingHint(groupRanking.noun, 'opportunities') };
    const plan = planAnalysis(analysis, cursor, context, period, quoted, narrowing, ranked);
    const hint =
      analysis === 'pipeline'
        ? unavailableGrouping(cursor, 'opportunities')
        : summaryOfColleague(plan, quoted, context.people);
    return hint ? { ok: false, reason: 'unsupported', hint } : { ok: true, plan };
  }
  if (!entity) {
    // "How is Acme doing?": no record kind, but a named account is a request for its summary.
    // "show me Trinity Equipment", "pull up Alamo Outdoor Power": the account itself, summarised.
    const showName = /^\s*(?:show|pull up|open|look up|display|bring up)(?:\s+me)?(?:\s+the)?\s+\S/.test(cursor.text);
    if (SUMMARY_WORDS.test(cursor.text) || PERFORMANCE_WORDS.test(cursor.text) || quoted || showName) {
      const account = quoted ?? takeAccountName(cursor);
      const plan: QueryPlan | undefined = account
        ? { kind: 'analysis', analysis: 'accountSummary', account }
        : undefined;
      const hint = plan ? summaryOfColleague(plan, quoted, context.people) : undefined;
      if (hint) return { ok: false, reason: 'unsupported', hint };
      // "Acme's performance", "Globex numbers": the summary is the account's figures.
      if (plan) cursor.take(PERFORMANCE_WORDS);
      if (plan) return { ok: true, plan };
    }
    return { ok: false, reason: 'no_subject' };
  }
  const ranked = groupRanking ? rankedGrouping(groupRanking, entity) : undefined;
  if (groupRanking && !(ranked && groupingsOf[entity].includes(ranked))) {
    return { ok: false, reason: 'unsupported', hint: groupingHint(groupRanking.noun, entity) };
  }
  const plan = planRecords(entity, cursor, context, period, quoted, share, ranked);
  plan.filters.push(...narrowing);
  if (groupRanking) keepRankingOrder(plan);
  if (versus && plan.timeRange) plan.compareTo = timeRangeOf(versus, plan.timeRange.field ?? 'createdAt');
  if (inactivity !== undefined && ['accounts', 'opportunities', 'leads'].includes(plan.entity)) {
    // Visits are made to accounts: a deal or a lead "not visited" has had no activity of any kind.
    const field = inactivity.visits && plan.entity === 'accounts' ? 'daysSinceVisit' : 'daysSinceActivity';
    plan.filters.push({ field, op: 'gt', value: inactivity.days });
    // Only open deals and leads can be left unworked; closed ones are done with.
    const hasStatus = plan.filters.some((filter) => filter.field === 'status' || filter.field === 'stage');
    if (plan.entity !== 'accounts' && !hasStatus) plan.filters.push({ field: 'status', op: 'eq', value: 'open' });
  }
  const hint = unavailableGrouping(cursor, plan.entity);
  return hint ? { ok: false, reason: 'unsupported', hint } : { ok: true, plan };
}

/**
 * "leads by product", "pipeline by industry": a grouping the records do not have, refused with the ones
 * they have, rather than answered ungrouped. A grouping they have was read (consumed) by then.
 */
function unavailableGrouping(cursor: TextCursor, entity: QueryEntity): string | undefined {
  const word = groupingPattern.exec(cursor.text)?.[1];
  if (!word) return undefined;
  const asked = groupingOf(word, entity);
  if (asked && groupingsOf[entity].includes(asked)) return undefined;
  return groupingHint(word, entity);
}

/** What the records can be grouped by, said when a question asks for a grouping they lack. */
function groupingHint(word: string, entity: QueryEntity): string {
  const asked = groupingOf(word, entity);
  const where =
    asked && multiValuedGroupings.includes(asked)
      ? ` (products and competitors are kept on deals: ask for deals by ${asked})`
      : '';
  const offered = groupingsOf[entity].map(wordsOfGrouping);
  const noun = entityNouns[entity].many;
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} have no ${word} to group by${where}. They can be grouped by ${offered.slice(0, -1).join(', ')} or ${offered.at(-1)}.`;
}

/**
 * "how is Rita doing", "summary for Rob": an account summary of a colleague's name is a question about the
 * colleague, which no summary answers; the hint names what can be asked. A quoted name is an account.
 */
function summaryOfColleague(
  plan: QueryPlan,
  quoted: string | undefined,
  people: readonly Person[],
): string | undefined {
  if (plan.kind !== 'analysis' || plan.analysis !== 'accountSummary' || !plan.account || quoted) return undefined;
  return colleagueSubjectHint(plan.account, people);
}

/** Territories and the regions they are in, read alike ("deals in Great Lakes", "accounts in the Midwest"). */
const territoryNames = (context: PlanningContext): readonly string[] =>
  context.regions?.length ? [...(context.territories ?? []), ...context.regions] : (context.territories ?? []);

const OWNER_OF =
  /\b(?:who (?:owns|manages|handles|covers|is (?:the )?(?:account )?(?:owner|manager) (?:of|for))|(?:owner|account manager) (?:of|for))\s+(?!(?:the\s+)?(?:most|more|fewest|least|biggest|largest|top)\b)(?:the\s+)?([a-z0-9][^?!]{1,80}?)(?:\s+account)?\s*[?!.]?\s*$/;

const VERSUS = /\b(?:vs\.?|versus|compared (?:to|with)|against|than)\s/;

/**
 * A period on each side of "vs", "compared to" or "than", their words consumed; undefined unless both
 * sides name one (then "won vs lost deals" stays a comparison of statuses).
 */
function takeComparedPeriods(
  cursor: TextCursor,
  context: PlanningContext,
): { asked: Period; other: Period } | undefined {
  const versus = VERSUS.exec(cursor.text);
  if (!versus) return undefined;
  const split = versus.index;
  const resume = versus.index + versus[0].length;
  const side = (from: number, to: number) => {
    const part = new TextCursor('');
    part.text = ' '.repeat(from) + cursor.text.slice(from, to) + ' '.repeat(cursor.text.length - to);
    return part;
  };
  const head = side(0, split);
  const tail = side(resume, cursor.text.length);
  const asked = findPeriod(head, context);
  const other = asked ? findPeriod(tail, context) : undefined;
  if (!asked || !other) return undefined;
  cursor.text = head.text.slice(0, split) + ' '.repeat(resume - split) + tail.text.slice(resume);
  return { asked, other };
}

const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const DAY_MS = 86_400_000;

/** The first day of this week (Monday), month, quarter or year, as an ISO date. */
function startOfUnit(today: string, unit: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  if (unit === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
  if (unit === 'month') return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  if (unit === 'quarter') return new Date(Date.UTC(year, month - (month % 3), 1)).toISOString().slice(0, 10);
  return `${year}-01-01`;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Days without activity a question asks about; `visits` when it names visits ("not visited in 30 days"). */
type Inactivity = { days: number; visits: boolean };

const inactivityOf = (days: number, words: string): Inactivity => ({ days, visits: /\bvisit/.test(words) });

/**
 * "accounts not visited this quarter", "leads with no activity this month": the last activity came before
 * the period began.
 */
function takeInactivityThisPeriod(cursor: TextCursor, context: PlanningContext): Inactivity | undefined {
  const match = cursor.take(
    /\b(?:no|without(?: any)?|have(?:n't| not)(?: been| had)?|has(?:n't| not)(?: been| had)?|not been|not had|nobody has|not)\s+(?:any\s+|an?\s+)?(?:recent\s+)?(?:activit(?:y|ies)|contact(?:ed)?|touch(?:ed|es)?|visits?|visited|calls?|called|meetings?|interactions?|worked(?: on)?)\s+(?:yet\s+)?(?:at all\s+)?this\s+(week|month|quarter|year)\b/,
  );
  if (!match?.[1]) return undefined;
  const today = todayIn(context);
  return inactivityOf(daysBetween(startOfUnit(today, match[1]), today), match[0]);
}

/** "open leads older than 30 days", "deals more than 2 months old": created before that many days ago. */
function takeAge(cursor: TextCursor, context: PlanningContext): Period | undefined {
  // "tasks overdue by more than a week": due before that many days ago ("overdue" stays for its pass).
  const late = cursor.take(
    /(?<=\boverdue\s+)(?:by\s+)?(?:more than|over|at least)\s+(\d{1,4}|a|one|two|three|six)\s+(days?|weeks?|months?)\b/,
  );
  if (late) {
    const count = { a: 1, one: 1, two: 2, three: 3, six: 6 }[late[1] ?? ''] ?? Number(late[1]);
    const days = count * (DAYS_PER_UNIT[(late[2] ?? 'day').replace(/s$/, '')] ?? 1);
    return olderThan(days, `overdue by more than ${count} ${late[2]}`, context);
  }
  const match = cursor.take(
    /\b(?:older than|more than)\s+(\d{1,4}|a|one|two|three|six)\s+(days?|weeks?|months?|years?)(?:\s+old)?\b/,
  );
  if (!match) return undefined;
  if (/^more/.test(match[0]) && !/\bold$/.test(match[0])) {
    // "more than 30 days" without "old" is not an age: give the words back.
    cursor.text = cursor.text.slice(0, match.index) + match[0] + cursor.text.slice(match.index + match[0].length);
    return undefined;
  }
  const count = { a: 1, one: 1, two: 2, three: 3, six: 6 }[match[1] ?? ''] ?? Number(match[1]);
  const days = count * (DAYS_PER_UNIT[(match[2] ?? 'day').replace(/s$/, '')] ?? 1);
  return olderThan(days, `older than ${count} ${match[2]}`, context);
}

/**
 * More than `days` ago: before the instant that many 24 hours back (a task 7.3 days late is more than a
 * week late), which times compare exactly; a date field, which has no time, takes the days before that day.
 */
function olderThan(days: number, label: string, context: PlanningContext): Period {
  const before = new Date(context.now.getTime() - days * DAY_MS).toISOString();
  const today = todayIn(context);
  const last = new Date(Date.parse(`${today}T00:00:00Z`) - (days + 1) * DAY_MS).toISOString().slice(0, 10);
  return { to: last, before, label, direction: 'past' };
}
/** What daysSinceActivity reads for a record that never had an activity (query-columns.ts). */
const NEVER_ACTIVE = 100_000;

/** "no activity in 30 days", "not visited for 3 months", "dormant": days without activity. */
function takeInactivity(cursor: TextCursor): Inactivity | undefined {
  const match = cursor.take(
    /\b(?:no|without(?: any)?|have(?:n't| not) had|not had|haven't|hasn't|has not|have not|not been|nobody has|not)\s+(?:been\s+)?(?:any\s+|an?\s+)?(?:recent\s+)?(?:activit(?:y|ies)|contact(?:ed)?|touch(?:ed|es)?|visits?|visited|calls?|called|meetings?|interactions?|worked(?: on)?)\s+(?:in|for|over|during|within)?\s*(?:the\s+)?(?:last|past)?\s*(\d{1,4}|a|one|two|three|six)\s+(days?|weeks?|months?|years?)\b/,
  );
  if (match) {
    const count = { a: 1, one: 1, two: 2, three: 3, six: 6 }[match[1] ?? ''] ?? Number(match[1]);
    return inactivityOf(count * (DAYS_PER_UNIT[(match[2] ?? 'day').replace(/s$/, '')] ?? 1), match[0]);
  }
  // "no activity in the last month", "not visited over the past week": one of the unit.
  const lastUnit = cursor.take(
    /\b(?:no|without(?: any)?|have(?:n't| not) had|not had|haven't|hasn't|has not|have not|not been|nobody has|not)\s+(?:been\s+)?(?:any\s+|an?\s+)?(?:recent\s+)?(?:activit(?:y|ies)|contact(?:ed)?|touch(?:ed|es)?|visits?|visited|calls?|called|meetings?|interactions?)\s+(?:in|for|over|during|within)\s+(?:the\s+)?(?:last|past)\s+(day|week|month|quarter|year)\b/,
  );
  if (lastUnit) {
    return inactivityOf(lastUnit[1] === 'quarter' ? 90 : (DAYS_PER_UNIT[lastUnit[1] ?? 'day'] ?? 1), lastUnit[0]);
  }
  if (cursor.take(/\b(?:dormant|inactive|neglected|untouched|stale)\b/)) return inactivityOf(90, '');
  // A deal or lead that has stalled has gone a month without anyone working it.
  if (cursor.take(/\b(?:stall(?:ed|ing)|stuck|idle|rotting|(?:going|gone|went) cold)\b/)) return inactivityOf(30, '');
  // "leads that haven't been contacted", "deals never touched": no activity at all.
  const never = cursor.take(
    /\b(?:have(?:n't| not)|has(?:n't| not)|never|not yet|not)\s+(?:been\s+|yet\s+)?(?:contacted|called|touched|visited|worked|followed up)\b(?!\s+(?:in|for|since|over|during|within)\b)|\bno activit(?:y|ies)(?: at all| yet)?\b(?!\s+(?:in|for|since|over|during|within)\b)|\b(?:uncontacted|unworked|never contacted)\b/,
  );
  return never ? inactivityOf(NEVER_ACTIVE - 1, never[0]) : undefined;
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
  // "top 5 deal owners by pipeline" names people, not the deals themselves.
  const dealWords = text.replace(/\b(?:deal|opportunity|opp)\s+owners?\b/g, 'owners');
  const onlyPipeline =
    strong.every((word) => word.entity === 'opportunities') &&
    !/\b(deals?|opportunit(?:y|ies)|opps?)\b/.test(dealWords);
  if (onlyPipeline && /\b(pipeline|forecast)\b/.test(text)) return 'pipeline';
  if (SUMMARY_WORDS.test(text) && strong.every((word) => word.entity === 'accounts')) {
    if (!/\b(accounts|customers|clients|distributors|dealers)\b/.test(text)) return 'accountSummary';
  }
  return undefined;
}

/** "which accounts have the most open deals": the records are the deals, ranked by account. */
const RANKED_GROUP =
  /(?:\b(?:which|what)\s+|^\s*(?:(?:show|list|give|find)\s+(?:me\s+)?(?:the\s+)?)?(?=(?:accounts?|customers?|clients?|compan(?:y|ies))\s+with\b))(?:accounts?|customers?|clients?|compan(?:y|ies)|reps?|owners?|sources?|channels?|territor(?:y|ies)|regions?)\s+(?:has|have|had|with|got|gets?|brings?|bring|generated?|generates)\s+(?:the\s+)?(?:most|fewest|least|highest|lowest|biggest|largest|more(?!\s+than))\b/;

/** "how many customers did Rob visit": what someone did to records is activities. */
const DID_ACTIVITY = /\b(?:did|has|have|had)\s+[a-z' ]{1,30}?\s+(?:visit|call|phone|meet|email|e-mail)\b/;

function entityOf(cursor: TextCursor): QueryEntity | undefined {
  if (DID_ACTIVITY.test(cursor.text)) return 'activities';
  const ranked = RANKED_GROUP.exec(cursor.text);
  if (ranked) {
    const after = cursor.text.slice(ranked.index + ranked[0].length);
    // "accounts with the highest revenue" is their own annual revenue, not the deals' revenue.
    const counted =
      firstMention(after, strongEntityWords) ??
      (/^\s*(?:annual\s+)?revenue\b/.test(after) ? undefined : firstMention(after, weakEntityWords));
    if (counted) return counted;
  }
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
  /** Conditions read before the analysis: a product, whose accounts, whose team. */
  narrowedBy: QueryFilter[] = [],
  /** The grouping a ranking phrase read ("which of our dealers have the biggest pipeline"). */
  ranked?: QueryGrouping,
): QueryPlan {
  const plan: AnalysisPlan = { kind: 'analysis', analysis };
  if (analysis === 'accountSummary') {
    const account = quoted ?? takeAccountName(cursor);
    if (account) plan.account = account;
    return plan;
  }
  if (analysis === 'pipeline') {
    const territory = takeTerritoryName(cursor, territoryNames(context));
    if (territory) plan.territory = territory;
  }
  const people = takePeople(cursor, context.people);
  const named = [...(people.me ? ['me'] : []), ...people.names];
  if (analysis === 'pipeline' && named.length > 1) {
    // "Ana vs Ben pipeline": each one's open deals, side by side, not the first one's alone.
    return {
      kind: 'records',
      entity: 'opportunities',
      filters: [
        { field: 'owner', op: 'in', value: named },
        { field: 'status', op: 'eq', value: 'open' },
      ],
      ...(period ? { timeRange: timeRangeOf(period, 'closeDate') } : {}),
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
      limit: DEFAULT_LIMIT,
    };
  }
  const owner = people.me ? 'me' : people.names[0];
  if (owner) plan.owner = owner;
  // A team is the analysis' own narrowing; the other conditions make the open deals a records question.
  const team = narrowedBy.find((filter) => filter.field === 'team' && filter.op === 'eq');
  if (typeof team?.value === 'string') plan.team = team.value;
  const grouping = groupingPattern.exec(cursor.text);
  const analysed = analysis === 'pipeline' ? 'opportunities' : 'activities';
  const groupWord = grouping
    ? groupingOf(grouping[1] ?? '', analysed)
    : (ranked ?? rankingGroup(cursor.text, analysed));
  // "top 3 reps by pipeline": a ranking of that many groups, which only a records plan can make.
  const top = analysis === 'pipeline' && groupWord ? takeTopGroups(cursor) : undefined;
  if (top && groupWord === 'owner') takeRankedPeople(cursor);
  if (analysis === 'pipeline') {
    // Conditions the pipeline analysis does not take: "the distributor pipeline", "the pipeline at risk",
    // "the pipeline for snow blowers", "the Globex pipeline", "the pipeline on my accounts" are those
    // open deals added up.
    const narrowing = [
      ...narrowedBy.filter((filter) => filter !== team),
      ...accountTypeFilters(cursor, 'opportunities'),
      ...riskFilters(cursor),
    ];
    const account = grouping ? undefined : (quoted ?? takeAccountName(cursor));
    if (account) narrowing.push({ field: 'account', op: 'eq', value: account });
    // "which account has the biggest pipeline", "pipeline by state": groups the analysis does not offer.
    const analysable = groupWord === undefined || PIPELINE_GROUPS.includes(groupWord);
    if (narrowing.length > 0 || !analysable || top) {
      const groupBy = groupWord && groupingsOf.opportunities.includes(groupWord) ? groupWord : undefined;
      if (grouping && groupBy) cursor.consume(grouping.index, grouping.index + grouping[0].length);
      // "which product has the biggest pipeline": the ranking read the group's word.
      else if (groupBy) cursor.take(/\bwhich\s+(?:product lines?|products?|competitors?)\b/);
      return {
        kind: 'records',
        entity: 'opportunities',
        filters: [
          ...(owner ? [{ field: 'owner' as const, op: 'eq' as const, value: owner }] : []),
          ...(team ? [team] : []),
          ...narrowing,
          { field: 'status', op: 'eq', value: 'open' },
        ],
        ...(period ? { timeRange: timeRangeOf(period, 'closeDate') } : {}),
        aggregation: {
          fn: 'sum',
          field: 'amount',
          ...(groupBy ? { groupBy } : {}),
          ...(groupBy && top ? { top } : {}),
        },
        limit: DEFAULT_LIMIT,
      };
    }
    const groupBy = groupWord === 'owner' || groupWord === 'territory' || groupWord === 'month' ? groupWord : 'stage';
    plan.groupBy = /\bforecast\b/.test(cursor.text) && !groupWord ? 'month' : groupBy;
    if (period) plan.timeRange = timeRangeOf(period, 'closeDate');
  } else {
    plan.groupBy = groupWord === 'owner' ? 'owner' : 'type';
    const type = enumWords.activities.find((word) => word.field === 'type' && word.pattern.test(cursor.text));
    if (type && !/\bactivit/.test(cursor.text.replace(type.pattern, ''))) {
      plan.activityType = type.value as NonNullable<AnalysisPlan['activityType']>;
    }
    if (period) plan.timeRange = timeRangeOf(period, 'at', true);
  }
  return plan;
}

/** The groupings of the pipeline analysis itself. */
const PIPELINE_GROUPS: readonly QueryGrouping[] = ['stage', 'owner', 'territory', 'month'];

/**
 * "won vs lost deals", "compare open and completed tasks", "calls vs visits": the values side by side,
 * counted; the field they are of, when the records can be grouped by it.
 */
function comparedField(cursor: TextCursor, entity: QueryEntity, filters: QueryFilter[]): QueryGrouping | undefined {
  if (!/\b(?:vs\.?|versus|compare[ds]?|comparison|against)\b/.test(cursor.original.toLowerCase())) return undefined;
  const compared = filters.find(
    (filter) =>
      filter.op === 'in' &&
      ['status', 'stage', 'type', 'source', 'priority', 'role'].includes(filter.field) &&
      (groupingsOf[entity] as readonly string[]).includes(filter.field),
  );
  return compared?.field as QueryGrouping | undefined;
}

/**
 * A duration is measured on the records that have one: the sales cycle of won deals (unless the question
 * says which), the time to convert of converted leads.
 */
const AVERAGE_DEAL_SIZE = /\b(?:average|avg|mean|median|typical)\s+(?:deal|order|sale)\s+size\b/;

function durationDefaults(aggregation: RecordsPlan['aggregation'], filters: QueryFilter[]): QueryFilter[] {
  const chose = (...fields: string[]) => filters.some((filter) => fields.includes(filter.field));
  if (aggregation?.field === 'cycleDays' && !chose('status', 'stage'))
    return [{ field: 'status', op: 'eq', value: 'won' }];
  if (aggregation?.field === 'daysToConvert' && !chose('status'))
    return [{ field: 'status', op: 'eq', value: 'converted' }];
  return [];
}

/**
 * "leads in negotiation", "leads by stage": what is in a stage is the funnel as it stands, so only open
 * leads count unless the question names a status (a converted or disqualified lead keeps the stage it
 * left at). The dashboard's leads by stage are the open ones too. A share names its own outcome.
 */
function funnelDefaults(
  entity: QueryEntity,
  filters: QueryFilter[],
  aggregation: RecordsPlan['aggregation'],
  share: ShareIntent | undefined,
): QueryFilter[] {
  if (entity !== 'leads' || share || filters.some((filter) => filter.field === 'status')) return [];
  const byStage = aggregation?.groupBy === 'stage' || filters.some((filter) => filter.field === 'stage');
  return byStage ? [{ field: 'status', op: 'eq', value: 'open' }] : [];
}

function planRecords(
  entity: QueryEntity,
  cursor: TextCursor,
  context: PlanningContext,
  period: Period | undefined,
  quoted: string | undefined,
  share: ShareIntent | undefined,
  ranked?: QueryGrouping,
): RecordsPlan {
  const filters: QueryFilter[] = [];
  // Intent words are read before other passes consume the words around them.
  const aggregation = aggregationOf(cursor, entity, ranked);
  const sortAndLimit = sortOf(cursor, entity);
  filters.push(...dealCountComparisons(cursor, entity));
  filters.push(...takeComparisons(cursor, entity));
  const temperature = scoreWords(cursor, entity);
  filters.push(...temperature);
  // "tasks I assigned to Rob": I created them, Rob has them.
  const delegated =
    entity === 'tasks' &&
    cursor.take(/\b(?:i|we)\s+(?:have\s+|'ve\s+)?(?:assigned|gave|given|delegated|handed(?: over)?)(?:\s+to)?\b/) !==
      null;
  const creator = !delegated && entity === 'tasks' && asksForCreator(cursor.text, context.people);
  const people = takePeople(cursor, context.people);
  filters.push(...personFilters(entity, people, creator));
  if (delegated) filters.push({ field: 'creator', op: 'eq', value: 'me' });
  filters.push(...parentFilters(cursor, entity));
  filters.push(...textFilters(cursor, entity));
  filters.push(...dealCountFilters(cursor, entity));
  filters.push(...missingFilters(cursor, entity));
  const territory = takeTerritoryName(cursor, territoryNames(context));
  if (territory) filters.push({ field: 'territory', op: 'eq', value: territory });
  filters.push(...placeFilters(cursor, entity));
  filters.push(...accountTypeFilters(cursor, entity));
  filters.push(...bantFilters(cursor, entity, filters));
  // "did Sam visit Bayou City": read before the enum pass takes "visit" as the type.
  const visited = entity === 'activities' && !quoted ? takeVisitedAccount(cursor) : undefined;
  // Enum words go before names, so "leads from the website" is a source and not a company.
  filters.push(...enumFilters(cursor, entity));
  const named = quoted ?? visited ?? takeAccountName(cursor);
  if (named) filters.push(nameFilter(entity, named));
  // "the last visit to Acme", "latest activity with Globex": the most recent done, not one still planned.
  if (
    entity === 'activities' &&
    sortAndLimit.sort?.field === 'at' &&
    /\b(?:last|latest|most recent|previous)\b/.test(cursor.original.toLowerCase()) &&
    !filters.some((filter) => filter.field === 'status')
  ) {
    filters.push({ field: 'status', op: 'eq', value: 'completed' });
  }
  // "my next visit": one still to happen, not one done earlier today.
  if (
    entity === 'activities' &&
    sortAndLimit.sort?.direction === 'asc' &&
    /\bnext\b/.test(cursor.original.toLowerCase()) &&
    !filters.some((filter) => filter.field === 'status')
  ) {
    filters.push({ field: 'status', op: 'eq', value: 'planned' });
  }
  // Hot, warm and cold describe leads still being worked: a converted or disqualified one is neither.
  if (temperature.length > 0 && !share && !filters.some((filter) => filter.field === 'status')) {
    filters.push({ field: 'status', op: 'eq', value: 'open' });
  }
  filters.push(...funnelDefaults(entity, filters, aggregation, share));
  filters.push(...durationDefaults(aggregation, filters));
  // The average (or median) deal size is of deals won (as on the dashboard and in the win-loss report),
  // unless the question names the deals: "average deal size of my open opps".
  if (
    entity === 'opportunities' &&
    AVERAGE_DEAL_SIZE.test(cursor.original.toLowerCase()) &&
    !filters.some((filter) => filter.field === 'status' || filter.field === 'stage')
  ) {
    filters.push({ field: 'status', op: 'eq', value: 'won' });
  }
  // A share's own conditions leave the filters before the period is placed: "what percentage of leads
  // converted this year" measures the leads that came in this year, not those converted in it.
  const shareStart = share ? startShare(share, filters, entity) : [];
  const timeRange = periodFor(entity, cursor, filters, period, context, {
    share: Boolean(share),
    anyStatus: aggregation?.groupBy === 'status',
  });
  const shareOf = share ? finishShare(share, shareStart, filters, entity) : [];

  const plan: RecordsPlan = { kind: 'records', entity, filters, limit: sortAndLimit.limit ?? DEFAULT_LIMIT };
  if (timeRange) plan.timeRange = timeRange;
  if (shareOf.length > 0) {
    plan.aggregation = { fn: 'rate', of: shareOf, ...(aggregation?.groupBy ? { groupBy: aggregation.groupBy } : {}) };
  } else if (aggregation) plan.aggregation = aggregation;
  // "how many deals did we win vs lose", "calls vs visits": each value counted, not all of them together.
  const versusValues = plan.aggregation?.groupBy ? undefined : comparedField(cursor, entity, filters);
  if (versusValues && plan.aggregation?.fn !== 'rate') {
    plan.aggregation = plan.aggregation
      ? { ...plan.aggregation, groupBy: versusValues }
      : { fn: 'count', groupBy: versusValues };
  }
  // "win rate for Rob vs Rita": two people compared are each one's figure, side by side.
  const compared = plan.filters.find(
    (filter) => (filter.field === 'owner' || filter.field === 'assignee') && filter.op === 'in',
  );
  if (compared && VERSUS.test(cursor.original.toLowerCase()) && !plan.aggregation?.groupBy) {
    const groupBy = compared.field === 'assignee' ? 'assignee' : 'owner';
    plan.aggregation = plan.aggregation ? { ...plan.aggregation, groupBy } : { fn: 'count', groupBy };
  }
  // "top 5 deals", "the biggest deals": what a sales team ranks is the open pipeline; a lost deal is in
  // such a list only when asked for ("biggest deals we lost"), and so is a won one.
  if (
    entity === 'opportunities' &&
    !plan.aggregation &&
    sortAndLimit.sort?.field === 'amount' &&
    sortAndLimit.sort.direction === 'desc' &&
    !/\b(?:sorted|ordered|sort|order|ranked|rank)\s+by\b/.test(cursor.original.toLowerCase()) &&
    !filters.some((filter) => filter.field === 'status' || filter.field === 'stage')
  ) {
    filters.push({ field: 'status', op: 'eq', value: 'open' });
  }
  // "the best win rate" ranks the groups by their rate; it says nothing about the order of the rows.
  if (sortAndLimit.sort && plan.aggregation?.fn !== 'rate') plan.sort = sortAndLimit.sort;
  // "list new leads" (no period): the newest first.
  if (
    !plan.sort &&
    !plan.timeRange &&
    !plan.aggregation &&
    /\bnew\b/.test(cursor.original.toLowerCase()) &&
    ['opportunities', 'leads', 'accounts', 'contacts', 'notes'].includes(entity)
  ) {
    plan.sort = { field: 'createdAt', direction: 'desc' };
  }
  return plan;
}

/**
 * Stages are listed in pipeline order, unless the question ranks them ("which stage has the most deals"):
 * a sort says so (query-execution.ts keeps the groups in the order of their figure then).
 */
function keepRankingOrder(plan: RecordsPlan): void {
  if (plan.aggregation?.groupBy !== 'stage' || plan.sort) return;
  plan.sort = { field: plan.entity === 'opportunities' ? 'amount' : 'createdAt', direction: 'desc' };
}
