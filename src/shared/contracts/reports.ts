import { z } from 'zod';
import { activityTypes } from './activities.js';
import { anyOf, currencySchema, dateSchema, filters, idSchema, queryInteger } from './common.js';
import { leadSources, leadStages } from './leads.js';
import { opportunityStageSchema } from './opportunities.js';

/*
 * Pipeline analytics (API.md "Analytics and questions"). Every report is computed over what the caller may
 * see. Money is never summed across currencies: each money report answers in one currency, the `currency`
 * parameter, defaulting to the configured default currency, and says which one it used.
 */

export const currencyParam = currencySchema
  .optional()
  .meta({ description: 'ISO 4217; amounts in other currencies are left out. Defaults to the configured currency' });

/** Narrowing every report accepts: comma-separated alternatives, as in list filters. */
const scopeParams = {
  ownerId: filters
    .person()
    .optional()
    .meta({ description: 'Only records owned by these users (comma-separated ids, or me for the caller)' }),
  territoryId: anyOf(idSchema)
    .optional()
    .meta({ description: "Only these territories (comma-separated); a deal's territory is its account's" }),
};

/** `from`/`to` bounds: a date covers that whole UTC day, an instant is exact; both bounds are inclusive. */
const windowParams = {
  from: filters.instant().optional(),
  to: filters.instant().optional(),
};

const money = z.number().meta({ description: 'In major units of the report currency' });
const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable().meta({ description: '0..1; null when there is nothing to divide by' });
const monthKey = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .meta({ description: 'YYYY-MM' });

export const pipelineGroupings = ['stage', 'owner', 'territory', 'closeMonth', 'product', 'productFamily'] as const;
export const pipelineGroupingSchema = z.enum(pipelineGroupings);
export type PipelineGrouping = z.infer<typeof pipelineGroupingSchema>;

export const pipelineQuerySchema = z.strictObject({
  groupBy: pipelineGroupingSchema.default('stage'),
  stage: anyOf(opportunityStageSchema).optional().meta({
    description:
      'Only deals in these stages (comma-separated), closed ones included when named, as the pipeline board asks for its columns. Default: the open stages',
  }),
  ...scopeParams,
  currency: currencyParam,
});
export type PipelineQuery = z.infer<typeof pipelineQuerySchema>;

const pipelineMeasures = {
  count,
  amount: money,
  weightedAmount: money.meta({ description: 'Sum of amount × probability / 100' }),
};

export const pipelineGroupSchema = z
  .object({
    key: z.string().nullable().meta({
      description:
        'The stage, owner id, territory id, YYYY-MM, product id or product line; null for deals without an owner, a territory or products ("" for products without a product line)',
    }),
    label: z.string(),
    ...pipelineMeasures,
  })
  .meta({ id: 'PipelineGroup' });
export type PipelineGroup = z.infer<typeof pipelineGroupSchema>;

export const pipelineReportSchema = z
  .object({
    groupBy: pipelineGroupingSchema,
    currency: z.string(),
    data: z.array(pipelineGroupSchema).meta({
      description:
        'Open deals, or those of the stages asked for. groupBy=stage lists every stage asked for (by default the open ones) in pipeline order, empty ones with zeros; owner and territory are ordered by label (no owner/territory last), closeMonth by month; product and productFamily put each deal line in the group of its product, deals without products in one group (key null), largest amount first: a deal selling two product lines counts in both groups and once in the totals',
    }),
    totals: z.object(pipelineMeasures),
  })
  .meta({ id: 'PipelineReport' });
export type PipelineReport = z.infer<typeof pipelineReportSchema>;

export const forecastQuerySchema = z.strictObject({
  months: queryInteger({ min: 1, max: 24, default: 6 }).meta({
    description: 'Close months to cover, starting with the current month (UTC)',
  }),
  ...scopeParams,
  currency: currencyParam,
});
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

const forecastMeasures = {
  closedWon: money.meta({ description: 'Deals won with their close date in the month' }),
  commit: money.meta({ description: 'Open deals with probability ≥ 75' }),
  bestCase: money.meta({ description: 'All open deals' }),
  weighted: money.meta({ description: 'Open deals, amount × probability / 100' }),
  pipeline: count.meta({ description: 'Number of open deals' }),
};
export type ForecastMeasures = { [Key in keyof typeof forecastMeasures]: number };

const forecastTarget = money.meta({
  description:
    'The sales targets of the month (GET /targets): of the people ownerId names or those working the territories territoryId names, else of you and those below you (admins: everyone)',
});

export const forecastMonthSchema = z
  .object({ month: monthKey, ...forecastMeasures, target: forecastTarget })
  .meta({ id: 'ForecastMonth' });
export type ForecastMonth = z.infer<typeof forecastMonthSchema>;

export const forecastReportSchema = z
  .object({
    currency: z.string(),
    months: z.number().int(),
    data: z.array(forecastMonthSchema).meta({ description: 'Every month of the range, empty ones with zeros' }),
    totals: z.object({ ...forecastMeasures, target: forecastTarget }),
    pastDue: z.object(forecastMeasures).meta({
      description:
        'Open deals whose close month has passed: already counted in the first month and the totals, shown apart so a manager sees what slipped (closedWon is 0)',
    }),
  })
  .meta({ id: 'ForecastReport' });
export type ForecastReport = z.infer<typeof forecastReportSchema>;

/** Snapshots hold six close months, so a history can sum at most that many. */
export const SNAPSHOT_MONTHS = 6;

