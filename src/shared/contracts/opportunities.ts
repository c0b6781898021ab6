import { z } from 'zod';
import {
  anyOf,
  currencySchema,
  dateSchema,
  filters,
  idSchema,
  listQuerySchema,
  moneySchema,
  optionalText,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';

export const opportunityStages = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const;
export const opportunityStageSchema = z.enum(opportunityStages);
export type OpportunityStage = z.infer<typeof opportunityStageSchema>;

/** The open stages of a deal, in pipeline order. */
export const openStages = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export type OpenStage = (typeof openStages)[number];
export const closedStages: readonly OpportunityStage[] = ['closed_won', 'closed_lost'];
export const isClosedStage = (stage: OpportunityStage) => closedStages.includes(stage);

/** The probability a deal gets on entering a stage (API.md); closed stages always have theirs. */
export const stageProbability: Record<OpportunityStage, number> = {
  prospecting: 10,
  qualification: 20,
  proposal: 50,
  negotiation: 75,
  closed_won: 100,
  closed_lost: 0,
};

export const approvalStatuses = ['not_required', 'pending', 'approved', 'rejected'] as const;
export const approvalStatusSchema = z.enum(approvalStatuses);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

const tagList = z.array(z.string().trim().min(1).max(200)).max(50);

export const opportunitySchema = z
  .object({
    ...recordFields,
    name: z.string(),
    accountId: idSchema,
    contactId: idSchema.nullable(),
    leadId: idSchema.nullable().meta({ description: 'The lead this deal was converted from; set by conversion' }),
    ownerId: idSchema.nullable(),
    stage: opportunityStageSchema,
    probability: z.number().int().min(0).max(100),
    amount: z.number(),
    currency: z.string(),
    closeDate: dateSchema,
    requirements: z.string().nullable(),
    productInterest: z.array(z.string()),
    competitors: z.array(z.string()),
    risks: z.string().nullable(),
    lossReason: z.string().nullable(),
    closedAt: timestampSchema.nullable().meta({ description: 'When the deal entered a closed stage; null while open' }),
    approvalStatus: approvalStatusSchema.meta({
      description:
        'The approval state for the current amount: not_required until an approval is asked for (or after the amount grew past the approved one), then pending, approved or rejected',
    }),
    weightedAmount: z.number().meta({ description: 'amount × probability / 100, rounded to cents' }),
    position: z.number().meta({ description: 'Order within the stage column of the board (ascending)' }),
  })
  .meta({ id: 'Opportunity' });
export type Opportunity = z.infer<typeof opportunitySchema>;

const writableOpportunityFields = {
  name: z.string().trim().min(1).max(300),
  accountId: idSchema,
  contactId: idSchema.nullable().meta({ description: 'A contact of the same account' }),
  ownerId: idSchema.nullable(),
  stage: opportunityStageSchema,
  probability: z
    .number()
    .int()
    .min(0)
    .max(100)
    .meta({ description: "Only for open stages; omitted, it follows the stage's default" }),
  amount: moneySchema.meta({ description: 'In major units, whole cents, up to 10^13' }),
  currency: currencySchema.meta({ description: 'ISO 4217; defaults to the server setting' }),
  closeDate: dateSchema,
  requirements: optionalText(10_000),
  productInterest: tagList,
  competitors: tagList,
  risks: optionalText(10_000),
  lossReason: optionalText(2_000).meta({ description: 'Required for closed_lost, refused for any other stage' }),
};

export const createOpportunitySchema = z.strictObject({
  ...writableOpportunityFields,
  contactId: writableOpportunityFields.contactId.default(null),
  leadId: idSchema.nullable().default(null).meta({ description: 'The lead the deal comes from (set by conversion)' }),
  ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
  stage: opportunityStageSchema.default('prospecting'),
  probability: writableOpportunityFields.probability.optional(),
  amount: writableOpportunityFields.amount.default(0),
  currency: writableOpportunityFields.currency.optional(),
  requirements: writableOpportunityFields.requirements.default(null),
  productInterest: tagList.default([]),
  competitors: tagList.default([]),
  risks: writableOpportunityFields.risks.default(null),
  lossReason: writableOpportunityFields.lossReason.default(null),
});
/** What a create needs once defaults are applied; lead conversion builds one with `createOpportunitySchema.parse`. */
export type CreateOpportunityInput = z.infer<typeof createOpportunitySchema>;

export const updateOpportunitySchema = z.strictObject(writableOpportunityFields).partial();
export type UpdateOpportunityInput = z.infer<typeof updateOpportunitySchema>;

export const changeStageSchema = z.strictObject({
  stage: opportunityStageSchema,
  reason: optionalText(2_000).optional().meta({
    description: 'Why the stage changed; kept in the history (and the loss reason of closed_lost without one)',
  }),
  lossReason: writableOpportunityFields.lossReason.optional(),
  probability: writableOpportunityFields.probability.optional(),
});
export type ChangeStageInput = z.infer<typeof changeStageSchema>;

export const moveOpportunitySchema = z.strictObject({
  stage: opportunityStageSchema
    .optional()
    .meta({ description: 'The column to move to; omitted, the card stays in its stage' }),
  afterId: idSchema.optional().meta({ description: 'Place the card right below this card of the target column' }),
  beforeId: idSchema.optional().meta({ description: 'Place the card right above this card of the target column' }),
  reason: changeStageSchema.shape.reason,
  lossReason: changeStageSchema.shape.lossReason,
});
export type MoveOpportunityInput = z.infer<typeof moveOpportunitySchema>;

export const opportunitySorts = [
  'closeDate',
  'amount',
  'createdAt',
  'name',
  'probability',
  'position',
  'updatedAt',
] as const;
export const listOpportunitiesQuerySchema = listQuerySchema({
  sorts: opportunitySorts,
  filters: {
    /** Several deals by id in one call (up to 100), e.g. the names behind a page of activities. */
    id: anyOf(idSchema).optional(),
    stage: anyOf(opportunityStageSchema).optional(),
    ownerId: filters.person().optional(),
    accountId: anyOf(idSchema).optional(),
    territoryId: anyOf(idSchema).optional().meta({ description: "The territory of the deal's account" }),
    contactId: anyOf(idSchema).optional(),
    leadId: anyOf(idSchema).optional(),
    approvalStatus: anyOf(approvalStatusSchema).optional(),
    // No index: nearly every deal is in the default currency, so the other filters do the narrowing.
    currency: anyOf(currencySchema).optional().meta({ description: 'ISO 4217 codes, comma-separated' }),
    closeDateFrom: filters.date().optional(),
    closeDateTo: filters.date().optional(),
    amountMin: filters.number().optional(),
    amountMax: filters.number().optional(),
    probabilityMin: filters.wholeNumber().optional(),
    probabilityMax: filters.wholeNumber().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    lossReason: anyOf(z.string().trim().min(1).max(500))
      .optional()
      .meta({ description: 'Lost for this reason (as the win-loss report groups them: surrounding spaces ignored)' }),
    closedAtFrom: filters.instant().optional().meta({ description: 'Won or lost at or after this' }),
    closedAtTo: filters.instantUntil().optional(),
    productId: anyOf(idSchema).optional().meta({ description: 'Deals with a line of one of these products' }),
    productFamily: anyOf(z.string().trim().min(1).max(120))
      .optional()
      .meta({ description: 'Deals with a line of a product of one of these product lines' }),
    hasProducts: filters.boolean().optional().meta({ description: 'Deals with products (lines), or without' }),
    ...updatedAtFilters,
  },
});
export type ListOpportunitiesQuery = z.infer<typeof listOpportunitiesQuerySchema>;

export const opportunityPageSchema = pageSchema(opportunitySchema);

export const stageHistoryEntrySchema = z
  .object({
    id: idSchema,
    opportunityId: idSchema,
    fromStage: opportunityStageSchema.nullable().meta({ description: 'null for the entry written at creation' }),
    toStage: opportunityStageSchema,
    amount: z.number().meta({ description: 'The amount right after the change' }),
    probability: z.number().int().meta({ description: 'The probability right after the change' }),
    reason: z.string().nullable(),
    changedById: idSchema.nullable(),
    changedAt: timestampSchema,
  })
  .meta({ id: 'StageHistoryEntry' });
export type StageHistoryEntry = z.infer<typeof stageHistoryEntrySchema>;

export const stageHistorySchema = z.object({
  data: z.array(stageHistoryEntrySchema).meta({ description: 'Oldest first' }),
});
