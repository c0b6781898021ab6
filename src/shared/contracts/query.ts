import { z } from 'zod';

/*
 * Questions in plain language (API.md "Analytics and questions"). A question becomes a typed plan, either
 * by the rule engine or by a language model; the plan names entities, fields and operators from the
 * allow-lists below, never SQL, and the server executes it with the asking user's visibility.
 *
 * People and accounts are named in a plan as the question named them ("me", "Ana", "Acme"): the server
 * resolves them by fuzzy match when it executes the plan, and answers with the candidates when a name is
 * ambiguous. Dates are calendar dates (YYYY-MM-DD) in the asker's time zone, both bounds inclusive.
 */

export const queryEntities = [
  'opportunities',
  'leads',
  'accounts',
  'contacts',
  'activities',
  'tasks',
  'notes',
  'quotes',
] as const;
export const queryEntitySchema = z.enum(queryEntities);
export type QueryEntity = z.infer<typeof queryEntitySchema>;

/** Every field a plan may filter, group or sort on; which entity accepts which is `queryFields` below. */
export const queryFieldNames = [
  'name',
  'stage',
  'status',
  'amount',
  'weightedAmount',
  'probability',
  'closeDate',
  'closedAt',
  'createdAt',
  'owner',
  'account',
  'territory',
  'currency',
  'approvalStatus',
  'lossReason',
  'source',
  'score',
  'company',
  'email',
  'type',
  'industry',
  'city',
  'state',
  'country',
  'annualRevenue',
  'employees',
  'title',
  'role',
  'isPrimary',
  'subject',
  'at',
  'completedAt',
  'durationMinutes',
  'priority',
  'dueAt',
  'assignee',
  'overdue',
  'daysSinceActivity',
  'daysSinceVisit',
  'visitDue',
  'convertedAt',
  'disqualifiedAt',
  'cycleDays',
  'daysToConvert',
  'creator',
  'budget',
  'authority',
  'need',
  'timeline',
  'budgetAmount',
  'decisionDate',
  'competitor',
  'productInterest',
  'deals',
  'openDeals',
  'parent',
  'accountType',
  'phone',
  'body',
  'pinned',
  'atRisk',
  'accountOwner',
  'team',
  'number',
  'validUntil',
  'sentAt',
  'acceptedAt',
] as const;
export const queryFieldSchema = z.enum(queryFieldNames);
export type QueryField = z.infer<typeof queryFieldSchema>;

/** What a field holds decides the operators it takes and how its values are read. */
export type QueryFieldKind =
  | 'text'
  | 'enum'
  | 'number'
  | 'money'
  | 'date'
  | 'instant'
  | 'person'
  | 'account'
  | 'boolean';

export type QueryFieldSpec = { kind: QueryFieldKind; values?: readonly string[]; description: string };

const openOrClosed = ['open', 'won', 'lost', 'closed'] as const;

/** How long an open deal may go without any activity before it is at risk ("deals at risk"). */
export const AT_RISK_IDLE_DAYS = 30;

const accountTypes = ['customer', 'distributor', 'dealer', 'supplier', 'partner'] as const;
/** The kind of account a record hangs off: "deals with dealers", "visits to distributors". */
const accountTypeOfRecord: QueryFieldSpec = {
  kind: 'enum',
  values: accountTypes,
  description: "Kind of the record's account (customer, distributor, dealer, supplier, partner)",
};

/** A manager's team ("Maria's team"): whose records they are, the manager's and their reports' (users.managerId). */
const teamOf = (whose: string): QueryFieldSpec => ({
  kind: 'person',
  description: `${whose} this person or anyone reporting to them, down the management chain (a user name, or "me")`,
});

/** Whose accounts a record is on ("tasks for my accounts"): not whose record it is. */
const ownerOfAccount: QueryFieldSpec = {
  kind: 'person',
  description: `Owner of the record's account (a user name, or "me"), whoever owns the record itself`,
};

/** Where a record's account is: contacts, activities and tasks are placed by it ("visits in Milwaukee"). */
const placeOfAccount: Partial<Record<QueryField, QueryFieldSpec>> = {
  territory: { kind: 'text', description: "Territory name (the account's)" },
  city: { kind: 'text', description: "City of the record's account" },
  state: { kind: 'text', description: "State or province of the record's account (a name or its postal code)" },
  country: { kind: 'text', description: "Country of the record's account" },
};

