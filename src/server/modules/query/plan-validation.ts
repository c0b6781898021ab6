import {
  defaultTimeField,
  groupingsOf,
  operatorsOf,
  type QueryFilter,
  type QueryPlan,
  type QueryTimeRange,
  queryFields,
  queryPlanSchema,
  type RecordsPlan,
} from '../../../shared/contracts/query.js';

/*
 * A plan from any engine is checked twice before it runs: its shape by the zod schema, then its
 * meaning against the allow-list (this field exists on this entity, takes this operator, this enum
 * value exists, a between has two bounds). A model's plan that fails either is never executed.
 */

export type PlanCheck = { ok: true; plan: QueryPlan } | { ok: false; problems: string[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validatePlan(candidate: unknown): PlanCheck {
  const parsed = queryPlanSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const plan = parsed.data;
  const problems = plan.kind === 'records' ? recordsProblems(plan) : analysisProblems(plan);
  return problems.length === 0 ? { ok: true, plan } : { ok: false, problems };
}

function analysisProblems(plan: Extract<QueryPlan, { kind: 'analysis' }>): string[] {
  const problems: string[] = [];
  if (plan.analysis === 'accountSummary' && !plan.account)
    problems.push('account: an account summary needs an account');
  if (plan.analysis === 'pipeline' && plan.groupBy === 'type')
    problems.push('groupBy: the pipeline groups by stage, owner, territory or month');
  if (plan.analysis === 'activitySummary' && plan.groupBy && !['type', 'owner'].includes(plan.groupBy)) {
    problems.push('groupBy: activities group by type or owner');
  }
  if (plan.analysis === 'attainment' && plan.groupBy) problems.push('groupBy: attainment is per person already');
  if (plan.analysis === 'attainment' && plan.territory) {
    problems.push('territory: attainment is of people (owner or team)');
  }
  if (plan.timeRange) {
    const kind = plan.analysis === 'activitySummary' ? 'instant' : 'date';
    problems.push(...rangeProblems(plan.timeRange, kind));
  }
  return problems;
}

function recordsProblems(plan: RecordsPlan): string[] {
  const fields = queryFields[plan.entity];
  const problems: string[] = [];
  plan.filters.forEach((filter, index) => {
    problems.push(...filterProblems(plan, filter).map((problem) => `filters.${index}: ${problem}`));
  });
  if (plan.timeRange) {
    const field = plan.timeRange.field ?? defaultTimeField[plan.entity];
    const kind = fields[field]?.kind;
    if (kind !== 'date' && kind !== 'instant')
      problems.push(`timeRange.field: ${field} is not a date of ${plan.entity}`);
    problems.push(...rangeProblems(plan.timeRange, kind));
  }
  if (plan.compareTo) {
    const field = plan.timeRange?.field ?? defaultTimeField[plan.entity];
    if (!plan.timeRange) problems.push('compareTo: needs a timeRange to compare with');
    else if ((plan.compareTo.field ?? defaultTimeField[plan.entity]) !== field)
      problems.push(`compareTo.field: must be the timeRange's field (${field})`);
    problems.push(...rangeProblems(plan.compareTo, fields[field]?.kind, 'compareTo'));
  }
  const aggregation = plan.aggregation;
  if (aggregation) {
    if (aggregation.fn === 'rate') {
      problems.push(...rateProblems(plan));
    } else if (aggregation.of) {
      problems.push(`aggregation.of: only a rate takes conditions of its own`);
    }
    if (aggregation.fn !== 'count' && aggregation.fn !== 'rate') {
      const kind = aggregation.field ? fields[aggregation.field]?.kind : undefined;
      if (kind !== 'number' && kind !== 'money') {
        problems.push(`aggregation.field: ${aggregation.fn} needs a number field of ${plan.entity}`);
      }
    }
    if (aggregation.top !== undefined && !aggregation.groupBy) problems.push('aggregation.top: needs a groupBy');
    if (aggregation.groupBy && !groupingsOf[plan.entity].includes(aggregation.groupBy)) {
      problems.push(`aggregation.groupBy: ${plan.entity} do not group by ${aggregation.groupBy}`);
    }
  }
  if (plan.sort) {
    const kind = fields[plan.sort.field]?.kind;
    // Booleans (overdue, at risk) are conditions, not an order.
    if (!kind || kind === 'person' || kind === 'account' || kind === 'boolean' || plan.sort.field === 'territory') {
      problems.push(`sort.field: ${plan.entity} do not sort by ${plan.sort.field}`);
    }
  }
  return problems;
}

/**
 * A rate needs the conditions whose share it measures; they are checked like filters, and may not name
 * people or accounts (those are resolved to ids in the plan's own filters only).
 */
function rateProblems(plan: RecordsPlan): string[] {
  const of = plan.aggregation?.of ?? [];
  if (of.length === 0) return ['aggregation.of: a rate needs the conditions whose share it measures'];
  if (plan.aggregation?.field) return ['aggregation.field: a rate measures records, not a field'];
  return of.flatMap((filter, index) => {
    const kind = queryFields[plan.entity][filter.field]?.kind;
    if (kind === 'person' || kind === 'account') {
      return [`aggregation.of.${index}: a rate cannot be of a ${kind}; filter by it instead`];
    }
    return filterProblems(plan, filter).map((problem) => `aggregation.of.${index}: ${problem}`);
  });
}

/**
 * Bounds in order; a rolling window (`lastDays`) only on a time of day (hours up to now mean nothing to a
 * close date) and never beside bounds of its own, which would leave two periods to choose from.
 */
function rangeProblems(range: QueryTimeRange, kind: string | undefined, path = 'timeRange'): string[] {
  if (range.lastDays !== undefined) {
    if (range.from || range.to) return [`${path}: lastDays replaces from and to`];
    return kind === 'instant' ? [] : [`${path}.lastDays: only a time field (not a date) takes a rolling window`];
  }
  return range.from && range.to && range.from > range.to ? [`${path}: from is after to`] : [];
}

function filterProblems(plan: RecordsPlan, filter: QueryFilter): string[] {
  const spec = queryFields[plan.entity][filter.field];
  if (!spec) return [`${plan.entity} have no field ${filter.field}`];
  if (!operatorsOf[spec.kind].includes(filter.op)) return [`${filter.field} does not take ${filter.op}`];
  if (filter.op === 'isNull' || filter.op === 'isNotNull') return [];
  const values = Array.isArray(filter.value) ? filter.value : filter.value === undefined ? [] : [filter.value];
  if (values.length === 0) return [`${filter.op} needs a value`];
  if (filter.op === 'between' && values.length !== 2) return ['between needs [low, high]'];
  if (filter.op === 'in' && !Array.isArray(filter.value)) return ['in needs a list'];
  if (!['in', 'between'].includes(filter.op) && Array.isArray(filter.value)) return [`${filter.op} needs one value`];
  switch (spec.kind) {
    case 'enum':
      return values.every((value) => spec.values?.includes(String(value)))
        ? []
        : [`${filter.field} is one of ${spec.values?.join(', ')}`];
    case 'number':
    case 'money':
      return values.every((value) => typeof value === 'number' && Number.isFinite(value))
        ? []
        : [`${filter.field} compares numbers`];
    case 'date':
      return values.every((value) => ISO_DATE.test(String(value))) ? [] : [`${filter.field} compares YYYY-MM-DD dates`];
    case 'instant':
      return values.every((value) => ISO_DATE.test(String(value)) || !Number.isNaN(Date.parse(String(value))))
        ? []
        : [`${filter.field} compares dates`];
    case 'boolean':
      return typeof filter.value === 'boolean' ? [] : [`${filter.field} is true or false`];
    case 'person':
    case 'account':
    case 'text':
      return values.every((value) => typeof value === 'string' && value.trim().length > 0)
        ? []
        : [`${filter.field} compares names`];
    default:
      return [];
  }
}

/** Whether a plan value is already an id (an API client or model may pass one). */
export const isId = (value: string) => UUID.test(value);
