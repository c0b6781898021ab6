import type { QueryPlan } from '../../../../shared/contracts/query.js';

/**
 * A plan as the corpus compares it: the period label is free text (left out), filters are a set
 * (sorted), and a records plan's defaults are filled in, so two plans that mean the same compare equal.
 */
export function comparablePlan(plan: QueryPlan): Record<string, unknown> {
  const { timeRange, ...rest } = plan;
  const range = timeRange
    ? { field: timeRange.field, from: timeRange.from, to: timeRange.to, lastDays: timeRange.lastDays }
    : undefined;
  if (plan.kind === 'analysis') return JSON.parse(JSON.stringify({ ...rest, timeRange: range }));
  const other = plan.compareTo;
  if (other) {
    (rest as Record<string, unknown>).compareTo = {
      field: other.field,
      from: other.from,
      to: other.to,
      lastDays: other.lastDays,
    };
  }
  const filters = [...plan.filters]
    .map((filter) => ({ field: filter.field, op: filter.op, value: filter.value }))
    .sort((a, b) => `${a.field}:${a.op}`.localeCompare(`${b.field}:${b.op}`));
  return JSON.parse(JSON.stringify({ ...rest, filters, timeRange: range, limit: plan.limit ?? 20 }));
}