/** The allow-list: the fields of each entity, with their kind (and allowed values for enums). */
export const queryFields: Record<QueryEntity, Partial<Record<QueryField, QueryFieldSpec>>> = {
  opportunities: {
    name: { kind: 'text', description: 'Deal name' },
    stage: {
      kind: 'enum',
      values: ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'],
      description: 'Pipeline stage',
    },
    status: { kind: 'enum', values: openOrClosed, description: 'open (any open stage), won, lost or closed' },
    amount: { kind: 'money', description: 'Deal amount' },
    weightedAmount: { kind: 'money', description: 'amount × probability / 100' },
    probability: { kind: 'number', description: '0–100' },
    closeDate: { kind: 'date', description: 'Expected or actual close date' },
    closedAt: { kind: 'instant', description: 'When the deal was won or lost' },
    createdAt: { kind: 'instant', description: 'When the deal was created' },
    owner: { kind: 'person', description: 'Deal owner (a user name, or "me")' },
    team: teamOf('Owned by'),
    account: { kind: 'account', description: 'Account name' },
    territory: { kind: 'text', description: "Territory name (the account's)" },
    currency: { kind: 'text', description: 'ISO 4217 code' },
    approvalStatus: {
      kind: 'enum',
      values: ['not_required', 'pending', 'approved', 'rejected'],
      description: 'Approval of a large deal',
    },
    lossReason: { kind: 'text', description: 'Why a lost deal was lost' },
    city: { kind: 'text', description: "City of the deal's account" },
    state: { kind: 'text', description: "State or province of the deal's account (a name or its postal code)" },
    competitor: { kind: 'text', description: 'A competitor named on the deal' },
    productInterest: { kind: 'text', description: 'A product the buyer is interested in' },
    country: { kind: 'text', description: "Country of the deal's account" },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    cycleDays: {
      kind: 'number',
      description: 'Sales cycle: days from creating the deal to winning or losing it (none while open)',
    },
    daysSinceActivity: {
      kind: 'number',
      description: 'Days since the last activity on the deal (100000 when it never had one)',
    },
    atRisk: {
      kind: 'boolean',
      description: `At risk: open, and past its close date or without activity for ${AT_RISK_IDLE_DAYS} days (a deal created since is not idle yet); false: open and neither`,
    },
  },
  leads: {
    name: { kind: 'text', description: 'First and last name' },
    company: { kind: 'text', description: 'Company of the lead' },
    email: { kind: 'text', description: 'E-mail address' },
    source: {
      kind: 'enum',
      values: ['website', 'trade_show', 'referral', 'cold_call', 'social_media'],
      description: 'Where the lead came from',
    },
    stage: {
      kind: 'enum',
      values: ['inquiry', 'qualified', 'proposal', 'negotiation'],
      description: 'Lead stage; a question about stages means open leads (status open) unless it names a status',
    },
    status: { kind: 'enum', values: ['open', 'converted', 'disqualified'], description: 'Lead status' },
    score: { kind: 'number', description: '0–100; 70 and above is hot' },
    owner: { kind: 'person', description: 'Lead owner (a user name, or "me")' },
    team: teamOf('Owned by'),
    territory: { kind: 'text', description: 'Territory name' },
    state: { kind: 'text', description: 'State, province or region of the lead (a name or its postal code, e.g. WI)' },
    country: { kind: 'text', description: 'Country of the lead' },
    createdAt: { kind: 'instant', description: 'When the lead came in' },
    convertedAt: { kind: 'instant', description: 'When the lead was converted' },
    disqualifiedAt: { kind: 'instant', description: 'When the lead was disqualified' },
    budget: { kind: 'boolean', description: 'BANT: budget confirmed' },
    authority: { kind: 'boolean', description: 'BANT: the decision maker is engaged' },
    need: { kind: 'boolean', description: 'BANT: the need is confirmed' },
    timeline: { kind: 'boolean', description: 'BANT: a timeline to buy is set' },
    budgetAmount: { kind: 'money', description: 'The budget the lead has for this' },
    decisionDate: { kind: 'date', description: 'When the lead expects to decide' },
    daysToConvert: { kind: 'number', description: 'Days from the lead coming in to its conversion (converted leads)' },
    daysSinceActivity: {
      kind: 'number',
      description: 'Days since the last activity on the lead (100000 when it never had one)',
    },
  },
  accounts: {
    name: { kind: 'text', description: 'Account name' },
    type: { kind: 'enum', values: accountTypes, description: 'Kind of account' },
    industry: { kind: 'text', description: 'Industry' },
    city: { kind: 'text', description: 'City' },
    state: { kind: 'text', description: 'State or province (a name or its postal code, e.g. TX)' },
    country: { kind: 'text', description: 'Country' },
    annualRevenue: { kind: 'money', description: 'Annual revenue' },
    employees: { kind: 'number', description: 'Number of employees' },
    deals: { kind: 'number', description: 'Deals on the account, any stage' },
    openDeals: { kind: 'number', description: 'Open deals on the account' },
    parent: { kind: 'account', description: 'The account it sits under (the distributor of a dealer)' },
    owner: { kind: 'person', description: 'Account manager (a user name, or "me")' },
    team: teamOf('Owned by'),
    territory: { kind: 'text', description: 'Territory name' },
    createdAt: { kind: 'instant', description: 'When the account was created' },
    daysSinceActivity: {
      kind: 'number',
      description: 'Days since the last activity on the account (100000 when it never had one)',
    },
    daysSinceVisit: {
      kind: 'number',
      description: 'Days since the last completed visit to the account (100000 when it was never visited)',
    },
    visitDue: {
      kind: 'boolean',
      description:
        'Due for a visit by its call cycle (visitEveryDays): its last completed visit is that many days old, or it was never visited',
    },
  },
  contacts: {
    name: { kind: 'text', description: 'First and last name' },
    title: { kind: 'text', description: 'Job title' },
    role: {
      kind: 'enum',
      values: ['decision_maker', 'influencer', 'contact', 'distributor', 'dealer'],
      description: 'Role in the buying process',
    },
    email: { kind: 'text', description: 'E-mail address' },
    phone: { kind: 'text', description: 'Phone or mobile number' },
    isPrimary: { kind: 'boolean', description: "The account's primary contact" },
    account: { kind: 'account', description: 'Account name' },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    ...placeOfAccount,
    owner: { kind: 'person', description: 'Contact owner (a user name, or "me")' },
    team: teamOf('Owned by'),
    createdAt: { kind: 'instant', description: 'When the contact was created' },
  },
  activities: {
    type: {
      kind: 'enum',
      values: ['call', 'email', 'meeting', 'task', 'note', 'visit'],
      description: 'Kind of activity',
    },
    subject: { kind: 'text', description: 'Subject' },
    status: { kind: 'enum', values: ['planned', 'completed', 'cancelled'], description: 'Activity status' },
    at: { kind: 'instant', description: 'When it happened: completed, else scheduled, else logged' },
    completedAt: { kind: 'instant', description: 'When it was completed' },
    durationMinutes: { kind: 'number', description: 'Duration in minutes' },
    owner: { kind: 'person', description: 'Who did it (a user name, or "me")' },
    team: teamOf('Done by'),
    account: { kind: 'account', description: 'Account name' },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    ...placeOfAccount,
    createdAt: { kind: 'instant', description: 'When it was logged' },
  },
  tasks: {
    title: { kind: 'text', description: 'Task title' },
    type: { kind: 'enum', values: ['general', 'follow_up', 'reminder', 'deadline'], description: 'Kind of task' },
    priority: { kind: 'enum', values: ['low', 'medium', 'high', 'urgent'], description: 'Priority' },
    status: {
      kind: 'enum',
      values: ['open', 'in_progress', 'completed', 'cancelled', 'pending'],
      description: 'Task status; pending means open or in progress',
    },
    dueAt: { kind: 'instant', description: 'When it is due' },
    overdue: { kind: 'boolean', description: 'Pending and past its due time' },
    assignee: { kind: 'person', description: 'Who it is assigned to (a user name, or "me")' },
    team: teamOf('Assigned to'),
    creator: { kind: 'person', description: 'Who created it (a user name, or "me")' },
    account: { kind: 'account', description: 'Account name' },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    ...placeOfAccount,
    completedAt: { kind: 'instant', description: 'When it was completed' },
    createdAt: { kind: 'instant', description: 'When it was created' },
  },
  notes: {
    body: { kind: 'text', description: 'The text of the note' },
    pinned: { kind: 'boolean', description: 'Pinned to the top of its record' },
    owner: { kind: 'person', description: 'Who wrote it (a user name, or "me")' },
    team: teamOf('Written by'),
    account: { kind: 'account', description: 'Account name' },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    territory: { kind: 'text', description: "Territory name (the account's)" },
    createdAt: { kind: 'instant', description: 'When it was written' },
  },
  quotes: {
    number: { kind: 'text', description: 'Quote number (Q-00042)' },
    title: { kind: 'text', description: 'What is offered' },
    status: {
      kind: 'enum',
      values: ['draft', 'sent', 'accepted', 'rejected', 'expired'],
      description:
        'draft (not sent yet), sent (out and still valid, awaiting an answer), accepted, rejected, expired (sent and past its last day)',
    },
    amount: { kind: 'money', description: 'What the customer pays: the net total of the lines plus tax' },
    currency: { kind: 'text', description: 'ISO currency code' },
    validUntil: { kind: 'date', description: 'The last day the offer stands' },
    sentAt: { kind: 'instant', description: 'When it was sent to the customer' },
    acceptedAt: { kind: 'instant', description: 'When the customer accepted it' },
    owner: { kind: 'person', description: 'Who prepared it (a user name, or "me")' },
    team: teamOf('Prepared by'),
    account: { kind: 'account', description: 'Account name' },
    accountType: accountTypeOfRecord,
    accountOwner: ownerOfAccount,
    ...placeOfAccount,
    createdAt: { kind: 'instant', description: 'When it was made' },
  },
};

