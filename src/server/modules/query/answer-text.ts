import type { AccountSummary } from '../../../shared/contracts/accounts.js';
import {
  type AnalysisPlan,
  AT_RISK_IDLE_DAYS,
  multiValuedGroupings,
  type QueryData,
  type QueryEntity,
  type QueryGroup,
  type QueryPlan,
  type RecordsPlan,
} from '../../../shared/contracts/query.js';
import { markdownAsText } from '../../../shared/markdown-text.js';
import { formatMoney } from '../../../shared/money.js';
import {
  describeFilter,
  entityNouns,
  measureWord,
  wordsOfField,
  wordsOfGrouping,
  wordsOfValue,
} from './plan-description.js';
import type { Execution } from './query-execution.js';
import { readableDay } from './readable-dates.js';

/*
 * The answer sentence: the figures and the names first ("3 opportunities close this month, worth
 * $412,000 (weighted $205,500): …"), so the sentence alone answers the question.
 */

const NAMES_IN_SENTENCE = 5;

const formatNumber = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

function noun(entity: QueryEntity, count: number): string {
  return count === 1 ? entityNouns[entity].one : entityNouns[entity].many;
}

/** "visits" rather than "activities" when the question is about one kind of activity. */
function nounOf(plan: RecordsPlan, count: number): string {
  const type = plan.filters.find((filter) => filter.field === 'type' && filter.op === 'eq');
  if (plan.entity === 'activities' && typeof type?.value === 'string') return plural(type.value, count);
  return noun(plan.entity, count);
}

const plural = (word: string, count: number) => (count === 1 ? word : `${word}s`);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** How a row is named in a sentence, with the detail that matters most for its kind. */
function rowPhrase(
  entity: QueryEntity,
  row: Record<string, unknown>,
  currency: string | null,
  detailed = false,
): string {
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : undefined);
  const details: string[] = [];
  switch (entity) {
    case 'opportunities':
      if (typeof row.amount === 'number') details.push(formatMoney(row.amount, text('currency') ?? currency ?? 'USD'));
      if (text('accountName')) details.push(text('accountName') as string);
      if (text('closeDate')) details.push(`closes ${readableDay(text('closeDate') as string)}`);
      // "deals lost last quarter and why": a lost deal is named with its reason.
      if (text('stage') === 'closed_lost' && text('lossReason')) details.push(`lost: ${text('lossReason')}`);
      return `${text('name')} (${details.join(', ')})`;
    case 'leads':
      if (text('company')) details.push(text('company') as string);
      details.push(`score ${String(row.score)}`);
      return `${text('name')} (${details.join(', ')})`;
    case 'accounts':
      details.push(text('type') ?? '');
      if (text('city')) details.push(text('city') as string);
      if (text('ownerName')) details.push(`owned by ${text('ownerName')}`);
      return `${text('name')} (${details.filter(Boolean).join(', ')})`;
    case 'contacts':
      if (text('title')) details.push(text('title') as string);
      if (text('accountName')) details.push(text('accountName') as string);
      // A person looked up ("who is…", "…'s phone") is answered with how to reach them.
      if (detailed && text('email')) details.push(text('email') as string);
      if (detailed && (text('phone') ?? text('mobile'))) details.push(`phone ${text('phone') ?? text('mobile')}`);
      if (detailed && text('phone') && text('mobile')) details.push(`mobile ${text('mobile')}`);
      return details.length > 0 ? `${text('name')} (${details.join(', ')})` : (text('name') ?? '');
    case 'activities':
      details.push(text('type') ?? '');
      if (text('at')) details.push(readableDay(text('at') as string));
      if (text('ownerName')) details.push(text('ownerName') as string);
      return `${text('subject')} (${details.filter(Boolean).join(', ')})`;
    case 'tasks':
      if (text('dueAt')) details.push(`due ${readableDay(text('dueAt') as string)}`);
      if (text('assigneeName')) details.push(text('assigneeName') as string);
      if (text('accountName')) details.push(text('accountName') as string);
      return details.length > 0 ? `${text('title')} (${details.join(', ')})` : (text('title') ?? '');
    case 'notes': {
      // The sentence is plain text: the note's Markdown as the words it formats.
      const body = markdownAsText(text('body') ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      if (text('accountName')) details.push(text('accountName') as string);
      const written = row.createdAt instanceof Date ? row.createdAt.toISOString() : text('createdAt');
      if (written) details.push(readableDay(written));
      if (text('ownerName')) details.push(text('ownerName') as string);
      return `“${body.length > 60 ? `${body.slice(0, 57)}…` : body}” (${details.join(', ')})`;
    }
    case 'quotes':
      if (typeof row.amount === 'number') details.push(formatMoney(row.amount, text('currency') ?? currency ?? 'USD'));
      details.push(text('status') ?? '');
      if (text('accountName')) details.push(text('accountName') as string);
      if (text('validUntil') && ['sent', 'expired'].includes(text('status') ?? '')) {
        details.push(
          `${text('status') === 'expired' ? 'lapsed' : 'valid until'} ${readableDay(text('validUntil') as string)}`,
        );
      }
      return `${text('number')} ${text('title')} (${details.filter(Boolean).join(', ')})`;
    default:
      return String(row.id);
  }
}

