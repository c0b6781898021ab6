import { z } from 'zod';
import {
  anyOf,
  currencySchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  pageSchema,
  recordFields,
  updatedAtFilters,
} from './common.js';

/** A calendar month, `YYYY-MM`: targets are set per month, and a quarter's is the sum of its three. */
export const monthSchema = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .meta({ description: 'YYYY-MM', examples: ['2027-01'] });

export const salesTargetSchema = z
  .object({
    ...recordFields,
    userId: idSchema.meta({ description: 'Whose target it is' }),
    month: monthSchema,
    amount: z.number().meta({ description: 'What they are expected to win that month, in major units' }),
    currency: z.string(),
    setById: idSchema.nullable().meta({ description: 'Who set it last (read-only)' }),
  })
  .meta({ id: 'SalesTarget' });
export type SalesTarget = z.infer<typeof salesTargetSchema>;

export const createSalesTargetSchema = z.strictObject({
  userId: idSchema,
  month: monthSchema,
  amount: moneySchema,
  currency: currencySchema.optional().meta({ description: 'ISO 4217; defaults to the server setting' }),
});
export type CreateSalesTargetInput = z.infer<typeof createSalesTargetSchema>;

/** The amount or its currency; another person or month is another target. */
export const updateSalesTargetSchema = z.strictObject({ amount: moneySchema, currency: currencySchema }).partial();
export type UpdateSalesTargetInput = z.infer<typeof updateSalesTargetSchema>;

export const listSalesTargetsQuerySchema = listQuerySchema({
  sorts: ['month', 'amount', 'createdAt', 'updatedAt'],
  filters: {
    userId: filters.person().optional(),
    territoryId: anyOf(idSchema)
      .optional()
      .meta({ description: 'Targets of the people working these territories (comma-separated)' }),
    monthFrom: monthSchema.optional(),
    monthTo: monthSchema.optional().meta({ description: 'YYYY-MM, inclusive' }),
    currency: anyOf(currencySchema).optional(),
    ...updatedAtFilters,
  },
});
export type ListSalesTargetsQuery = z.infer<typeof listSalesTargetsQuerySchema>;

export const salesTargetPageSchema = pageSchema(salesTargetSchema);

// ---------------------------------------------------------------------------------------------------------
// Attainment: targets against what was won

export const attainmentQuerySchema = z.strictObject({
  from: monthSchema.optional().meta({ description: 'First month (YYYY-MM); default: the current quarter' }),
  to: monthSchema.optional().meta({ description: 'Last month, inclusive; default: the end of the current quarter' }),
  userId: filters
    .person()
    .optional()
    .meta({ description: 'Only these people (comma-separated ids, or me for the caller)' }),
  territoryId: anyOf(idSchema).optional().meta({ description: 'Only the people working these territories' }),
  currency: currencySchema
    .optional()
    .meta({ description: 'ISO 4217: targets and deals in other currencies are left out. Default: the server setting' }),
});
export type AttainmentQuery = z.infer<typeof attainmentQuerySchema>;

const money = z.number().meta({ description: 'In major units of the report currency' });
const ratio = z.number().min(0).nullable().meta({ description: 'A fraction (1 = 100 %); null without a target' });

const attainmentMeasures = {
  target: money.meta({ description: 'The sum of the months’ targets' }),
  closedWon: money.meta({ description: 'Deals won with their close date in the period' }),
  commit: money.meta({ description: 'Open deals closing in the period with probability ≥ 75' }),
  weighted: money.meta({ description: 'Open deals closing in the period, amount × probability / 100' }),
  bestCase: money.meta({ description: 'All open deals closing in the period' }),
  attainment: ratio.meta({ description: 'closedWon / target' }),
  projected: ratio.meta({ description: '(closedWon + weighted) / target: where the period is heading' }),
  gap: money.meta({ description: 'What is still to win to meet the target (0 once met)' }),
};

export const attainmentRowSchema = z
  .object({
    userId: idSchema,
    name: z.string(),
    ...attainmentMeasures,
  })
  .meta({ id: 'AttainmentRow' });
export type AttainmentRow = z.infer<typeof attainmentRowSchema>;

export const attainmentReportSchema = z
  .object({
    currency: z.string(),
    from: monthSchema,
    to: monthSchema,
    data: z.array(attainmentRowSchema).meta({
      description:
        'One row per person with a target in the period, or with deals won or closing in it, that the caller may see; by attainment, highest first, people without a target last',
    }),
    totals: z.object(attainmentMeasures),
  })
  .meta({ id: 'AttainmentReport' });
export type AttainmentReport = z.infer<typeof attainmentReportSchema>;