/** The time field a period applies to when the plan does not say. */
export const defaultTimeField: Record<QueryEntity, QueryField> = {
  opportunities: 'closeDate',
  leads: 'createdAt',
  accounts: 'createdAt',
  contacts: 'createdAt',
  activities: 'at',
  tasks: 'dueAt',
  notes: 'createdAt',
  quotes: 'createdAt',
};

/** Groupings each entity offers; `month` groups by the month of the entity's default time field. */
export const queryGroupings = [
  'stage',
  'status',
  'owner',
  'account',
  'territory',
  'source',
  'type',
  'priority',
  'assignee',
  'role',
  'industry',
  'country',
  'lossReason',
  'state',
  'city',
  'month',
  'accountType',
  'product',
  'competitor',
] as const;
export const queryGroupingSchema = z.enum(queryGroupings);
export type QueryGrouping = z.infer<typeof queryGroupingSchema>;

/**
 * Groupings by a list a record holds (the products a deal names, its competitors): a record counts in
 * each group it names, so the groups add up to more than the total, which is counted once per record.
 */
export const multiValuedGroupings: readonly QueryGrouping[] = ['product', 'competitor'];

export const groupingsOf: Record<QueryEntity, readonly QueryGrouping[]> = {
  opportunities: [
    'stage',
    'status',
    'owner',
    'account',
    'accountType',
    'territory',
    'lossReason',
    'state',
    'city',
    'month',
    'product',
    'competitor',
  ],
  leads: ['stage', 'status', 'source', 'owner', 'territory', 'state', 'month'],
  accounts: ['type', 'owner', 'territory', 'industry', 'country', 'state', 'city', 'month'],
  contacts: ['role', 'account', 'accountType', 'owner', 'territory', 'month'],
  activities: ['type', 'status', 'owner', 'account', 'accountType', 'territory', 'month'],
  tasks: ['status', 'priority', 'type', 'assignee', 'account', 'accountType', 'territory', 'month'],
  notes: ['owner', 'account', 'territory', 'month'],
  quotes: ['status', 'owner', 'account', 'accountType', 'territory', 'month'],
};