function listOfRows(entity: QueryEntity, data: QueryData): string {
  // A few records are named with their details; a longer list keeps to the essentials.
  const detailed = data.total <= 3;
  const shown = data.rows.slice(0, NAMES_IN_SENTENCE).map((row) => rowPhrase(entity, row, data.currency, detailed));
  const more = data.total - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** The deals at risk: said with every answer about them, so the figure can be read for what it is. */
const AT_RISK_MEANING = `At risk means open and past the close date, or without any activity in the last ${AT_RISK_IDLE_DAYS} days (a deal created since is not idle yet).`;

const riskAsked = (plan: RecordsPlan) => plan.filters.find((filter) => filter.field === 'atRisk');

/** "close this month", "match": what the records have in common, as a verb phrase. */
function predicate(plan: RecordsPlan, count: number): string {
  const label = plan.timeRange?.label;
  const risk = riskAsked(plan);
  if (risk && !label) return `${count === 1 ? 'is' : 'are'}${risk.value === false ? ' not' : ''} at risk`;
  // "snow blower deals": said with the product, so "none" reads as no deal naming it, not as a misreading.
  const product = plan.filters.find((filter) => filter.field === 'productInterest' && filter.op === 'contains');
  if (product && !label) {
    return `${count === 1 ? 'names' : 'name'} “${String(product.value)}” among ${count === 1 ? 'its' : 'their'} products`;
  }
  if (plan.entity === 'opportunities' && label && (plan.timeRange?.field ?? 'closeDate') === 'closeDate') {
    return `${count === 1 ? 'closes' : 'close'} ${label}`;
  }
  if (plan.entity === 'tasks' && label && (plan.timeRange?.field ?? 'dueAt') === 'dueAt') {
    return `${count === 1 ? 'is' : 'are'} due ${label}`;
  }
  if (label) return `${count === 1 ? 'matches' : 'match'} (${label})`;
  return count === 1 ? 'matches' : 'match';
}

function dealWorth(data: QueryData): string {
  if (data.amount === null || !data.currency || data.total === 0) return '';
  const weighted = data.weightedAmount === null ? '' : ` (weighted ${formatMoney(data.weightedAmount, data.currency)})`;
  return `, worth ${formatMoney(data.amount, data.currency)}${weighted}${otherCurrenciesNote(data)}`;
}

/** Money is never summed across currencies: say how many deals (or quotes) the amounts leave out. */
function otherCurrenciesNote(data: QueryData): string {
  const others = data.otherCurrencies ?? 0;
  if (others === 0 || !data.currency) return '';
  const what = data.entity === 'quotes' ? 'quote' : 'deal';
  return ` in ${data.currency}, not counting ${others} ${others === 1 ? what : `${what}s`} in other currencies`;
}

/** A group's money leaves out its deals in other currencies: said beside its count. */
function groupOthersNote(group: QueryGroup): string {
  const others = group.otherCurrencies ?? 0;
  return others === 0 ? '' : `, not counting ${others} in other currencies`;
}

/** Whether the measure is deal or quote money, summed or averaged in the answer currency only. */
const measuresDealMoney = (plan: RecordsPlan) =>
  (plan.entity === 'opportunities' || plan.entity === 'quotes') &&
  ['amount', 'weightedAmount'].includes(plan.aggregation?.field ?? '');

function measureText(plan: RecordsPlan, value: number | null, currency: string | null): string {
  if (value === null) return 'nothing to measure';
  const field = plan.aggregation?.field;
  const isMoney =
    currency !== null &&
    field !== undefined &&
    ['amount', 'weightedAmount', 'annualRevenue', 'budgetAmount'].includes(field);
  if (field === 'cycleDays' || field === 'daysToConvert') return `${formatNumber(value)} days`;
  return isMoney ? formatMoney(value, currency) : formatNumber(value);
}

/** The rates sales teams name; any other share is named by its conditions. */
function rateName(plan: RecordsPlan): string {
  const of = plan.aggregation?.of ?? [];
  const status = of.length === 1 && of[0]?.field === 'status' && of[0].op === 'eq' ? of[0].value : undefined;
  if (plan.entity === 'opportunities' && status === 'won') return 'Win rate';
  if (plan.entity === 'opportunities' && status === 'lost') return 'Loss rate';
  if (plan.entity === 'leads' && status === 'converted') return 'Conversion rate';
  if (plan.entity === 'leads' && status === 'disqualified') return 'Disqualification rate';
  if (plan.entity === 'tasks' && of.length === 1 && of[0]?.field === 'overdue') return 'Overdue share';
  if (plan.entity === 'opportunities' && of.length === 1 && of[0]?.field === 'atRisk') return 'Share at risk';
  return `Share with ${of.map(describeFilter).join(', ')}`;
}

const groupingWords = (plan: RecordsPlan) =>
  plan.aggregation?.groupBy ? wordsOfGrouping(plan.aggregation.groupBy) : 'group';

/** Groups by a list a record holds overlap: said, so nobody adds them up to the total. */
function eachGroupNote(plan: RecordsPlan): string {
  const groupBy = plan.aggregation?.groupBy;
  if (!groupBy || !multiValuedGroupings.includes(groupBy)) return '';
  return ` A deal naming several ${groupBy === 'product' ? 'products' : 'competitors'} counts in each of their groups.`;
}

const percent = (share: number) => `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;

/** "40% (2 of 5)": the share, then the counts it comes from (the rate is exactly part / whole). */
function shareOf(share: number | null, whole: number): string {
  if (share === null || whole === 0) return 'none to measure';
  return `${percent(share)} (${Math.round(share * whole)} of ${whole})`;
}

function rateSentence(plan: RecordsPlan, data: QueryData): string {
  const name = rateName(plan);
  const label = plan.timeRange?.label ? `, ${plan.timeRange.label}` : '';
  if (data.groups) {
    const groups = data.groups
      .slice(0, 8)
      .map((group) => `${group.label} ${shareOf(group.value, group.count)}`)
      .join(', ');
    return `${name} by ${groupingWords(plan)}${label}: ${groups || 'none'}.${eachGroupNote(plan)}`;
  }
  const noun = entityNouns[plan.entity].many;
  if (data.total === 0 || data.value === null) return `${name}: no ${noun} to measure${label}.`;
  return `${name}: ${percent(data.value)} (${Math.round(data.value * data.total)} of ${data.total} ${noun}${label}).`;
}

function recordsSentence(plan: RecordsPlan, data: QueryData): string {
  const entity = plan.entity;
  const count = data.total;
  const aggregation = plan.aggregation;
  if (aggregation?.fn === 'rate') return rateSentence(plan, data);
  if (data.groups) {
    const groups = data.groups
      .slice(0, Math.max(8, aggregation?.top ?? 0))
      .map((group) => {
        const figure =
          aggregation?.fn === 'count' || group.value === null
            ? String(group.count)
            : `${measureText(plan, group.value, data.currency)} (${group.count}${groupOthersNote(group)})`;
        return `${group.label} ${figure}`;
      })
      .join(', ');
    const measure =
      aggregation?.fn === 'count'
        ? 'Number of'
        : `${capitalised(measureWord(aggregation?.fn))} ${wordsOfField(aggregation?.field ?? 'amount')} of`;
    const top = aggregation?.top ? `, the top ${aggregation.top}` : '';
    return `${measure} ${entityNouns[entity].many} by ${groupingWords(plan)}${top}: ${groups || 'none'}.${eachGroupNote(plan)}`;
  }
  const measured = aggregation?.fn === 'sum' || aggregation?.fn === 'avg' || aggregation?.fn === 'median';
  if (aggregation && measured && count === 0) {
    const none = `No ${entityNouns[entity].many} ${predicate(plan, 2)}`;
    // A sum of nothing is 0, a figure like any other (and one a comparison can start from).
    if (aggregation.fn === 'sum') {
      return `${none}, so the ${measureWord('sum')} ${wordsOfField(aggregation.field ?? 'amount')} is ${measureText(plan, 0, data.currency)}.`;
    }
    return `${none}, so nothing to ${aggregation.fn === 'avg' ? 'average' : 'take the median of'}.`;
  }
  if (aggregation && measured) {
    const what = `The ${measureWord(aggregation.fn)} ${wordsOfField(aggregation.field ?? 'amount')}`;
    // Deal money is measured in the answer currency only: the count said is the count measured.
    const dealMoney = measuresDealMoney(plan) && data.currency !== null;
    const measuredCount = dealMoney ? count - (data.otherCurrencies ?? 0) : count;
    const money = dealMoney ? otherCurrenciesNote(data) : '';
    return `${what} is ${measureText(plan, data.value, data.currency)} across ${measuredCount} ${noun(entity, measuredCount)}${money}.`;
  }
  if (count === 0) return `No ${entityNouns[entity].many} ${predicate(plan, 2)}.`;
  // "top 5 deals": the ranking is the answer, the total only context.
  if (plan.sort && !aggregation && plan.limit < count && plan.limit < NAMES_IN_SENTENCE * 4) {
    const top = data.rows.map((row) => rowPhrase(entity, row, data.currency)).join('; ');
    return `Top ${plan.limit} of ${count} ${noun(entity, count)} by ${wordsOfField(plan.sort.field)}: ${top}.`;
  }
  const head = `${count} ${nounOf(plan, count)} ${predicate(plan, count)}${dealWorth(data)}`;
  if (aggregation?.fn === 'count' && count > NAMES_IN_SENTENCE) return `${head}.`;
  return `${head}: ${listOfRows(entity, data)}.`;
}

function pipelineSentence(data: QueryData): string {
  const currency = data.currency ?? 'USD';
  const groups = (data.groups ?? [])
    .map(
      (group) =>
        `${capitalised(group.label)} ${group.count} (${formatMoney(group.amount ?? 0, currency)}${groupOthersNote(group)})`,
    )
    .join(', ');
  return `The open pipeline has ${data.total} ${noun('opportunities', data.total)} worth ${formatMoney(data.amount ?? 0, currency)} (weighted ${formatMoney(data.weightedAmount ?? 0, currency)})${otherCurrenciesNote(data)}${groups ? `. ${groups}` : ''}.`;
}

function activitySentence(plan: AnalysisPlan, data: QueryData): string {
  // "28 Calls", but a person's name is never made plural: "Rita Patel 84".
  const byPerson = plan.groupBy === 'owner';
  const groups = (data.groups ?? [])
    .map((group) =>
      byPerson
        ? `${group.label} ${group.count}`
        : `${group.count} ${group.key === null ? group.label : plural(group.label, group.count)}`,
    )
    .join(', ');
  return `${data.total} ${noun('activities', data.total)}${groups ? `: ${groups}` : ''}.`;
}

/** "May–Jul 2027", "Oct 2026–Mar 2027", "Dec 2026": a period of whole months. */
function monthsLabel(from: string, to: string): string {
  const name = (month: string, withYear: boolean) =>
    new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', {
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  if (from === to) return name(from, true);
  return `${name(from, from.slice(0, 4) !== to.slice(0, 4))}–${name(to, true)}`;
}

type AttainmentFigures = {
  from: string;
  to: string;
  target: number;
  closedWon: number;
  weighted: number;
  bestCase: number;
  attainment: number | null;
  projected: number | null;
  gap: number;
  coverage: number | null;
};

/**
 * Targets against what was won: who, how much of how much, where the weighted pipeline would take it,
 * what is left and how much open business could still close it; with several people, who leads and who
 * trails.
 */
function attainmentSentence(plan: AnalysisPlan, data: QueryData): string {
  const figures = data.summary as unknown as AttainmentFigures;
  const currency = data.currency ?? 'USD';
  const money = (value: number) => formatMoney(value, currency);
  const period = plan.timeRange?.label ?? (plan.timeRange ? monthsLabel(figures.from, figures.to) : 'this quarter');
  const rows = data.rows as { name: string; attainment: number | null }[];
  const who =
    plan.owner === 'me'
      ? 'You'
      : plan.owner
        ? (rows[0]?.name ?? plan.owner)
        : plan.team === 'me'
          ? 'Your team'
          : plan.team
            ? `${plan.team}'s team`
            : rows.length === 1
              ? (rows[0]?.name ?? 'You')
              : 'Your people';
  if (rows.length === 0)
    return `No sales targets you can see are set for ${period}, and nothing was won or is closing then.`;
  if (figures.target === 0) {
    return `No sales target is set for ${period}. ${who} won ${money(figures.closedWon)}, with ${money(figures.bestCase)} of open deals closing then.`;
  }
  const reached = `${who} won ${money(figures.closedWon)} of the ${money(figures.target)} target for ${period} (${percent(figures.attainment ?? 0)})`;
  const heading = `; with the weighted pipeline (${money(figures.weighted)}) that would be ${percent(figures.projected ?? 0)}`;
  const left =
    figures.gap > 0
      ? ` ${money(figures.gap)} is still to win, and ${money(figures.bestCase)} of open deals close in the period (${formatNumber(figures.coverage ?? 0)}× the gap).`
      : ' The target is met.';
  const targeted = rows.filter((row) => row.attainment !== null);
  const ranks =
    targeted.length > 1
      ? ` Furthest ahead: ${targeted[0]?.name} (${percent(targeted[0]?.attainment ?? 0)}); furthest behind: ${targeted.at(-1)?.name} (${percent(targeted.at(-1)?.attainment ?? 0)}).`
      : '';
  return `${reached}${heading}.${left}${ranks}`;
}

