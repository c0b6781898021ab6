import {
  type AnalysisPlan,
  defaultTimeField,
  type QueryAggregation,
  type QueryEntity,
  type QueryField,
  type QueryFilter,
  type QueryGrouping,
  type QueryPlan,
  type QueryTimeRange,
  type RecordsPlan,
} from '../../../shared/contracts/query.js';
import { readableDay, readableInstant } from './readable-dates.js';

/*
 * The plan in words ("I understood: …"), so the asker can check what was answered. Written from the
 * plan alone, so both engines describe the same plan the same way.
 */

export const entityNouns: Record<QueryEntity, { one: string; many: string }> = {
  opportunities: { one: 'opportunity', many: 'opportunities' },
  leads: { one: 'lead', many: 'leads' },
  accounts: { one: 'account', many: 'accounts' },
  contacts: { one: 'contact', many: 'contacts' },
  activities: { one: 'activity', many: 'activities' },
  tasks: { one: 'task', many: 'tasks' },
  notes: { one: 'note', many: 'notes' },
  quotes: { one: 'quote', many: 'quotes' },
};

const fieldWords: Partial<Record<QueryField, string>> = {
  closeDate: 'close date',
  closedAt: 'closing time',
  createdAt: 'creation date',
  dueAt: 'due date',
  at: 'date',
  completedAt: 'completion date',
  weightedAmount: 'weighted amount',
  annualRevenue: 'annual revenue',
  durationMinutes: 'duration (minutes)',
  approvalStatus: 'approval',
  lossReason: 'loss reason',
  isPrimary: 'primary contact',
  cycleDays: 'sales cycle',
  daysSinceActivity: 'days since the last activity',
  daysSinceVisit: 'days since the last visit',
  visitDue: 'due for a visit',
  daysToConvert: 'time to convert',
  creator: 'creator',
  budgetAmount: 'budget',
  productInterest: 'product interest',
  openDeals: 'open deals',
  parent: 'parent account',
  accountType: 'account type',
  accountOwner: 'account owner',
  decisionDate: 'decision date',
  disqualifiedAt: 'disqualification date',
};

/** The BANT switches as conditions read: "budget confirmed", "no timeline set". */
const bantWords: Partial<Record<QueryField, [string, string]>> = {
  budget: ['budget confirmed', 'no budget confirmed'],
  authority: ['decision maker engaged', 'no decision maker engaged'],
  need: ['need confirmed', 'no need confirmed'],
  timeline: ['timeline set', 'no timeline set'],
};

export const wordsOfField = (field: QueryField) => fieldWords[field] ?? field;

/** A grouping as people say it: "loss reason", "account type", "product". */
export const wordsOfGrouping = (grouping: QueryGrouping) =>
  grouping === 'product' || grouping === 'month' ? grouping : wordsOfField(grouping);

/** What a sum, average or median is called in a sentence: "the total amount", "the median amount". */
export const measureWord = (fn: QueryAggregation['fn'] | undefined) =>
  fn === 'sum' ? 'total' : fn === 'median' ? 'median' : 'average';

/** Stored values as people say them: closed_won → closed won. */
export const wordsOfValue = (value: unknown) => String(value).replaceAll('_', ' ');

const moneyFields = new Set<QueryField>(['amount', 'weightedAmount', 'annualRevenue', 'budgetAmount']);

function valueWords(field: QueryField, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => valueWords(field, item)).join(' or ');
  if (typeof value === 'number' && moneyFields.has(field)) return value.toLocaleString('en-US');
  if (value === 'me') return 'me';
  return typeof value === 'string' &&
    (field === 'account' ||
      field === 'owner' ||
      field === 'assignee' ||
      field === 'creator' ||
      field === 'accountOwner')
    ? `"${value}"`
    : wordsOfValue(value);
}