export const queryOperators = [
  'eq',
  'neq',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'isNull',
  'isNotNull',
] as const;
export const queryOperatorSchema = z.enum(queryOperators);
export type QueryOperator = z.infer<typeof queryOperatorSchema>;

/** Which operators each kind of field takes. */
export const operatorsOf: Record<QueryFieldKind, readonly QueryOperator[]> = {
  text: ['eq', 'neq', 'in', 'contains', 'isNull', 'isNotNull'],
  enum: ['eq', 'neq', 'in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'],
  instant: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'],
  person: ['eq', 'neq', 'in', 'isNull', 'isNotNull'],
  account: ['eq', 'neq', 'in', 'isNull', 'isNotNull'],
  boolean: ['eq'],
};

const scalarValue = z.union([z.string().max(200), z.number(), z.boolean()]);

export const queryFilterSchema = z
  .object({
    field: queryFieldSchema,
    op: queryOperatorSchema,
    value: z
      .union([scalarValue, z.array(z.union([z.string().max(200), z.number()])).max(50)])
      .optional()
      .meta({
        description:
          'A scalar for eq/neq/gt/gte/lt/lte/contains, a list for in, [low, high] for between, absent for isNull/isNotNull. Dates are YYYY-MM-DD; people are user names or "me"; accounts are account names',
      }),
  })
  .meta({ id: 'QueryFilter' });