function accountSentence(name: string, summary: AccountSummary): string {
  const deals = summary.opportunities;
  const money = deals.byCurrency
    .map(
      (entry) =>
        `${formatMoney(entry.openAmount, entry.currency)} open (weighted ${formatMoney(entry.weightedAmount, entry.currency)}), ${formatMoney(entry.wonAmount, entry.currency)} won`,
    )
    .join('; ');
  return [
    `${name}: ${deals.open} open, ${deals.won} won and ${deals.lost} lost ${noun('opportunities', deals.open + deals.won + deals.lost)}${money ? ` (${money})` : ''}`,
    `${summary.contacts} ${noun('contacts', summary.contacts)} (${summary.decisionMakers} decision ${summary.decisionMakers === 1 ? 'maker' : 'makers'})`,
    `${summary.activities.total} ${noun('activities', summary.activities.total)}, ${summary.activities.last30Days} in the last 30 days and ${summary.activities.planned} planned`,
    `${summary.tasks.open} open ${noun('tasks', summary.tasks.open)} (${summary.tasks.overdue} overdue)`,
  ]
    .join('; ')
    .concat('.');
}

function candidatesSentence(execution: Extract<Execution, { kind: 'candidates' }>): string {
  const what = execution.of === 'users' ? 'person' : 'account';
  if (execution.data.rows.length === 0) {
    return execution.of === 'users'
      ? `I don't know anyone called "${execution.name}".`
      : `I found no account you can see that matches "${execution.name}".`;
  }
  const names = execution.data.rows.map((row) => String(row.name)).join(', ');
  // One person found only by a guessed form of the name ("Robert" for Rob Miller): asked, not assumed.
  if (execution.of === 'users' && execution.data.rows.length === 1) {
    return `I don't know anyone called "${execution.name}". Did you mean ${names}?`;
  }
  return `"${execution.name}" could be more than one ${what}: ${names}. Which one do you mean?`;
}

