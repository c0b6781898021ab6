import { z } from 'zod';
import { accountSchema } from './accounts.js';
import {
  anyOf,
  dateSchema,
  emailSchema,
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
import { contactSchema, phoneSchema } from './contacts.js';
import { createOpportunitySchema, opportunitySchema, opportunityStageSchema } from './opportunities.js';

export const leadSources = ['website', 'trade_show', 'referral', 'cold_call', 'social_media'] as const;
export const leadSourceSchema = z.enum(leadSources);
export type LeadSource = z.infer<typeof leadSourceSchema>;

export const leadStages = ['inquiry', 'qualified', 'proposal', 'negotiation'] as const;
export type LeadStage = (typeof leadStages)[number];
export const leadStageSchema = z.enum(leadStages);

/** Read-only: set by convert, disqualify and reopen, never by PATCH. */
export const leadStatuses = ['open', 'converted', 'disqualified'] as const;
export const leadStatusSchema = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

export const bantSchema = z
  .object({
    budget: z.boolean(),
    authority: z.boolean(),
    need: z.boolean(),
    timeline: z.boolean(),
  })
  .meta({ id: 'Bant', description: 'Budget, authority, need and timeline confirmed' });
export type Bant = z.infer<typeof bantSchema>;

export const scoreReasonSchema = z
  .object({
    rule: z.string().meta({ description: 'Stable id of the rule, e.g. bant_budget, company_size, source' }),
    points: z.number().int().meta({ description: 'What the rule added (or, when negative, took away)' }),
    detail: z.string().meta({ description: 'For people: "Referral source", "200 employees"' }),
  })
  .meta({ id: 'LeadScoreReason' });
export type ScoreReason = z.infer<typeof scoreReasonSchema>;

export const leadSchema = z
  .object({
    ...recordFields,
    firstName: z.string(),
    lastName: z.string(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    source: leadSourceSchema,
    stage: leadStageSchema,
    status: leadStatusSchema.meta({
      description:
        'Read-only: set by convert, disqualify and reopen. A converted or disqualified lead cannot be changed (409); a disqualified one can be reopened',
    }),
    bant: bantSchema,
    budgetAmount: z.number().nullable(),
    decisionDate: dateSchema.nullable(),
    needDescription: z.string().nullable(),
    employees: z.number().int().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    score: z.number().int().min(0).max(100).meta({ description: 'Computed from the rules in scoreReasons; read-only' }),
    scoreReasons: z.array(scoreReasonSchema),
    ownerId: idSchema.nullable(),
    territoryId: idSchema.nullable(),
    convertedAt: timestampSchema.nullable(),
    convertedAccountId: idSchema.nullable(),
    convertedContactId: idSchema.nullable(),
    convertedOpportunityId: idSchema.nullable(),
    disqualifiedAt: timestampSchema.nullable(),
    disqualifiedReason: z.string().nullable(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof leadSchema>;

const writableLeadFields = {
  firstName: z.string().trim().min(1).max(120),
  lastName: z.string().trim().min(1).max(120),
  company: optionalText(300),
  title: optionalText(200),
  email: emailSchema.nullable(),
  phone: phoneSchema.nullable(),
  source: leadSourceSchema,
  stage: leadStageSchema,
  bant: z.strictObject(bantSchema.shape).partial(),
  budgetAmount: moneySchema.nullable().meta({ description: 'In major units, whole cents, up to 10^13' }),
  decisionDate: dateSchema.nullable(),
  needDescription: optionalText(10_000),
  employees: z.number().int().min(0).max(10_000_000).nullable(),
  country: optionalText(60),
  region: optionalText(200),
  ownerId: idSchema.nullable(),
  territoryId: idSchema.nullable(),
};

export const createLeadSchema = z.strictObject({
  ...writableLeadFields,
  company: writableLeadFields.company.default(null),
  title: writableLeadFields.title.default(null),
  email: writableLeadFields.email.default(null),
  phone: writableLeadFields.phone.default(null),
  stage: leadStageSchema.default('inquiry'),
  bant: writableLeadFields.bant.default({}),
  budgetAmount: writableLeadFields.budgetAmount.default(null),
  decisionDate: writableLeadFields.decisionDate.default(null),
  needDescription: writableLeadFields.needDescription.default(null),
  employees: writableLeadFields.employees.default(null),
  country: writableLeadFields.country.default(null),
  region: writableLeadFields.region.default(null),
  ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
  territoryId: idSchema.nullable().optional().meta({
    description:
      "Omit to assign the first territory whose region matches the lead's region, else its country; null for none",
  }),
});
export type CreateLeadInput = z.infer<typeof createLeadSchema>;

/** status, score and the conversion fields are not here: only convert, disqualify and reopen change them. */
export const updateLeadSchema = z.strictObject(writableLeadFields).partial();
export type UpdateLeadInput = z.infer<typeof updateLeadSchema>;

export const leadSorts = ['createdAt', 'score', 'lastName', 'updatedAt'] as const;
export const listLeadsQuerySchema = listQuerySchema({
  sorts: leadSorts,
  filters: {
    /** Several leads by id in one call (up to 100), e.g. the names behind a page of activities. */
    id: anyOf(idSchema).optional(),
    stage: anyOf(leadStageSchema).optional(),
    status: anyOf(leadStatusSchema).optional(),
    source: anyOf(leadSourceSchema).optional(),
    ownerId: filters.person().optional(),
    territoryId: anyOf(idSchema).optional(),
    country: anyOf(z.string().min(1).max(60)).optional(),
    scoreMin: filters.wholeNumber().optional(),
    scoreMax: filters.wholeNumber().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    budgetAmountMin: filters.number().optional(),
    budgetAmountMax: filters.number().optional(),
    decisionDateFrom: filters.date().optional(),
    decisionDateTo: filters.date().optional(),
    employeesMin: filters.wholeNumber().optional(),
    employeesMax: filters.wholeNumber().optional(),
    convertedAtFrom: filters.instant().optional(),
    convertedAtTo: filters.instantUntil().optional(),
    disqualifiedAtFrom: filters.instant().optional(),
    disqualifiedAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
  },
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

export const leadPageSchema = pageSchema(leadSchema);

export const disqualifyLeadSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).meta({ description: 'Why the lead is not worth pursuing' }),
});
export type DisqualifyLeadInput = z.infer<typeof disqualifyLeadSchema>;

const opportunityFields = createOpportunitySchema.shape;

/**
 * The deal a conversion opens: the fields of an opportunity create, without the links conversion sets
 * itself (account, contact, lead). What is left out is carried over from the lead.
 */
export const convertOpportunitySchema = createOpportunitySchema
  .omit({ accountId: true, contactId: true, leadId: true })
  .extend({
    ownerId: idSchema.nullable().optional().meta({ description: "Defaults to the lead's owner" }),
    stage: opportunityStageSchema.optional().meta({
      description:
        'Defaults to where the lead got to: inquiry → prospecting, qualified → qualification, proposal and negotiation alike',
    }),
    amount: opportunityFields.amount
      .unwrap()
      .optional()
      .meta({ description: "Defaults to the lead's budgetAmount, else 0" }),
    closeDate: opportunityFields.closeDate
      .optional()
      .meta({ description: "Defaults to the lead's decisionDate; one of the two is required" }),
    requirements: opportunityFields.requirements
      .unwrap()
      .optional()
      .meta({ description: "Defaults to the lead's needDescription" }),
  });
export type ConvertOpportunityInput = z.infer<typeof convertOpportunitySchema>;

export const convertLeadSchema = z.strictObject({
  accountId: idSchema.optional().meta({
    description:
      'The account to convert into; omitted, an account with the same company name or e-mail domain is reused, else one is created',
  }),
  opportunity: convertOpportunitySchema
    .nullable()
    .default(null)
    .meta({ description: 'The deal to open; null or omitted for none' }),
});
export type ConvertLeadInput = z.infer<typeof convertLeadSchema>;

export const leadConversionSchema = z
  .object({
    lead: leadSchema,
    account: accountSchema,
    contact: contactSchema,
    opportunity: opportunitySchema.nullable(),
    accountMatched: z.boolean().meta({
      description:
        'true when the lead joined an existing account (given or found by name or domain); false when one was created',
    }),
  })
  .meta({ id: 'LeadConversion' });
export type LeadConversion = z.infer<typeof leadConversionSchema>;
