import { z } from 'zod';
import { accountTypeSchema, locationSchema } from './accounts.js';
import { anyOf, filters, idSchema, queryInteger, timestampSchema } from './common.js';

/*
 * Territory coverage (API.md "Analytics and questions"): how well the field team visits its accounts. An
 * account is covered when it had a completed visit (an activity of type visit, status completed) in the
 * last `days` days; planned and cancelled visits never cover it. Computed over the accounts the caller may
 * see, and over every live visit of those accounts.
 */

const windowDays = queryInteger({ min: 1, max: 730, default: 90 }).meta({
  description: 'The window: an account is covered by a visit completed in the last this many days',
});

/** Narrowing of the accounts both coverage calls count; comma-separated alternatives, as in list filters. */
const accountScope = {
  territoryId: anyOf(idSchema).optional().meta({ description: 'Only accounts in these territories (comma-separated)' }),
  ownerId: filters
    .person()
    .optional()
    .meta({ description: 'Only accounts owned by these users (comma-separated ids, or me for the caller)' }),
  type: anyOf(accountTypeSchema).optional().meta({ description: 'Only accounts of these types (comma-separated)' }),
};

export const coverageGroupings = ['territory', 'owner'] as const;
export const coverageGroupingSchema = z.enum(coverageGroupings);
export type CoverageGrouping = z.infer<typeof coverageGroupingSchema>;

export const coverageQuerySchema = z.strictObject({
  days: windowDays,
  groupBy: coverageGroupingSchema.default('territory'),
  ...accountScope,
});
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

const count = z.number().int().min(0);

const coverageMeasures = {
  accounts: count.meta({ description: 'Live accounts' }),
  visited: count.meta({ description: 'Accounts with a visit completed in the window' }),
  coverageRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .meta({ description: 'visited / accounts, 0..1; null when there are no accounts' }),
  withPlannedVisit: count.meta({ description: 'Accounts with a planned visit scheduled after now' }),
  dueForVisit: count.meta({
    description:
      'Accounts with a call cycle (visitEveryDays) whose last completed visit is that long ago or more, or that were never visited',
  }),
  lastVisitAt: timestampSchema
    .nullable()
    .meta({ description: 'The latest completed visit of these accounts, any time' }),
};
export type CoverageMeasures = { [Key in keyof typeof coverageMeasures]: z.infer<(typeof coverageMeasures)[Key]> };

export const coverageGroupSchema = z
  .object({
    key: idSchema.nullable().meta({ description: 'The territory or owner id; null for accounts without one' }),
    label: z.string().meta({ description: 'The territory or owner name; "No territory" or "No owner" for null' }),
    ...coverageMeasures,
  })
  .meta({ id: 'CoverageGroup' });
export type CoverageGroup = z.infer<typeof coverageGroupSchema>;

export const coverageReportSchema = z
  .object({
    groupBy: coverageGroupingSchema,
    days: z.number().int(),
    since: timestampSchema.meta({ description: 'The start of the window: visits completed at or after it cover' }),
    asOf: timestampSchema.meta({ description: 'The moment the report was computed at (the end of the window)' }),
    data: z.array(coverageGroupSchema).meta({
      description: 'Groups that hold at least one account, ordered by label, the one without territory or owner last',
    }),
    totals: z.object(coverageMeasures),
  })
  .meta({ id: 'CoverageReport' });
export type CoverageReport = z.infer<typeof coverageReportSchema>;

export const coverageStatuses = ['unvisited', 'visited', 'due', 'all'] as const;
export const coverageAccountSorts = ['-annualRevenue', 'lastVisitAt', 'visitDueAt', 'name'] as const;
export type CoverageAccountSort = (typeof coverageAccountSorts)[number];

export const coverageAccountsQuerySchema = z.strictObject({
  days: windowDays,
  ...accountScope,
  status: z.enum(coverageStatuses).default('unvisited').meta({
    description:
      'unvisited: no visit completed in the window (the neglected accounts); visited: one or more; due: due for a visit by their call cycle (visitEveryDays), whatever the window; all',
  }),
  sort: z.enum(coverageAccountSorts).default('-annualRevenue').meta({
    description:
      '-annualRevenue: the most valuable first (no revenue last), then by name; lastVisitAt: the longest unvisited first (never visited before all), then by name; visitDueAt: the longest overdue by its call cycle first (never visited before all, no cycle last), then by name; name',
  }),
  limit: queryInteger({ min: 1, max: 200, default: 50 }),
  cursor: z.string().min(1).max(1000).optional(),
});
export type CoverageAccountsQuery = z.infer<typeof coverageAccountsQuerySchema>;

export const coverageAccountSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    type: accountTypeSchema,
    city: z.string().nullable(),
    territoryId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    annualRevenue: z.number().nullable(),
    location: locationSchema.nullable(),
    lastVisitAt: timestampSchema
      .nullable()
      .meta({ description: 'The latest completed visit, any time; null if never' }),
    daysSinceLastVisit: count
      .nullable()
      .meta({ description: 'Whole days from the latest completed visit to asOf; null if never visited' }),
    nextPlannedVisitAt: timestampSchema
      .nullable()
      .meta({ description: 'The earliest planned visit scheduled after now; null if none' }),
    visitEveryDays: z.number().int().nullable().meta({ description: "The account's call cycle in days; null if none" }),
    visitDueAt: timestampSchema.nullable().meta({
      description:
        'When the call cycle asks for the next visit: the last completed visit plus visitEveryDays; null without a cycle or when never visited',
    }),
    visitDue: z.boolean().meta({ description: 'Due for a visit by its call cycle at asOf (never visited counts)' }),
  })
  .meta({ id: 'CoverageAccount' });
export type CoverageAccount = z.infer<typeof coverageAccountSchema>;

export const coverageAccountPageSchema = z
  .object({
    days: z.number().int(),
    since: timestampSchema,
    asOf: timestampSchema,
    data: z.array(coverageAccountSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CoverageAccountPage' });
export type CoverageAccountPage = z.infer<typeof coverageAccountPageSchema>;