/** How a figure changed from the other period's, "(+27%)"; nothing when there is no base to compare with. */
function change(now: number | null, then: number | null): string {
  if (now === null || then === null || then === 0) return '';
  const percentage = (((now - then) / then) * 100).toLocaleString('en-US', { maximumFractionDigits: 0 });
  return ` (${now >= then ? '+' : ''}${percentage}%)`;
}

/** The other period of "this month vs last month": its figure, and how the first one changed from it. */
function comparisonSentence(plan: RecordsPlan, data: QueryData): string {
  const other = data.comparison;
  if (!other) return '';
  const label = other.label ?? 'the other period';
  const fn = plan.aggregation?.fn;
  const measured = fn === 'sum' || fn === 'avg' || fn === 'median' || fn === 'rate';
  const now = measured ? data.value : data.total;
  const then = measured ? other.value : other.total;
  if (fn === 'rate')
    return ` Compared with ${label}: ${other.value === null ? 'none to measure' : percent(other.value)}.`;
  if (measured) return ` Compared with ${label}: ${measureText(plan, other.value, data.currency)}${change(now, then)}.`;
  // Each figure with its own change: the count's beside the count, the money's beside the money.
  const worth =
    other.amount !== null && data.currency && other.total > 0
      ? `, worth ${formatMoney(other.amount, data.currency)}${change(data.amount, other.amount)}`
      : '';
  return ` Compared with ${label}: ${other.total} ${nounOf(plan, other.total)}${change(now, then)}${worth}.`;
}

export function answerSentence(execution: Execution): string {
  if (execution.kind === 'candidates') return candidatesSentence(execution);
  const { plan, data } = execution;
  return sentenceFor(plan, data);
}

function sentenceFor(plan: QueryPlan, data: QueryData): string {
  if (plan.kind === 'records') {
    const conditions = [...plan.filters, ...(plan.aggregation?.of ?? [])];
    const risk = conditions.some((filter) => filter.field === 'atRisk') ? ` ${AT_RISK_MEANING}` : '';
    return recordsSentence(plan, data) + comparisonSentence(plan, data) + risk;
  }
  switch (plan.analysis) {
    case 'pipeline':
      return pipelineSentence(data);
    case 'activitySummary':
      return activitySentence(plan, data);
    case 'attainment':
      return attainmentSentence(plan, data);
    case 'accountSummary':
      return accountSentence(String(data.rows[0]?.name ?? plan.account), data.summary as unknown as AccountSummary);
    default:
      return wordsOfValue(plan.analysis);
  }
}