export function describeFilter(filter: QueryFilter): string {
  const field = wordsOfField(filter.field);
  const value = valueWords(filter.field, filter.value);
  if (filter.field === 'overdue') return filter.value === false ? 'not overdue' : 'overdue';
  if (filter.field === 'atRisk') return filter.value === false ? 'open and not at risk' : 'at risk';
  if (filter.field === 'team' && filter.value !== undefined) {
    return `${filter.op === 'neq' ? 'not of' : 'of'} the team of ${valueWords('owner', filter.value)}`;
  }
  if (filter.field === 'daysSinceActivity' && filter.op === 'gt' && Number(filter.value) >= 99_999) {
    return 'never had an activity';
  }
  if (filter.field === 'daysSinceVisit' && filter.op === 'gt' && Number(filter.value) >= 99_999) {
    return 'never visited';
  }
  if (filter.field === 'visitDue') return filter.value === false ? 'not due for a visit' : 'due for a visit';
  if (filter.field === 'isPrimary') return filter.value === false ? 'not primary contacts' : 'primary contacts';
  const bant = bantWords[filter.field];
  if (bant) return filter.value === false ? bant[1] : bant[0];
  if (filter.field === 'status' && filter.op !== 'neq') return `${field} ${value}`;
  // "older than 60 days" compares a time with the exact instant: "created before 7 Oct 2026, 14:03 UTC".
  const instant = typeof filter.value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(filter.value);
  if (instant && (filter.op === 'lt' || filter.op === 'gt')) {
    return `${field} ${filter.op === 'lt' ? 'before' : 'after'} ${readableInstant(String(filter.value))}`;
  }
  switch (filter.op) {
    case 'eq':
      return `${field} is ${value}`;
    case 'neq':
      return `${field} is not ${value}`;
    case 'in':
      return `${field} is ${value}`;
    case 'gt':
      return `${field} over ${value}`;
    case 'gte':
      return `${field} at least ${value}`;
    case 'lt':
      return `${field} under ${value}`;
    case 'lte':
      return `${field} at most ${value}`;
    case 'between':
      return `${field} between ${Array.isArray(filter.value) ? filter.value.map((item) => valueWords(filter.field, item)).join(' and ') : value}`;
    case 'contains':
      return `${field} contains "${String(filter.value)}"`;
    case 'isNull':
      return `no ${field}`;
    case 'isNotNull':
      return `with a ${field}`;
    default:
      return field;
  }
}

export function describeTimeRange(range: QueryTimeRange, entity: QueryEntity | undefined): string {
  const field = wordsOfField(range.field ?? (entity ? defaultTimeField[entity] : 'closeDate'));
  const span = range.lastDays
    ? `in the ${range.lastDays} days up to now`
    : range.from && range.to
      ? range.from === range.to
        ? `on ${readableDay(range.from)}`
        : `from ${readableDay(range.from)} to ${readableDay(range.to)}`
      : range.from
        ? `from ${readableDay(range.from)} on`
        : range.to
          ? `up to ${readableDay(range.to)}`
          : 'any time';
  return `${field} ${span}${range.label ? ` (${range.label})` : ''}`;
}

function describeRecords(plan: RecordsPlan): string {
  const noun = entityNouns[plan.entity].many;
  const parts = [
    ...plan.filters.map(describeFilter),
    ...(plan.timeRange ? [describeTimeRange(plan.timeRange, plan.entity)] : []),
    ...(plan.compareTo ? [`compared with ${describeTimeRange(plan.compareTo, plan.entity)}`] : []),
  ];
  const where = parts.length > 0 ? ` where ${parts.join(', ')}` : '';
  const aggregation = plan.aggregation;
  let what: string;
  if (!aggregation) what = `list ${noun}`;
  else if (aggregation.fn === 'count') what = `count ${noun}`;
  else if (aggregation.fn === 'rate')
    what = `share with ${(aggregation.of ?? []).map(describeFilter).join(', ')} of ${noun}`;
  else what = `${measureWord(aggregation.fn)} ${wordsOfField(aggregation.field ?? 'amount')} of ${noun}`;
  const group = aggregation?.groupBy
    ? ` by ${wordsOfGrouping(aggregation.groupBy)}${aggregation.top ? `, the top ${aggregation.top}` : ''}`
    : '';
  const sort = plan.sort
    ? `, sorted by ${wordsOfField(plan.sort.field)} ${plan.sort.direction === 'desc' ? 'descending' : 'ascending'}`
    : '';
  const limit = !aggregation && plan.limit !== 20 ? `, at most ${plan.limit}` : '';
  return `${what}${group}${where}${sort}${limit}`;
}

function describeAnalysis(plan: AnalysisPlan): string {
  const owner = plan.owner
    ? ` of ${valueWords('owner', plan.owner)}`
    : plan.team
      ? ` of the team of ${valueWords('owner', plan.team)}`
      : '';
  const period = plan.timeRange
    ? `, ${describeTimeRange(plan.timeRange, plan.analysis === 'pipeline' ? 'opportunities' : 'activities')}`
    : '';
  switch (plan.analysis) {
    case 'accountSummary':
      return `summary of the account "${plan.account ?? ''}"`;
    case 'pipeline':
      return `open pipeline${owner}${plan.territory ? ` in the ${plan.territory} territory` : ''} by ${plan.groupBy ?? 'stage'}${period}`;
    case 'attainment':
      return `sales targets against what was won${owner}${period || ', this quarter'}`;
    case 'activitySummary':
      return `activity summary${owner}${plan.activityType ? ` (${plan.activityType}s)` : ''} by ${plan.groupBy ?? 'type'}${period}`;
    default:
      return plan.analysis;
  }
}

export function describePlan(plan: QueryPlan): string {
  return plan.kind === 'records' ? describeRecords(plan) : describeAnalysis(plan);
}