export const forecastHistoryQuerySchema = z.strictObject({
  months: queryInteger({ min: 1, max: SNAPSHOT_MONTHS, default: SNAPSHOT_MONTHS }).meta({
    description: "Close months summed per snapshot, starting with the snapshot's own month",
  }),
  weeks: queryInteger({ min: 1, max: 104, default: 12 }).meta({
    description: 'How many of the newest snapshots to answer',
  }),
  ...scopeParams,
  currency: currencyParam,
});
export type ForecastHistoryQuery = z.infer<typeof forecastHistoryQuerySchema>;

export const forecastHistoryPointSchema = z
  .object({
    takenOn: dateSchema,
    fromMonth: monthKey,
    toMonth: monthKey,
    ...forecastMeasures,
  })
  .meta({ id: 'ForecastHistoryPoint' });
export type ForecastHistoryPoint = z.infer<typeof forecastHistoryPointSchema>;

export const forecastHistorySchema = z
  .object({
    currency: z.string(),
    months: z.number().int(),
    data: z.array(forecastHistoryPointSchema).meta({
      description:
        'Oldest first. A snapshot row is visible when its owner is you or below you, or its territory is yours (admins: all)',
    }),
  })
  .meta({ id: 'ForecastHistory' });
export type ForecastHistory = z.infer<typeof forecastHistorySchema>;

export const winLossQuerySchema = z.strictObject({ ...windowParams, ...scopeParams, currency: currencyParam });
export type WinLossQuery = z.infer<typeof winLossQuerySchema>;

const dealTotals = z.object({ count, amount: money });

export const winLossReportSchema = z
  .object({
    from: z.string().meta({
      description: 'Closed at or after (ISO 8601); by default 12 months before `to` (or before now)',
    }),
    to: z.string().meta({
      description: 'Closed at or before (ISO 8601); by default now, or 12 months after `from` when only that is given',
    }),
    currency: z.string(),
    won: dealTotals,
    lost: dealTotals,
    winRate: rate.meta({ description: 'won / (won + lost); null when nothing closed' }),
    averageDealSize: money.nullable().meta({ description: 'Average amount of won deals' }),
    averageSalesCycleDays: z
      .number()
      .nullable()
      .meta({ description: 'Average days from creation to close of won deals' }),
    lossReasons: z
      .array(z.object({ reason: z.string(), count, amount: money }))
      .meta({ description: 'Most frequent first, then by amount' }),
  })
  .meta({ id: 'WinLossReport' });
export type WinLossReport = z.infer<typeof winLossReportSchema>;

export const leadFunnelQuerySchema = z.strictObject({ ...windowParams, ...scopeParams });
export type LeadFunnelQuery = z.infer<typeof leadFunnelQuerySchema>;

export const leadFunnelReportSchema = z
  .object({
    from: z.string().nullable().meta({ description: 'Leads created at or after; null: from the first' }),
    to: z.string().nullable().meta({ description: 'Leads created at or before; null: up to now' }),
    total: count,
    stages: z
      .array(z.object({ stage: z.enum(leadStages), label: z.string(), count }))
      .meta({ description: 'Open leads per stage, every stage in funnel order' }),
    open: count,
    converted: count,
    disqualified: count,
    conversionRate: rate.meta({ description: 'converted / total' }),
    sources: z
      .array(
        z.object({
          source: z.enum(leadSources),
          label: z.string(),
          total: count,
          converted: count,
          conversionRate: rate,
        }),
      )
      .meta({ description: 'Every source, each with converted / total' }),
    averageDaysToConvert: z.number().nullable().meta({ description: 'Average days from creation to conversion' }),
  })
  .meta({ id: 'LeadFunnelReport' });
export type LeadFunnelReport = z.infer<typeof leadFunnelReportSchema>;

export const activitySummaryGroupings = ['type', 'owner'] as const;
export const activitySummaryGroupingSchema = z.enum(activitySummaryGroupings);
export type ActivitySummaryGrouping = z.infer<typeof activitySummaryGroupingSchema>;

export const activitySummaryQuerySchema = z.strictObject({
  groupBy: activitySummaryGroupingSchema.default('type'),
  ...windowParams,
  ...scopeParams,
  type: anyOf(z.enum(activityTypes)).optional().meta({ description: 'Only these activity types (comma-separated)' }),
});
export type ActivitySummaryQuery = z.infer<typeof activitySummaryQuerySchema>;

const activityMeasures = {
  total: count,
  planned: count,
  completed: count,
  cancelled: count,
  visits: count.meta({ description: 'Of the total, activities of type visit' }),
  durationMinutes: count.meta({ description: 'Sum of the durations of completed activities' }),
};

export const activitySummaryGroupSchema = z
  .object({
    key: z
      .string()
      .nullable()
      .meta({ description: 'The activity type or owner id; null for activities without an owner' }),
    label: z.string(),
    ...activityMeasures,
  })
  .meta({ id: 'ActivitySummaryGroup' });
export type ActivitySummaryGroup = z.infer<typeof activitySummaryGroupSchema>;

export const activitySummaryReportSchema = z
  .object({
    groupBy: activitySummaryGroupingSchema,
    from: z.string().meta({
      description: 'Activities at or after (ISO 8601); by default 30 days before `to` (or before now)',
    }),
    to: z.string().meta({
      description:
        'Activities at or before (ISO 8601); by default now, or 30 days after `from` when only that is given',
    }),
    data: z.array(activitySummaryGroupSchema).meta({
      description:
        'groupBy=type lists every type, empty ones with zeros; owner is ordered by the owner name. An activity counts at its completion time, else its scheduled time, else when it was logged',
    }),
    totals: z.object(activityMeasures),
  })
  .meta({ id: 'ActivitySummaryReport' });
export type ActivitySummaryReport = z.infer<typeof activitySummaryReportSchema>;
