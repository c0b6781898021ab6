import { z } from 'zod';
import { accountTypes } from './accounts.js';
import { activityTypes } from './activities.js';
import { anyOf, filters, idSchema, timeZoneSchema } from './common.js';
import { leadSources, leadStages } from './leads.js';
import { openStages } from './opportunities.js';
import { currencyParam } from './reports.js';

/*
 * The caller's sales desk in one call (API.md "Analytics and questions"): every figure is computed over
 * what the caller may see, narrowed further by `ownerId` and `territoryId`. Counts keyed by an enum list
 * every value of the enum, zeros included, so a chart never has to guess the missing ones.
 */

const count = z.number().int().min(0);
const money = z.number().meta({ description: 'In major units of the dashboard currency' });
const rate = z.number().min(0).max(1).nullable().meta({ description: '0..1; null when there is nothing to divide by' });

/** `{value: count}` for every value of an enum. */
function countsBy<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.object(
    Object.fromEntries(values.map((value) => [value, count])) as { [Key in Values[number]]: typeof count },
  );
}

export const dashboardQuerySchema = z.strictObject({
  ownerId: filters
    .person()
    .optional()
    .meta({ description: 'Only records owned by (tasks: assigned to) these users: ids, or me for the caller' }),
  territoryId: anyOf(idSchema)
    .optional()
    .meta({ description: "Only these territories; a deal's, activity's or task's territory is its account's" }),
  currency: currencyParam.meta({
    description:
      'ISO 4217: the money of the deal figures, and the pipeline counts, are of deals in this currency (won and lost counts take every currency). Defaults to the configured one',
  }),
  timeZone: timeZoneSchema.optional().meta({
    description:
      "IANA zone of the caller, e.g. America/Chicago: the tasks due today are those due later in the caller's day. Default UTC",
  }),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const dashboardSchema = z
  .object({
    generatedAt: z.string().meta({ description: 'When the figures were computed (ISO 8601)' }),
    currency: z.string().meta({
      description:
        'The money of the deal figures, and the pipeline counts, are of deals in this currency (the default one unless asked); won and lost counts and the win rate count every currency',
    }),
    accounts: z.object({ total: count, byType: countsBy(accountTypes) }),
    leads: z.object({
      open: count.meta({ description: 'Leads with status open' }),
      bySource: countsBy(leadSources).meta({ description: 'Open leads per source' }),
      byStage: countsBy(leadStages).meta({ description: 'Open leads per stage' }),
      converted: count,
      disqualified: count,
      conversionRate: rate.meta({ description: 'converted / all leads' }),
    }),
    pipeline: z.object({
      count: count.meta({ description: 'Open deals' }),
      value: money.meta({ description: 'Sum of the amounts of open deals' }),
      weightedValue: money.meta({ description: 'Sum of amount × probability / 100 of open deals' }),
      byStage: z
        .array(z.object({ stage: z.enum(openStages), count, value: money, weightedValue: money }))
        .meta({ description: 'Every open stage in pipeline order' }),
    }),
    quarter: z.object({
      from: z.string().meta({ description: 'First day of the current quarter (UTC), YYYY-MM-DD' }),
      to: z.string().meta({ description: 'Last day of the current quarter (UTC), YYYY-MM-DD' }),
      won: z.object({ count, amount: money }),
      lost: z.object({ count, amount: money }),
      winRate: rate.meta({ description: 'won / (won + lost) among deals closed this quarter' }),
      averageDealSize: money.nullable().meta({ description: 'Average amount of deals won this quarter' }),
    }),
    activities: z.object({
      last30Days: count.meta({
        description:
          'Activities whose moment (completed, else scheduled, else logged) falls in the last 30 days, whatever their status',
      }),
      byType: countsBy(activityTypes),
    }),
    tasks: z.object({
      open: count.meta({ description: 'Tasks open or in progress' }),
      overdue: count.meta({ description: 'Open tasks whose due time has passed' }),
      dueToday: count.meta({
        description:
          'Open tasks due later today (in timeZone, UTC by default), not yet overdue: overdue and dueToday never count a task twice',
      }),
    }),
    otherCurrencies: z
      .array(
        z.object({
          currency: z.string(),
          openDeals: count.meta({ description: 'Open deals in this currency' }),
          closedThisQuarter: count.meta({ description: 'Deals in this currency won or lost this quarter' }),
        }),
      )
      .meta({
        description:
          'The deals the deal figures leave out, per other currency (ask with currency= for their figures); empty when there are none',
      }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;