export type QueryFilter = z.infer<typeof queryFilterSchema>;

const planDate = z.iso.date().meta({ description: 'YYYY-MM-DD in the asker’s time zone' });

export const queryTimeRangeSchema = z
  .object({
    field: queryFieldSchema.optional().meta({ description: "A date or time field; default the entity's main one" }),
    from: planDate.optional().meta({ description: 'First day, inclusive' }),
    to: planDate.optional().meta({ description: 'Last day, inclusive' }),
    lastDays: z.number().int().min(1).max(3660).optional().meta({
      description:
        'Instead of from/to: the N × 24 hours up to the moment of asking (activities "in the last 30 days", as the dashboard counts them); a time field only',
    }),
    label: z.string().max(80).optional().meta({ description: 'How the question named the period, e.g. "this month"' }),
  })
  .meta({ id: 'QueryTimeRange' });
export type QueryTimeRange = z.infer<typeof queryTimeRangeSchema>;

export const queryAggregateFunctions = ['count', 'sum', 'avg', 'median', 'rate'] as const;

export const queryAggregationSchema = z
  .object({
    fn: z.enum(queryAggregateFunctions).meta({
      description:
        'count, sum, avg or median of a field, or rate: the share (0–1) of the matching records that also meet `of` (win rate: closed deals, of status won)',
    }),
    field: queryFieldSchema.optional().meta({
      description: 'The number or money field summed, averaged or whose median is asked; none for count and rate',
    }),
    of: z
      .array(queryFilterSchema)
      .min(1)
      .max(5)
      .optional()
      .meta({ description: 'rate only: the conditions whose share is asked (no person or account conditions)' }),
    groupBy: queryGroupingSchema.optional(),
    top: z.number().int().min(1).max(100).optional().meta({
      description: 'groupBy only: just the N groups with the largest figure, largest first ("top 3 reps by pipeline")',
    }),
  })
  .meta({ id: 'QueryAggregation' });
export type QueryAggregation = z.infer<typeof queryAggregationSchema>;

export const querySortSchema = z
  .object({ field: queryFieldSchema, direction: z.enum(['asc', 'desc']) })
  .meta({ id: 'QuerySort' });
export type QuerySort = z.infer<typeof querySortSchema>;

/** A question about records of one entity: filters, a period, then a list or an aggregate. */
export const recordsPlanSchema = z
  .object({
    kind: z.literal('records'),
    entity: queryEntitySchema,
    filters: z.array(queryFilterSchema).max(20).default([]),
    timeRange: queryTimeRangeSchema.optional(),
    compareTo: queryTimeRangeSchema.optional().meta({
      description:
        'Another period of the same field ("this month vs last month"): the same question is answered over it too, side by side. Needs timeRange',
    }),
    aggregation: queryAggregationSchema.optional().meta({ description: 'Absent: list the records' }),
    sort: querySortSchema.optional(),
    limit: z.number().int().min(1).max(200).default(20),
  })
  .meta({ id: 'RecordsPlan' });
export type RecordsPlan = z.infer<typeof recordsPlanSchema>;

export const queryAnalyses = ['accountSummary', 'pipeline', 'activitySummary', 'attainment'] as const;
export type QueryAnalysis = (typeof queryAnalyses)[number];

/**
 * A named analysis: the summary of one account, the open pipeline, activity totals, or attainment (sales
 * targets against what was won, with the pipeline that could close the gap: quota, coverage, "on track").
 */
export const analysisPlanSchema = z
  .object({
    kind: z.literal('analysis'),
    analysis: z.enum(queryAnalyses),
    account: z.string().max(200).optional().meta({ description: 'accountSummary: the account name' }),
    owner: z.string().max(200).optional().meta({ description: 'Only this person’s records (a user name or "me")' }),
    team: z.string().max(200).optional().meta({
      description:
        'Only the records of this manager’s team: theirs and those of everyone reporting to them, down the chain (a user name or "me")',
    }),
    territory: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'pipeline: only deals whose account is in this territory (its name)' }),
    groupBy: z.enum(['stage', 'owner', 'territory', 'month', 'type']).optional().meta({
      description:
        'pipeline: stage, owner, territory or month; activitySummary: type or owner; attainment: none (it is per person)',
    }),
    timeRange: queryTimeRangeSchema.optional(),
    activityType: z
      .enum(['call', 'email', 'meeting', 'task', 'note', 'visit'])
      .optional()
      .meta({ description: 'activitySummary: only this kind of activity' }),
  })
  .meta({ id: 'AnalysisPlan' });
export type AnalysisPlan = z.infer<typeof analysisPlanSchema>;

export const queryPlanSchema = z.discriminatedUnion('kind', [recordsPlanSchema, analysisPlanSchema]).meta({
  id: 'QueryPlan',
  description: 'What the question asks, as a typed plan; executed with the asker’s visibility',
});
export type QueryPlan = z.infer<typeof queryPlanSchema>;
export type QueryPlanInput = z.input<typeof queryPlanSchema>;

export const askQuestionSchema = z
  .strictObject({
    question: z.string().trim().min(1).max(500),
    timeZone: z.string().max(64).optional().meta({
      description: 'IANA zone of the asker, e.g. Europe/Madrid; "today" and "this week" follow it. Default UTC',
    }),
  })
  .meta({ id: 'AskQuestion' });
export type AskQuestion = z.infer<typeof askQuestionSchema>;

export const queryAnswerKinds = ['records', 'aggregate', 'groups', 'analysis', 'candidates'] as const;

export const queryGroupSchema = z
  .object({
    key: z.string().nullable(),
    label: z.string(),
    count: z.number().int(),
    otherCurrencies: z
      .number()
      .int()
      .optional()
      .meta({ description: "Deals: the group's matches in other currencies, counted in count but not in the money" }),
    value: z
      .number()
      .nullable()
      .meta({ description: 'The sum, average, median or rate (0–1) of the group; the count for count' }),
    amount: z.number().optional(),
    weightedAmount: z.number().optional(),
  })
  .meta({ id: 'QueryGroup' });
export type QueryGroup = z.infer<typeof queryGroupSchema>;

export const queryDataSchema = z
  .object({
    kind: z.enum(queryAnswerKinds).meta({
      description:
        'records: a list; aggregate: one figure; groups: a figure per group; analysis: a named analysis; candidates: a name matched several records, rows are the candidates',
    }),
    entity: z.string().nullable().meta({ description: 'The kind of record in rows (users for person candidates)' }),
    total: z.number().int().meta({ description: 'How many records match (before the row limit)' }),
    value: z
      .number()
      .nullable()
      .meta({ description: 'The sum, average, median or rate (0–1) asked for; the count for count; else null' }),
    amount: z.number().nullable().meta({ description: 'Deals: the total amount of the matches' }),
    weightedAmount: z.number().nullable().meta({ description: 'Deals: the total weighted amount of the matches' }),
    currency: z.string().nullable(),
    otherCurrencies: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Deals: matches in other currencies, counted in total but not in the money' }),
    groups: z.array(queryGroupSchema).optional(),
    comparison: z
      .object({
        label: z.string().nullable(),
        total: z.number().int(),
        value: z.number().nullable(),
        amount: z.number().nullable(),
        weightedAmount: z.number().nullable(),
      })
      .optional()
      .meta({ description: "compareTo's figures: the same measures over the other period" }),
    summary: z.record(z.string(), z.unknown()).optional().meta({ description: 'The figures of an analysis' }),
    rows: z
      .array(z.record(z.string(), z.unknown()))
      .meta({ description: 'Records of the kind asked about, each with its id' }),
  })
  .meta({ id: 'QueryData' });
export type QueryData = z.infer<typeof queryDataSchema>;

export const queryAnswerSchema = z
  .object({
    question: z.string(),
    engine: z.enum(['rules', 'llm']),
    plan: z.record(z.string(), z.unknown()).meta({ description: 'The QueryPlan that was executed' }),
    answer: z.string().meta({ description: 'A sentence with the figures and names, then "I understood: …"' }),
    understood: z.string().meta({ description: 'The plan in words, so the asker can check it' }),
    data: queryDataSchema,
  })
  .meta({ id: 'QueryAnswer' });
export type QueryAnswer = z.infer<typeof queryAnswerSchema>;
