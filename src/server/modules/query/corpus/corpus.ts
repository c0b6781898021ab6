import type { QueryField, QueryFilter, QueryPlan, RecordsPlan } from '../../../../shared/contracts/query.js';

/*
 * The question corpus: questions a sales team asks, phrased many ways, with the plan each must become.
 * Run by corpus.test.ts on the rule engine and through the LLM engine (a local stub answering these
 * plans). Plans are compared without period labels; filters compare as a set. Planned at
 * 2026-03-11 10:00 UTC (a Wednesday) in Europe/Madrid, with the directory in `corpusPeople` (and the
 * territories, regions and products below).
 */

export const corpusNow = new Date('2026-03-11T10:00:00Z');
export const corpusTimeZone = 'Europe/Madrid';
export const corpusPeople = [
  { id: '01900000-0000-7000-8000-000000000001', name: 'Ana Lopez' },
  { id: '01900000-0000-7000-8000-000000000002', name: 'Ben Carter' },
  { id: '01900000-0000-7000-8000-000000000003', name: 'Carla Mendes' },
  { id: '01900000-0000-7000-8000-000000000004', name: 'David Kim' },
  { id: '01900000-0000-7000-8000-000000000005', name: 'Elena Rossi' },
];

/** Territories, their region and the products the deals name, as the directory would hand them in. */
export const corpusTerritories = ['North', 'South', 'Great Lakes'];
export const corpusRegions = ['Midwest'];
export const corpusProducts = [
  'Snow blowers',
  'Zero-turn mowers',
  'Compact tractors',
  'Hydraulic pumps',
  'Extended warranty',
];

export type CorpusEntry = { question: string; plan: QueryPlan };

const f = (field: QueryFilter['field'], op: QueryFilter['op'], value?: QueryFilter['value']): QueryFilter =>
  value === undefined ? { field, op } : { field, op, value };
const range = (field: QueryField, from?: string, to?: string) => ({
  field,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
});
type Extras = Partial<Omit<RecordsPlan, 'kind' | 'entity'>>;
const records = (entity: RecordsPlan['entity'], extras: Extras = {}): QueryPlan => ({
  kind: 'records',
  entity,
  filters: [],
  limit: 20,
  ...extras,
});
const deals = (extras: Extras = {}) => records('opportunities', extras);
const leads = (extras: Extras = {}) => records('leads', extras);
const accounts = (extras: Extras = {}) => records('accounts', extras);
const contacts = (extras: Extras = {}) => records('contacts', extras);
const activities = (extras: Extras = {}) => records('activities', extras);
const tasks = (extras: Extras = {}) => records('tasks', extras);
const notes = (extras: Extras = {}) => records('notes', extras);

const open = f('status', 'eq', 'open');
const pending = f('status', 'eq', 'pending');
const me = (field: 'owner' | 'assignee' = 'owner') => f(field, 'eq', 'me');
const count = { fn: 'count' as const };
const sumAmount = { fn: 'sum' as const, field: 'amount' as const };

// Periods at 2026-03-11 (Wednesday).
const thisMonth = ['2026-03-01', '2026-03-31'] as const;
const nextMonth = ['2026-04-01', '2026-04-30'] as const;
const lastMonth = ['2026-02-01', '2026-02-28'] as const;
const lostByReason = { fn: 'count', groupBy: 'lossReason' } as const;
const thisWeek = ['2026-03-09', '2026-03-15'] as const;
const lastWeek = ['2026-03-02', '2026-03-08'] as const;
const nextWeek = ['2026-03-16', '2026-03-22'] as const;
const thisQuarter = ['2026-01-01', '2026-03-31'] as const;
const nextQuarter = ['2026-04-01', '2026-06-30'] as const;
const lastQuarter = ['2025-10-01', '2025-12-31'] as const;
const thisYear = ['2026-01-01', '2026-12-31'] as const;
const today = ['2026-03-11', '2026-03-11'] as const;
const tomorrow = ['2026-03-12', '2026-03-12'] as const;

export const corpus: CorpusEntry[] = [
  // Deals closing in a time frame.
  {
    question: 'Which deals close this month?',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...thisMonth) }),
  },
  {
    question: 'deals closing this month',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...thisMonth) }),
  },
  {
    question: 'What opportunities are expected to close next month?',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextMonth) }),
  },
  {
    question: 'Show me opportunities closing this week',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...thisWeek) }),
  },
  {
    question: 'deals that close next week',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextWeek) }),
  },
  { question: 'Which opps close today?', plan: deals({ filters: [open], timeRange: range('closeDate', ...today) }) },
  { question: 'deals closing tomorrow', plan: deals({ filters: [open], timeRange: range('closeDate', ...tomorrow) }) },
  {
    question: 'opportunities closing this quarter',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...thisQuarter) }),
  },
  {
    question: 'What is closing next quarter?',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextQuarter) }),
  },
  { question: 'deals closing this year', plan: deals({ filters: [open], timeRange: range('closeDate', ...thisYear) }) },
  {
    question: 'deals closing in the next 30 days',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-04-09') }),
  },
  {
    question: 'Which deals close within the next 7 days?',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-03-17') }),
  },
  {
    question: 'opportunities closing over the next two weeks',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-03-24') }),
  },
  {
    question: 'deals closing in the next 90 days',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-06-08') }),
  },
  {
    question: 'deals closing before April 15',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-04-14') }),
  },
  {
    question: 'opportunities that close after April 1st',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-04-02') }),
  },
  {
    question: 'deals closing by Friday',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-13') }),
  },
  { question: 'deals closing in March', plan: deals({ filters: [open], timeRange: range('closeDate', ...thisMonth) }) },
  {
    question: 'opportunities closing in May',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-05-01', '2026-05-31') }),
  },
  {
    question: 'Which deals close in June 2026?',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-06-01', '2026-06-30') }),
  },
  {
    question: 'deals closing in Q3',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-07-01', '2026-09-30') }),
  },
  {
    question: 'opportunities closing in Q1 2027',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2027-01-01', '2027-03-31') }),
  },
  {
    question: 'deals closing in the second quarter',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-04-01', '2026-06-30') }),
  },
  {
    question: 'what closes by the end of the month?',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-31') }),
  },
  {
    question: 'deals closing before the end of the quarter',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-31') }),
  },
  // … with stage, amount, owner and account conditions.
  {
    question: 'deals over 50k closing this month',
    plan: deals({ filters: [open, f('amount', 'gt', 50000)], timeRange: range('closeDate', ...thisMonth) }),
  },
  { question: 'opportunities worth more than $1M', plan: deals({ filters: [f('amount', 'gt', 1000000)] }) },
  { question: 'deals above 250,000', plan: deals({ filters: [f('amount', 'gt', 250000)] }) },
  { question: 'deals of at least $100k', plan: deals({ filters: [f('amount', 'gte', 100000)] }) },
  { question: 'opportunities under 5k', plan: deals({ filters: [f('amount', 'lt', 5000)] }) },
  { question: 'deals between 10k and 50k', plan: deals({ filters: [f('amount', 'between', [10000, 50000])] }) },
  {
    question: 'deals of $500k or more closing next quarter',
    plan: deals({ filters: [open, f('amount', 'gte', 500000)], timeRange: range('closeDate', ...nextQuarter) }),
  },
  {
    question: 'my deals closing this month',
    plan: deals({ filters: [open, me()], timeRange: range('closeDate', ...thisMonth) }),
  },
  {
    question: 'Which of my opportunities close next week?',
    plan: deals({ filters: [open, me()], timeRange: range('closeDate', ...nextWeek) }),
  },
  {
    question: "Ana's deals closing this quarter",
    plan: deals({ filters: [open, f('owner', 'eq', 'Ana')], timeRange: range('closeDate', ...thisQuarter) }),
  },
  { question: 'opportunities owned by Ben Carter', plan: deals({ filters: [f('owner', 'eq', 'Ben Carter')] }) },
  { question: 'deals Carla is working on', plan: deals({ filters: [f('owner', 'eq', 'Carla')] }) },
  { question: 'deals in negotiation', plan: deals({ filters: [f('stage', 'eq', 'negotiation')] }) },
  { question: 'opportunities in the proposal stage', plan: deals({ filters: [f('stage', 'eq', 'proposal')] }) },
  {
    question: 'deals in proposal or negotiation closing this month',
    plan: deals({
      filters: [f('stage', 'in', ['proposal', 'negotiation'])],
      timeRange: range('closeDate', ...thisMonth),
    }),
  },
  { question: 'deals still in prospecting', plan: deals({ filters: [f('stage', 'eq', 'prospecting')] }) },
  {
    question: 'deals in negotiation over 100k',
    plan: deals({ filters: [f('stage', 'eq', 'negotiation'), f('amount', 'gt', 100000)] }),
  },
  { question: 'deals for Acme', plan: deals({ filters: [f('account', 'eq', 'Acme')] }) },
  {
    question: 'opportunities with Globex closing this year',
    plan: deals({ filters: [open, f('account', 'eq', 'Globex')], timeRange: range('closeDate', ...thisYear) }),
  },
  { question: 'Show the Initech deals', plan: deals({ filters: [f('account', 'eq', 'Initech')] }) },
  {
    question: "Acme Corporation's open opportunities",
    plan: deals({ filters: [open, f('account', 'eq', 'Acme Corporation')] }),
  },
  {
    question: 'open deals at "Stark Industries"',
    plan: deals({ filters: [open, f('account', 'eq', 'Stark Industries')] }),
  },
  { question: 'open deals', plan: deals({ filters: [open] }) },
  { question: 'deals in the pipeline owned by David', plan: deals({ filters: [open, f('owner', 'eq', 'David')] }) },
  {
    question: 'deals we won last month',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', ...lastMonth) }),
  },
  {
    question: 'deals lost last quarter',
    plan: deals({ filters: [f('status', 'eq', 'lost')], timeRange: range('closedAt', ...lastQuarter) }),
  },
  {
    question: 'What did we win this year?',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', ...thisYear) }),
  },
  {
    question: 'overdue deals',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-10') }),
  },
  { question: 'deals waiting for approval', plan: deals({ filters: [f('approvalStatus', 'eq', 'pending')] }) },
  { question: 'unassigned opportunities', plan: deals({ filters: [f('owner', 'isNull')] }) },
  { question: 'deals with a probability above 60%', plan: deals({ filters: [f('probability', 'gt', 60)] }) },
  { question: 'opportunities created this month', plan: deals({ timeRange: range('createdAt', ...thisMonth) }) },
  // Sorting and top N.
  // The top deals are the biggest open ones: a lost or won deal only when asked for.
  { question: 'top 5 deals', plan: deals({ filters: [open], sort: { field: 'amount', direction: 'desc' }, limit: 5 }) },
  {
    question: 'What are our 10 biggest open opportunities?',
    plan: deals({ filters: [open], sort: { field: 'amount', direction: 'desc' }, limit: 10 }),
  },
  {
    question: "What's our biggest deal?",
    plan: deals({ filters: [open], sort: { field: 'amount', direction: 'desc' }, limit: 1 }),
  },
  {
    question: 'largest deals closing this quarter',
    plan: deals({
      filters: [open],
      timeRange: range('closeDate', ...thisQuarter),
      sort: { field: 'amount', direction: 'desc' },
    }),
  },
  { question: 'smallest open deals', plan: deals({ filters: [open], sort: { field: 'amount', direction: 'asc' } }) },
  { question: 'most recent opportunities', plan: deals({ sort: { field: 'createdAt', direction: 'desc' } }) },
  {
    question: 'my open deals sorted by close date',
    plan: deals({ filters: [open, me()], sort: { field: 'closeDate', direction: 'asc' } }),
  },
  // Counts, totals and averages of deals.
  {
    question: 'How many deals close this month?',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...thisMonth), aggregation: count }),
  },
  { question: 'number of open opportunities', plan: deals({ filters: [open], aggregation: count }) },
  {
    question: 'how many deals did we lose last month',
    plan: deals({
      filters: [f('status', 'eq', 'lost')],
      timeRange: range('closedAt', ...lastMonth),
      aggregation: count,
    }),
  },
  { question: 'count my open deals', plan: deals({ filters: [open, me()], aggregation: count }) },
  { question: 'What is the total value of open deals?', plan: deals({ filters: [open], aggregation: sumAmount }) },
  {
    question: 'total amount of deals closing next month',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextMonth), aggregation: sumAmount }),
  },
  {
    question: 'How much did we win last quarter?',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'sum of deals in negotiation',
    plan: deals({ filters: [f('stage', 'eq', 'negotiation')], aggregation: sumAmount }),
  },
  { question: 'what are my open deals worth?', plan: deals({ filters: [open, me()], aggregation: sumAmount }) },
  {
    question: 'total weighted amount of open deals',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'weightedAmount' } }),
  },
  {
    question: 'average deal size',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'avg', field: 'amount' } }),
  },
  {
    question: 'What is the average size of deals won this year?',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'avg', field: 'amount' },
    }),
  },
  {
    question: 'average probability of open deals',
    plan: deals({ filters: [open], aggregation: { fn: 'avg', field: 'probability' } }),
  },
  { question: 'count deals by stage', plan: deals({ aggregation: { fn: 'count', groupBy: 'stage' } }) },
  {
    question: 'total value of open deals by owner',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' } }),
  },
  {
    question: 'deals won this year per rep',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'count', groupBy: 'owner' },
    }),
  },
  {
    question: 'How many opportunities per account?',
    plan: deals({ aggregation: { fn: 'count', groupBy: 'account' } }),
  },
  {
    question: 'open deal value by month',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'month' } }),
  },
  // Pipeline analysis.
  { question: 'show me the pipeline', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'stage' } },
  { question: 'pipeline by stage', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'stage' } },
  {
    question: 'How does the pipeline look by owner?',
    plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'owner' },
  },
  { question: "what's my pipeline?", plan: { kind: 'analysis', analysis: 'pipeline', owner: 'me', groupBy: 'stage' } },
  {
    question: 'weighted pipeline for next quarter',
    plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'stage', timeRange: range('closeDate', ...nextQuarter) },
  },
  { question: 'pipeline by territory', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'territory' } },
  { question: 'pipeline analysis by month', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'month' } },
  { question: 'forecast', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'month' } },
  {
    question: "Ben's pipeline this quarter",
    plan: {
      kind: 'analysis',
      analysis: 'pipeline',
      owner: 'Ben',
      groupBy: 'stage',
      timeRange: range('closeDate', ...thisQuarter),
    },
  },
  // Tasks.
  { question: 'my overdue tasks', plan: tasks({ filters: [me('assignee'), f('overdue', 'eq', true)] }) },
  { question: 'What tasks are overdue?', plan: tasks({ filters: [f('overdue', 'eq', true)] }) },
  { question: "Ben's overdue tasks", plan: tasks({ filters: [f('assignee', 'eq', 'Ben'), f('overdue', 'eq', true)] }) },
  { question: 'what are my pending tasks', plan: tasks({ filters: [me('assignee'), pending] }) },
  { question: 'my open to-dos', plan: tasks({ filters: [me('assignee'), pending] }) },
  { question: 'tasks due today', plan: tasks({ filters: [pending], timeRange: range('dueAt', ...today) }) },
  {
    question: 'What do I have due this week?',
    plan: tasks({ filters: [me('assignee'), pending], timeRange: range('dueAt', ...thisWeek) }),
  },
  {
    question: 'tasks due tomorrow for Carla',
    plan: tasks({ filters: [pending, f('assignee', 'eq', 'Carla')], timeRange: range('dueAt', ...tomorrow) }),
  },
  { question: 'pending tasks for Acme', plan: tasks({ filters: [pending, f('account', 'eq', 'Acme')] }) },
  {
    question: 'overdue tasks on the Globex account',
    plan: tasks({ filters: [f('overdue', 'eq', true), f('account', 'eq', 'Globex')] }),
  },
  {
    question: 'How many overdue tasks does David have?',
    plan: tasks({ filters: [f('assignee', 'eq', 'David'), f('overdue', 'eq', true)], aggregation: count }),
  },
  {
    question: 'count of open tasks by assignee',
    plan: tasks({ filters: [pending], aggregation: { fn: 'count', groupBy: 'assignee' } }),
  },
  { question: 'urgent tasks', plan: tasks({ filters: [pending, f('priority', 'eq', 'urgent')] }) },
  {
    question: 'my high priority tasks',
    plan: tasks({ filters: [me('assignee'), pending, f('priority', 'eq', 'high')] }),
  },
  {
    question: 'follow-ups due next week',
    plan: tasks({ filters: [pending, f('type', 'eq', 'follow_up')], timeRange: range('dueAt', ...nextWeek) }),
  },
  {
    question: 'tasks I completed last week',
    plan: tasks({
      filters: [me('assignee'), f('status', 'eq', 'completed')],
      timeRange: range('completedAt', ...lastWeek),
    }),
  },
  { question: 'upcoming tasks', plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-11') }) },
  {
    question: 'tasks by priority',
    plan: tasks({ filters: [pending], aggregation: { fn: 'count', groupBy: 'priority' } }),
  },
  // Leads.
  // Hot, warm and cold leads are open ones.
  { question: 'hot leads', plan: leads({ filters: [f('score', 'gte', 70), open] }) },
  { question: 'show me my hot leads', plan: leads({ filters: [f('score', 'gte', 70), me(), open] }) },
  { question: 'leads with a score above 70', plan: leads({ filters: [f('score', 'gt', 70)] }) },
  { question: 'leads scoring at least 50', plan: leads({ filters: [f('score', 'gte', 50)] }) },
  { question: 'cold leads', plan: leads({ filters: [f('score', 'lt', 40), open] }) },
  { question: 'leads from the website', plan: leads({ filters: [f('source', 'eq', 'website')] }) },
  {
    question: 'leads from trade shows this quarter',
    plan: leads({ filters: [f('source', 'eq', 'trade_show')], timeRange: range('createdAt', ...thisQuarter) }),
  },
  { question: 'referral leads', plan: leads({ filters: [f('source', 'eq', 'referral')] }) },
  {
    question: 'How many leads came from cold calls?',
    plan: leads({ filters: [f('source', 'eq', 'cold_call')], aggregation: count }),
  },
  {
    question: 'leads from social media last month',
    plan: leads({ filters: [f('source', 'eq', 'social_media')], timeRange: range('createdAt', ...lastMonth) }),
  },
  { question: 'count leads by source', plan: leads({ aggregation: { fn: 'count', groupBy: 'source' } }) },
  // A lead question about stages is about the funnel as it stands: open leads, unless a status is named.
  {
    question: 'show me the lead funnel',
    plan: leads({ filters: [open], aggregation: { fn: 'count', groupBy: 'stage' } }),
  },
  { question: 'top loss reasons', plan: deals({ filters: [f('status', 'eq', 'lost')], aggregation: lostByReason }) },
  {
    question: 'who closed the most deals this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', '2026-01-01', '2026-03-31'),
      aggregation: { fn: 'count', groupBy: 'owner' },
    }),
  },
  {
    question: 'how many deals did I close last month',
    plan: deals({
      filters: [f('owner', 'eq', 'me'), f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...lastMonth),
      aggregation: count,
    }),
  },
  {
    question: 'closed deals last month',
    plan: deals({ filters: [f('status', 'eq', 'closed')], timeRange: range('closedAt', ...lastMonth) }),
  },
  {
    question: 'who do we lose to most?',
    plan: deals({ filters: [f('status', 'eq', 'lost')], aggregation: { fn: 'count', groupBy: 'competitor' } }),
  },
  {
    question: 'lost deals by reason last month',
    plan: deals({
      filters: [f('status', 'eq', 'lost')],
      timeRange: range('closedAt', ...lastMonth),
      aggregation: lostByReason,
    }),
  },
  {
    question: 'deals moved to won last month',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', ...lastMonth) }),
  },
  {
    question: 'how many leads per stage',
    plan: leads({ filters: [open], aggregation: { fn: 'count', groupBy: 'stage' } }),
  },
  { question: 'qualified leads', plan: leads({ filters: [f('stage', 'eq', 'qualified'), open] }) },
  { question: 'leads in negotiation', plan: leads({ filters: [f('stage', 'eq', 'negotiation'), open] }) },
  {
    question: 'how many leads in negotiation',
    plan: leads({ filters: [f('stage', 'eq', 'negotiation'), open], aggregation: count }),
  },
  { question: 'leads in proposal stage', plan: leads({ filters: [f('stage', 'eq', 'proposal'), open] }) },
  { question: 'leads by stage', plan: leads({ filters: [open], aggregation: { fn: 'count', groupBy: 'stage' } }) },
  {
    question: 'converted leads by stage',
    plan: leads({ filters: [f('status', 'eq', 'converted')], aggregation: { fn: 'count', groupBy: 'stage' } }),
  },
  {
    question: 'disqualified leads in negotiation',
    plan: leads({ filters: [f('stage', 'eq', 'negotiation'), f('status', 'eq', 'disqualified')] }),
  },
  { question: 'open leads', plan: leads({ filters: [f('status', 'eq', 'open')] }) },
  {
    question: 'How many leads did we convert this year?',
    plan: leads({
      filters: [f('status', 'eq', 'converted')],
      timeRange: range('convertedAt', ...thisYear),
      aggregation: count,
    }),
  },
  { question: 'disqualified leads', plan: leads({ filters: [f('status', 'eq', 'disqualified')] }) },
  { question: 'new leads this week', plan: leads({ timeRange: range('createdAt', ...thisWeek) }) },
  {
    question: 'how many new leads did we get last month',
    plan: leads({ timeRange: range('createdAt', ...lastMonth), aggregation: count }),
  },
  { question: "Elena's open leads", plan: leads({ filters: [f('owner', 'eq', 'Elena'), f('status', 'eq', 'open')] }) },
  { question: 'top 10 leads', plan: leads({ sort: { field: 'score', direction: 'desc' }, limit: 10 }) },
  { question: 'average lead score', plan: leads({ aggregation: { fn: 'avg', field: 'score' } }) },
  {
    question: 'average score of leads from referrals',
    plan: leads({ filters: [f('source', 'eq', 'referral')], aggregation: { fn: 'avg', field: 'score' } }),
  },
  { question: 'leads from Initech', plan: leads({ filters: [f('company', 'contains', 'Initech')] }) },
  {
    question: 'hot leads from the website',
    plan: leads({ filters: [f('score', 'gte', 70), f('source', 'eq', 'website'), open] }),
  },
  // Activities.
  {
    question: 'How many visits did Ana make last week?',
    plan: activities({
      filters: [f('owner', 'eq', 'Ana'), f('type', 'eq', 'visit'), f('status', 'eq', 'completed')],
      timeRange: range('at', ...lastWeek),
      aggregation: count,
    }),
  },
  {
    question: 'how many calls did I make this week',
    plan: activities({
      filters: [me(), f('type', 'eq', 'call'), f('status', 'eq', 'completed')],
      timeRange: range('at', ...thisWeek),
      aggregation: count,
    }),
  },
  {
    question: 'meetings with Globex last month',
    plan: activities({
      filters: [f('type', 'eq', 'meeting'), f('account', 'eq', 'Globex')],
      timeRange: range('at', ...lastMonth),
    }),
  },
  {
    question: 'my meetings tomorrow',
    plan: activities({ filters: [me(), f('type', 'eq', 'meeting')], timeRange: range('at', ...tomorrow) }),
  },
  {
    question: 'visits to Acme this year',
    plan: activities({
      filters: [f('type', 'eq', 'visit'), f('account', 'eq', 'Acme')],
      timeRange: range('at', ...thisYear),
    }),
  },
  // Calls logged (made, done) on a day are those of that day, at the activity's own moment, whenever entered.
  {
    question: 'calls logged by Ben Carter yesterday',
    plan: activities({
      filters: [f('owner', 'eq', 'Ben Carter'), f('type', 'eq', 'call'), f('status', 'eq', 'completed')],
      timeRange: range('at', '2026-03-10', '2026-03-10'),
    }),
  },
  {
    question: 'calls logged this week',
    plan: activities({
      filters: [f('type', 'eq', 'call'), f('status', 'eq', 'completed')],
      timeRange: range('at', ...thisWeek),
    }),
  },
  // "The last 30 days" of activities is the dashboard's window: the 30 × 24 hours up to now.
  {
    question: 'how many activities in the last 30 days',
    plan: activities({ timeRange: { field: 'at', lastDays: 30 }, aggregation: count }),
  },
  {
    question: 'visits in the past 2 weeks',
    plan: activities({ filters: [f('type', 'eq', 'visit')], timeRange: { field: 'at', lastDays: 14 } }),
  },
  {
    question: 'activity summary for the last 30 days',
    plan: { kind: 'analysis', analysis: 'activitySummary', groupBy: 'type', timeRange: { field: 'at', lastDays: 30 } },
  },
  // Other records keep calendar days: a lead cannot come in later today.
  {
    question: 'leads created in the last 30 days',
    plan: leads({ timeRange: { field: 'createdAt', lastDays: 30 } }),
  },
  {
    question: 'activities by type last month',
    plan: activities({ timeRange: range('at', ...lastMonth), aggregation: { fn: 'count', groupBy: 'type' } }),
  },
  {
    question: 'number of visits per rep this month',
    plan: activities({
      filters: [f('type', 'eq', 'visit')],
      timeRange: range('at', ...thisMonth),
      aggregation: { fn: 'count', groupBy: 'owner' },
    }),
  },
  {
    question: 'upcoming meetings',
    plan: activities({
      filters: [f('type', 'eq', 'meeting'), f('status', 'eq', 'planned')],
      timeRange: range('at', '2026-03-11'),
    }),
  },
  {
    question: 'planned visits next week',
    plan: activities({
      filters: [f('type', 'eq', 'visit'), f('status', 'eq', 'planned')],
      timeRange: range('at', ...nextWeek),
    }),
  },
  {
    question: 'recent activities on the Initech account',
    plan: activities({ filters: [f('account', 'eq', 'Initech')], sort: { field: 'at', direction: 'desc' } }),
  },
  {
    question: 'emails to Globex in the last 30 days',
    plan: activities({
      filters: [f('type', 'eq', 'email'), f('account', 'eq', 'Globex')],
      timeRange: { field: 'at', lastDays: 30 },
    }),
  },
  {
    question: 'activity summary for last month',
    plan: { kind: 'analysis', analysis: 'activitySummary', groupBy: 'type', timeRange: range('at', ...lastMonth) },
  },
  {
    question: 'summarize my activities this week',
    plan: {
      kind: 'analysis',
      analysis: 'activitySummary',
      owner: 'me',
      groupBy: 'type',
      timeRange: range('at', ...thisWeek),
    },
  },
  {
    question: 'activity report by owner for this quarter',
    plan: { kind: 'analysis', analysis: 'activitySummary', groupBy: 'owner', timeRange: range('at', ...thisQuarter) },
  },
  {
    question: 'How active was Carla last month?',
    plan: {
      kind: 'analysis',
      analysis: 'activitySummary',
      owner: 'Carla',
      groupBy: 'type',
      timeRange: range('at', ...lastMonth),
    },
  },
  // Accounts and contacts.
  {
    question: 'summary of the Globex account',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Globex' },
  },
  {
    question: 'tell me about Acme Corporation',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Acme Corporation' },
  },
  {
    question: 'give me an overview of Initech',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Initech' },
  },
  { question: 'How is Umbrella doing?', plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Umbrella' } },
  {
    question: 'summarize Stark Industries',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Stark Industries' },
  },
  {
    question: 'account summary for "Wayne Enterprises"',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Wayne Enterprises' },
  },
  { question: 'list my accounts', plan: accounts({ filters: [me()] }) },
  {
    question: 'How many customers do we have?',
    plan: accounts({ filters: [f('type', 'eq', 'customer')], aggregation: count }),
  },
  {
    question: 'distributors in Germany',
    plan: accounts({ filters: [f('type', 'eq', 'distributor'), f('country', 'in', ['Germany', 'DE'])] }),
  },
  {
    question: 'dealers owned by Ben',
    plan: accounts({ filters: [f('type', 'eq', 'dealer'), f('owner', 'eq', 'Ben')] }),
  },
  {
    question: 'accounts with annual revenue over 10M',
    plan: accounts({ filters: [f('annualRevenue', 'gt', 10000000)] }),
  },
  { question: 'accounts with more than 500 employees', plan: accounts({ filters: [f('employees', 'gt', 500)] }) },
  { question: 'count accounts by type', plan: accounts({ aggregation: { fn: 'count', groupBy: 'type' } }) },
  { question: 'new accounts this quarter', plan: accounts({ timeRange: range('createdAt', ...thisQuarter) }) },
  {
    question: 'top 5 accounts by revenue',
    plan: accounts({ sort: { field: 'annualRevenue', direction: 'desc' }, limit: 5 }),
  },
  { question: 'accounts in the North territory', plan: accounts({ filters: [f('territory', 'eq', 'North')] }) },
  { question: 'contacts at Acme', plan: contacts({ filters: [f('account', 'eq', 'Acme')] }) },
  {
    question: 'decision makers at Globex',
    plan: contacts({ filters: [f('role', 'eq', 'decision_maker'), f('account', 'eq', 'Globex')] }),
  },
  { question: 'how many contacts do I have', plan: contacts({ filters: [me()], aggregation: count }) },
  { question: 'primary contacts', plan: contacts({ filters: [f('isPrimary', 'eq', true)] }) },
  { question: 'contacts by role', plan: contacts({ aggregation: { fn: 'count', groupBy: 'role' } }) },
  // Rankings, negations and looser phrasings.
  {
    question: 'who has the most open deals?',
    plan: deals({ filters: [open], aggregation: { fn: 'count', groupBy: 'owner' } }),
  },
  {
    question: 'which rep has the biggest pipeline',
    plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'owner' },
  },
  { question: 'which account has the most deals', plan: deals({ aggregation: { fn: 'count', groupBy: 'account' } }) },
  // Openings, courtesy and amounts in words.
  {
    question: 'hey, how many leads from referrals?',
    plan: leads({ filters: [f('source', 'eq', 'referral')], aggregation: count }),
  },
  { question: 'I was wondering how many open deals we have', plan: deals({ filters: [open], aggregation: count }) },
  {
    question: 'quick question: open deals over fifty thousand please',
    plan: deals({ filters: [f('amount', 'gt', 50_000), open] }),
  },
  { question: 'deals worth more than half a million', plan: deals({ filters: [f('amount', 'gt', 500_000)] }) },
  // Rankings of groups said with "what", "which of my/our/the", a group noun and a superlative.
  {
    question: 'which of my reps has the most overdue tasks',
    plan: tasks({ filters: [f('overdue', 'eq', true)], aggregation: { fn: 'count', groupBy: 'assignee' } }),
  },
  {
    question: 'what rep has the most open deals',
    plan: deals({ filters: [open], aggregation: { fn: 'count', groupBy: 'owner' } }),
  },
  {
    question: 'which stage has the most deals',
    plan: deals({ aggregation: { fn: 'count', groupBy: 'stage' }, sort: { field: 'amount', direction: 'desc' } }),
  },
  {
    question: 'which of our dealers have the biggest pipeline',
    plan: deals({
      filters: [f('accountType', 'eq', 'dealer'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' },
    }),
  },
  {
    question: 'what territory has the biggest pipeline',
    plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'territory' },
  },
  {
    question: "which of Ana's reps has the biggest pipeline",
    plan: { kind: 'analysis', analysis: 'pipeline', team: 'Ana', groupBy: 'owner' },
  },
  {
    question: 'which of the reps closed the most deals',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'count', groupBy: 'owner' } }),
  },
  {
    question: 'which of my accounts has the most open deals',
    plan: deals({ filters: [open, f('accountOwner', 'eq', 'me')], aggregation: { fn: 'count', groupBy: 'account' } }),
  },
  {
    question: 'revenue won this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: sumAmount,
    }),
  },
  { question: 'leads not yet converted', plan: leads({ filters: [f('status', 'neq', 'converted')] }) },
  {
    question: 'what should I do today',
    plan: tasks({ filters: [me('assignee'), pending], timeRange: range('dueAt', ...today) }),
  },
  {
    question: 'what happened with Initech last week',
    plan: activities({ filters: [f('account', 'eq', 'Initech')], timeRange: range('at', ...lastWeek) }),
  },
  { question: 'Do I have any tasks overdue?', plan: tasks({ filters: [me('assignee'), f('overdue', 'eq', true)] }) },
  { question: 'Which leads have a score of 80 or more?', plan: leads({ filters: [f('score', 'gte', 80)] }) },
  {
    question: 'leads that came in this week from LinkedIn',
    plan: leads({ filters: [f('source', 'eq', 'social_media')], timeRange: range('createdAt', ...thisWeek) }),
  },
  {
    question: 'List deals Ana Lopez owns that are worth over 75k',
    plan: deals({ filters: [f('owner', 'eq', 'Ana Lopez'), f('amount', 'gt', 75000)] }),
  },
  {
    question: 'what deals slipped',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-10') }),
  },
  { question: 'My deals > 100k', plan: deals({ filters: [me(), f('amount', 'gt', 100000)] }) },
  {
    question: 'open tasks for this week assigned to David Kim',
    plan: tasks({ filters: [pending, f('assignee', 'eq', 'David Kim')], timeRange: range('dueAt', ...thisWeek) }),
  },
  {
    question: 'What did Elena do yesterday?',
    plan: activities({
      filters: [f('owner', 'eq', 'Elena'), f('status', 'eq', 'completed')],
      timeRange: range('at', '2026-03-10', '2026-03-10'),
    }),
  },
  { question: 'leads with score between 50 and 80', plan: leads({ filters: [f('score', 'between', [50, 80])] }) },
  {
    question: 'Show me the top 3 hot leads',
    plan: leads({ filters: [f('score', 'gte', 70), open], sort: { field: 'score', direction: 'desc' }, limit: 3 }),
  },
  {
    question: 'average deal value by stage',
    plan: deals({ aggregation: { fn: 'avg', field: 'amount', groupBy: 'stage' } }),
  },
  {
    question: 'count won deals by month this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'count', groupBy: 'month' },
    }),
  },
  {
    question: 'list every lead created since last monday',
    plan: leads({ timeRange: range('createdAt', '2026-03-09') }),
  },
  { question: 'Overdue tasks of my team', plan: tasks({ filters: [f('overdue', 'eq', true)] }) },
  {
    question: 'Which accounts in France have no activity in 30 days?',
    plan: accounts({ filters: [f('country', 'in', ['France', 'FR']), f('daysSinceActivity', 'gt', 30)] }),
  },
  {
    question: 'customers we have not visited in 3 months',
    plan: accounts({ filters: [f('type', 'eq', 'customer'), f('daysSinceVisit', 'gt', 90)] }),
  },
  { question: "my team's pipeline", plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'stage' } },
  {
    question: 'tasks due soon',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-11', '2026-03-18') }),
  },
  {
    question: 'show me everything about Acme',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Acme' },
  },
  {
    question: "I'd like to see leads from referrals with a high score",
    plan: leads({ filters: [f('score', 'gte', 70), f('source', 'eq', 'referral'), open] }),
  },
  {
    question: 'list the deals expected to close in 2 weeks',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-03-24') }),
  },
  {
    question: 'Can you please show me the deals Ana Lopes is closing next month?',
    plan: deals({ filters: [open, f('owner', 'eq', 'Ana Lopes')], timeRange: range('closeDate', ...nextMonth) }),
  },
  {
    question: 'how many deals has Ben won this year',
    plan: deals({
      filters: [f('owner', 'eq', 'Ben'), f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: count,
    }),
  },
  {
    question: 'weighted value of deals closing this quarter',
    plan: deals({
      filters: [open],
      timeRange: range('closeDate', ...thisQuarter),
      aggregation: { fn: 'sum', field: 'weightedAmount' },
    }),
  },
  {
    question: 'deals closing between March 1 and March 15',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-01', '2026-03-15') }),
  },
  { question: 'leads since January', plan: leads({ timeRange: range('createdAt', '2026-01-01') }) },
  {
    question: 'deals closing from April to June',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-04-01', '2026-06-30') }),
  },
  {
    question: 'deals won before February',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', undefined, '2026-01-31') }),
  },
  {
    question: 'deals won in the past 6 months',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', '2025-09-11', '2026-03-11') }),
  },
  {
    question: 'deals won year to date',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', '2026-01-01', '2026-03-11') }),
  },
  {
    question: 'partners with more than 100 employees',
    plan: accounts({ filters: [f('type', 'eq', 'partner'), f('employees', 'gt', 100)] }),
  },
  {
    question: 'how many open tasks does each rep have',
    plan: tasks({ filters: [pending], aggregation: { fn: 'count', groupBy: 'assignee' } }),
  },
  { question: 'show contacts with title CFO', plan: contacts({ filters: [f('title', 'contains', 'CFO')] }) },
  { question: 'list contacts named Smith', plan: contacts({ filters: [f('name', 'contains', 'Smith')] }) },
  { question: 'deals called Renewal 2026', plan: deals({ filters: [f('name', 'contains', 'Renewal 2026')] }) },
  { question: 'tasks about pricing', plan: tasks({ filters: [pending, f('title', 'contains', 'pricing')] }) },
  {
    question: 'Opportunities: stage=proposal, amount>10000',
    plan: deals({ filters: [f('stage', 'eq', 'proposal'), f('amount', 'gt', 10000)] }),
  },
  { question: 'leads score>80', plan: leads({ filters: [f('score', 'gt', 80)] }) },
  {
    question: 'deals where the amount is greater than 20000 and the stage is negotiation',
    plan: deals({ filters: [f('amount', 'gt', 20000), f('stage', 'eq', 'negotiation')] }),
  },
  {
    question: 'give me the count of leads created last week by source',
    plan: leads({ timeRange: range('createdAt', ...lastWeek), aggregation: { fn: 'count', groupBy: 'source' } }),
  },
  {
    question: 'sum the amounts of won deals by territory',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'territory' },
    }),
  },
  {
    question: 'how many meetings are scheduled for next week',
    plan: activities({
      filters: [f('type', 'eq', 'meeting'), f('status', 'eq', 'planned')],
      timeRange: range('at', ...nextWeek),
      aggregation: count,
    }),
  },
  {
    question: 'when did we last visit Initech',
    plan: activities({
      filters: [f('type', 'eq', 'visit'), f('status', 'eq', 'completed'), f('account', 'eq', 'Initech')],
      sort: { field: 'at', direction: 'desc' },
      limit: 1,
    }),
  },
  { question: 'contacts without an email', plan: contacts({ filters: [f('email', 'isNull')] }) },
  {
    question: 'Show me what Globex bought',
    plan: deals({ filters: [f('status', 'eq', 'won'), f('account', 'eq', 'Globex')] }),
  },
  {
    question: 'total meeting minutes this month',
    plan: activities({
      filters: [f('type', 'eq', 'meeting')],
      timeRange: range('at', ...thisMonth),
      aggregation: { fn: 'sum', field: 'durationMinutes' },
    }),
  },
  {
    question: 'average call duration',
    plan: activities({ filters: [f('type', 'eq', 'call')], aggregation: { fn: 'avg', field: 'durationMinutes' } }),
  },
  {
    question: 'How many activities did each rep log this month?',
    plan: activities({
      filters: [f('status', 'eq', 'completed')],
      timeRange: range('at', ...thisMonth),
      aggregation: { fn: 'count', groupBy: 'owner' },
    }),
  },
  {
    question: 'activity breakdown by type for Ben this quarter',
    plan: {
      kind: 'analysis',
      analysis: 'activitySummary',
      owner: 'Ben',
      groupBy: 'type',
      timeRange: range('at', ...thisQuarter),
    },
  },
  {
    question: 'largest customers by revenue',
    plan: accounts({ filters: [f('type', 'eq', 'customer')], sort: { field: 'annualRevenue', direction: 'desc' } }),
  },
  {
    question: 'how many accounts per territory',
    plan: accounts({ aggregation: { fn: 'count', groupBy: 'territory' } }),
  },
  {
    question: 'how many decision makers do we have',
    plan: contacts({ filters: [f('role', 'eq', 'decision_maker')], aggregation: count }),
  },
  {
    question: 'which tasks are due before Friday',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', undefined, '2026-03-12') }),
  },
  { question: 'unqualified leads', plan: leads({ filters: [f('stage', 'eq', 'inquiry'), open] }) },
  { question: 'leads assigned to nobody', plan: leads({ filters: [f('owner', 'isNull')] }) },
  {
    question: 'Which leads converted last month?',
    plan: leads({ filters: [f('status', 'eq', 'converted')], timeRange: range('convertedAt', ...lastMonth) }),
  },
  {
    question: 'what follow ups do I have this week',
    plan: tasks({
      filters: [me('assignee'), f('type', 'eq', 'follow_up'), pending],
      timeRange: range('dueAt', ...thisWeek),
    }),
  },
  {
    question: 'oppurtunities closing next week',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextWeek) }),
  },
  { question: 'how many opportunites do I have', plan: deals({ filters: [me()], aggregation: count }) },
  {
    question: 'OPEN DEALS CLOSING NEXT MONTH',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextMonth) }),
  },
  // Rates: the share of the matches that meet the rate's own conditions.
  {
    question: 'what is our win rate this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'closed')],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')] },
    }),
  },
  {
    question: 'win rate by rep',
    plan: deals({
      filters: [f('status', 'eq', 'closed')],
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')], groupBy: 'owner' },
    }),
  },
  {
    question: 'Who has the best close rate last quarter?',
    plan: deals({
      filters: [f('status', 'eq', 'closed')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')], groupBy: 'owner' },
    }),
  },
  {
    question: 'my loss rate this year',
    plan: deals({
      filters: [me(), f('status', 'eq', 'closed')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'lost')] },
    }),
  },
  {
    question: 'what percentage of my deals were won last quarter',
    plan: deals({
      filters: [me(), f('status', 'eq', 'closed')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')] },
    }),
  },
  {
    question: 'lead conversion rate by source',
    plan: leads({ aggregation: { fn: 'rate', of: [f('status', 'eq', 'converted')], groupBy: 'source' } }),
  },
  {
    question: 'what percentage of leads converted this year',
    plan: leads({
      timeRange: range('createdAt', ...thisYear),
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'converted')] },
    }),
  },
  {
    question: 'conversion rate of trade show leads',
    plan: leads({
      filters: [f('source', 'eq', 'trade_show')],
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'converted')] },
    }),
  },
  {
    question: 'what share of leads come from referrals',
    plan: leads({ aggregation: { fn: 'rate', of: [f('source', 'eq', 'referral')] } }),
  },
  {
    question: 'what proportion of my tasks are overdue',
    plan: tasks({ filters: [me('assignee'), pending], aggregation: { fn: 'rate', of: [f('overdue', 'eq', true)] } }),
  },
  {
    question: 'what percent of open tasks are high priority',
    plan: tasks({ filters: [pending], aggregation: { fn: 'rate', of: [f('priority', 'eq', 'high')] } }),
  },
  {
    question: 'percentage of leads that are hot',
    plan: leads({ aggregation: { fn: 'rate', of: [f('score', 'gte', 70)] } }),
  },
  // Durations: the sales cycle of won deals, the time a lead takes to convert.
  {
    question: "what's our average sales cycle",
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'avg', field: 'cycleDays' } }),
  },
  {
    question: 'how long does it take to close a deal',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'avg', field: 'cycleDays' } }),
  },
  {
    question: 'sales cycle by owner this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'avg', field: 'cycleDays', groupBy: 'owner' },
    }),
  },
  {
    question: 'how long do leads take to convert',
    plan: leads({ filters: [f('status', 'eq', 'converted')], aggregation: { fn: 'avg', field: 'daysToConvert' } }),
  },
  // Selling, performance and rankings of groups by the records counted after them.
  {
    question: 'how much did we sell last month',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...lastMonth),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'best performing rep this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: { ...sumAmount, groupBy: 'owner' },
      sort: { field: 'amount', direction: 'desc' },
    }),
  },
  {
    question: 'which accounts have the most open deals',
    plan: deals({ filters: [open], aggregation: { fn: 'count', groupBy: 'account' } }),
  },
  {
    question: 'which reps have the most overdue tasks',
    plan: tasks({ filters: [f('overdue', 'eq', true)], aggregation: { fn: 'count', groupBy: 'assignee' } }),
  },
  // Records without activity: never, or not for a while.
  {
    question: "which leads haven't been contacted",
    plan: leads({ filters: [f('daysSinceActivity', 'gt', 99_999), f('status', 'eq', 'open')] }),
  },
  {
    question: 'show me stalled deals',
    plan: deals({ filters: [f('daysSinceActivity', 'gt', 30), open] }),
  },
  {
    question: 'leads going cold',
    plan: leads({ filters: [f('daysSinceActivity', 'gt', 30), f('status', 'eq', 'open')] }),
  },
  {
    question: "what's our typical deal size this year",
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'avg', field: 'amount' },
    }),
  },
  {
    question: 'open deals not touched for 2 weeks',
    plan: deals({ filters: [open, f('daysSinceActivity', 'gt', 14)] }),
  },
  // Slipping deals, what is on today, statuses compared, what someone did to customers.
  {
    question: 'show deals slipping',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-10') }),
  },
  {
    question: 'what do I have on today',
    plan: tasks({ filters: [me('assignee'), pending], timeRange: range('dueAt', '2026-03-11', '2026-03-11') }),
  },
  {
    question: 'compare won vs lost deals this quarter',
    plan: deals({
      filters: [f('status', 'in', ['won', 'lost'])],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: { fn: 'count', groupBy: 'status' },
    }),
  },
  {
    question: 'how many customers did Ben visit last week',
    plan: activities({
      filters: [f('owner', 'eq', 'Ben'), f('type', 'eq', 'visit'), f('status', 'eq', 'completed')],
      timeRange: range('at', ...lastWeek),
      aggregation: count,
    }),
  },
  // US states by name, matched with their postal codes.
  { question: 'accounts in Texas', plan: accounts({ filters: [f('state', 'in', ['Texas', 'TX'])] }) },
  {
    question: 'how many dealers do we have in Ohio',
    plan: accounts({ filters: [f('state', 'in', ['Ohio', 'OH']), f('type', 'eq', 'dealer')], aggregation: count }),
  },
  // Who created a task, as opposed to who it is assigned to.
  {
    question: 'how many tasks did Ben create this week',
    plan: tasks({
      filters: [f('creator', 'eq', 'Ben')],
      timeRange: range('createdAt', ...thisWeek),
      aggregation: count,
    }),
  },
  { question: 'tasks created by Carla', plan: tasks({ filters: [f('creator', 'eq', 'Carla')] }) },
  { question: 'tasks I created', plan: tasks({ filters: [f('creator', 'eq', 'me')] }) },
  // A month or quarter without a year: the coming one when the question looks ahead, the past one when
  // it looks back.
  {
    question: "what's closing in jan",
    plan: deals({ filters: [open], timeRange: range('closeDate', '2027-01-01', '2027-01-31') }),
  },
  {
    question: 'deals won in january',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', '2026-01-01', '2026-01-31') }),
  },
  {
    question: 'what did we win in june',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', '2025-06-01', '2025-06-30') }),
  },
  { question: 'deals closing in Q1', plan: deals({ filters: [open], timeRange: range('closeDate', ...thisQuarter) }) },
  // Shorthand.
  { question: 'stuff closing this wk', plan: deals({ filters: [open], timeRange: range('closeDate', ...thisWeek) }) },
  {
    question: 'tasks due tmrw',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-12', '2026-03-12') }),
  },
  {
    question: 'deals closing next 30d',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-04-09') }),
  },
  { question: 'deals bigger than 200 grand', plan: deals({ filters: [f('amount', 'gt', 200_000)] }) },
  { question: 'deals 20-50k', plan: deals({ filters: [f('amount', 'between', [20_000, 50_000])] }) },
  { question: "how's globex doing", plan: { kind: 'analysis', analysis: 'accountSummary', account: 'globex' } },
  // Names as people type them: no apostrophe, a short form.
  { question: 'davids open deals', plan: deals({ filters: [f('owner', 'eq', 'davids'), open] }) },
  { question: 'deals owned by dave', plan: deals({ filters: [f('owner', 'eq', 'dave')] }) },
  {
    question: "ben's biggest opp",
    plan: deals({ filters: [f('owner', 'eq', 'ben'), open], sort: { field: 'amount', direction: 'desc' }, limit: 1 }),
  },
  // Closing as something done, and revenue, are deals won (or closed, when counted).
  {
    question: 'how much did ana close this month',
    plan: deals({
      filters: [f('owner', 'eq', 'ana'), f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisMonth),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'how many deals did we close last quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: count,
    }),
  },
  {
    question: 'revenue this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: sumAmount,
    }),
  },
  // "Got" is having, not creating, when the question looks ahead.
  {
    question: 'what meetings have I got next week',
    plan: activities({ filters: [me(), f('type', 'eq', 'meeting')], timeRange: range('at', ...nextWeek) }),
  },
  // Negation, and periods as people bound them (the engine read the named period alone, or dropped it).
  { question: 'leads that are not hot', plan: leads({ filters: [f('score', 'lt', 70), open] }) },
  {
    question: 'deals closing by end of Q2',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-06-30') }),
  },
  {
    question: 'deals closing thru end of may',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-05-31') }),
  },
  {
    question: 'opps closing by mid april',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-04-15') }),
  },
  {
    question: 'deals closing between now and end of april',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-11', '2026-04-30') }),
  },
  {
    question: 'deals closing q1 next year',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2027-01-01', '2027-03-31') }),
  },
  {
    question: 'deals closing first half of next year',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2027-01-01', '2027-06-30') }),
  },
  {
    question: 'deals closing in the first week of april',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-04-01', '2026-04-07') }),
  },
  {
    question: 'deals closing april or may',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-04-01', '2026-05-31') }),
  },
  {
    question: 'tasks due friday',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-13', '2026-03-13') }),
  },
  {
    question: 'deals closing before 2027',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-12-31') }),
  },
  {
    question: 'deals closing end of month',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-31') }),
  },
  {
    question: 'deals closing the week of march 23',
    plan: deals({ filters: [open], timeRange: range('closeDate', '2026-03-23', '2026-03-29') }),
  },
  {
    question: 'tasks due on the 20th',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-20', '2026-03-20') }),
  },
  // BANT, stretches of the pipeline, loss reasons, and what people call their work.
  { question: 'leads with budget confirmed', plan: leads({ filters: [f('budget', 'eq', true)] }) },
  {
    question: 'fully qualified leads',
    plan: leads({
      filters: [f('budget', 'eq', true), f('authority', 'eq', true), f('need', 'eq', true), f('timeline', 'eq', true)],
    }),
  },
  {
    question: 'leads with a decision date next month',
    plan: leads({ filters: [open], timeRange: range('decisionDate', ...nextMonth) }),
  },
  {
    question: 'hot leads with budget over 50k',
    plan: leads({ filters: [f('budgetAmount', 'gt', 50_000), f('score', 'gte', 70), open] }),
  },
  { question: 'late stage deals', plan: deals({ filters: [f('stage', 'in', ['proposal', 'negotiation'])] }) },
  { question: 'deals in proposal or later', plan: deals({ filters: [f('stage', 'in', ['proposal', 'negotiation'])] }) },
  {
    question: 'deals lost to competitor',
    plan: deals({ filters: [f('lossReason', 'contains', 'compet'), f('status', 'eq', 'lost')] }),
  },
  {
    question: 'what did we lose on price last quarter',
    plan: deals({
      filters: [f('lossReason', 'contains', 'pric'), f('status', 'eq', 'lost')],
      timeRange: range('closedAt', ...lastQuarter),
    }),
  },
  {
    question: 'how many visits did i schedule next week',
    plan: activities({
      filters: [me(), f('type', 'eq', 'visit'), f('status', 'eq', 'planned')],
      timeRange: range('at', ...nextWeek),
      aggregation: count,
    }),
  },
  {
    question: 'whats on my plate this week',
    plan: tasks({ filters: [me('assignee'), pending], timeRange: range('dueAt', ...thisWeek) }),
  },
  {
    question: 'anything due friday',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', '2026-03-13', '2026-03-13') }),
  },
  {
    question: 'urgent stuff i need to do',
    plan: tasks({ filters: [me('assignee'), f('priority', 'eq', 'urgent'), pending] }),
  },
  {
    question: 'when did we last talk to acme',
    plan: activities({
      filters: [f('status', 'eq', 'completed'), f('account', 'eq', 'acme')],
      sort: { field: 'at', direction: 'desc' },
      limit: 1,
    }),
  },
  // The account an activity was done to, shorthand "w/", groupings people name.
  {
    question: 'did ana visit bayou city last month',
    plan: activities({
      filters: [
        f('owner', 'eq', 'ana'),
        f('type', 'eq', 'visit'),
        f('status', 'eq', 'completed'),
        f('account', 'eq', 'bayou city'),
      ],
      timeRange: range('at', ...lastMonth),
    }),
  },
  {
    question: 'how many meetings did we have w lone star',
    plan: activities({
      filters: [f('type', 'eq', 'meeting'), f('status', 'eq', 'completed'), f('account', 'eq', 'lone star')],
      aggregation: count,
    }),
  },
  {
    question: 'meetings w/ acme this month',
    plan: activities({
      filters: [f('type', 'eq', 'meeting'), f('account', 'eq', 'acme')],
      timeRange: range('at', ...thisMonth),
    }),
  },
  { question: 'open pipeline by close month', plan: { kind: 'analysis', analysis: 'pipeline', groupBy: 'month' } },
  // A top N of a ranking is that many groups, largest first.
  {
    question: 'top 3 reps by pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 3 } }),
  },
  // Owners, salespeople and account managers are the reps, ranked alike.
  {
    question: 'top 5 owners by pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 5 } }),
  },
  {
    question: 'top 5 opportunity owners by pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 5 } }),
  },
  {
    question: 'top 3 deal owners by open pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 3 } }),
  },
  {
    question: 'top 10 salespeople by open pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 10 } }),
  },
  {
    question: 'top three account managers by pipeline this quarter',
    plan: deals({
      filters: [open],
      timeRange: range('closeDate', ...thisQuarter),
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner', top: 3 },
    }),
  },
  // Accounts by pipeline are ranked by the open deals on them, never by their own revenue.
  {
    question: 'top 5 accounts by pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 5 } }),
  },
  {
    question: 'top 5 dealers by pipeline',
    plan: deals({
      filters: [f('accountType', 'eq', 'dealer'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 5 },
    }),
  },
  {
    question: 'customers by pipeline value',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' } }),
  },
  // Whose accounts they are is who owns the accounts: every open deal on them counts, whoever owns it.
  {
    question: 'my top 5 accounts by pipeline',
    plan: deals({
      filters: [f('accountOwner', 'eq', 'me'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 5 },
    }),
  },
  {
    question: "top five of Ben's customers by open pipeline",
    plan: deals({
      filters: [f('accountOwner', 'eq', 'Ben'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 5 },
    }),
  },
  {
    question: 'top 3 dealers owned by Ana by pipeline',
    plan: deals({
      filters: [f('accountOwner', 'eq', 'Ana'), f('accountType', 'eq', 'dealer'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 3 },
    }),
  },
  {
    question: 'accounts I own by pipeline',
    plan: deals({
      filters: [f('accountOwner', 'eq', 'me'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' },
    }),
  },
  // A period compared with another.
  {
    question: 'deals won this month vs last month',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisMonth),
      compareTo: range('closedAt', ...lastMonth),
    }),
  },
  {
    question: 'how many visits this week compared to last week',
    plan: activities({
      filters: [f('type', 'eq', 'visit')],
      timeRange: range('at', ...thisWeek),
      compareTo: range('at', ...lastWeek),
      aggregation: count,
    }),
  },
  {
    question: 'revenue this quarter vs last quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisQuarter),
      compareTo: range('closedAt', ...lastQuarter),
      aggregation: sumAmount,
    }),
  },
  // Deals where their account is.
  {
    question: 'total pipeline in texas',
    plan: deals({ filters: [f('state', 'in', ['texas', 'TX']), open], aggregation: sumAmount }),
  },
  {
    question: 'open deals in germany',
    plan: deals({ filters: [f('country', 'in', ['germany', 'DE']), open] }),
  },
  // The last thing done, and tasks handed to someone.
  {
    question: 'last activity with acme',
    plan: activities({
      filters: [f('account', 'eq', 'acme'), f('status', 'eq', 'completed')],
      sort: { field: 'at', direction: 'desc' },
      limit: 1,
    }),
  },
  {
    question: 'tasks i assigned to ana',
    plan: tasks({ filters: [f('assignee', 'eq', 'ana'), f('creator', 'eq', 'me')] }),
  },
  // Competitors, products, a state by its code.
  {
    question: 'deals lost to Orion Outdoor',
    plan: deals({ filters: [f('competitor', 'contains', 'Orion Outdoor'), f('status', 'eq', 'lost')] }),
  },
  {
    question: 'deals interested in snow blowers',
    plan: deals({ filters: [f('productInterest', 'contains', 'snow blower')] }),
  },
  { question: 'open deals in TX', plan: deals({ filters: [f('state', 'in', ['TX']), open] }) },
  // Accounts by their deals.
  { question: 'accounts with no deals', plan: accounts({ filters: [f('deals', 'eq', 0)] }) },
  {
    question: 'how many customers have open deals',
    plan: accounts({ filters: [f('openDeals', 'gt', 0), f('type', 'eq', 'customer')], aggregation: count }),
  },
  // Two people compared.
  {
    question: 'win rate for ana vs ben',
    plan: deals({
      filters: [f('owner', 'in', ['ana', 'ben']), f('status', 'eq', 'closed')],
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')], groupBy: 'owner' },
    }),
  },
  {
    question: 'ana vs ben pipeline',
    plan: deals({
      filters: [f('owner', 'in', ['ana', 'ben']), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
    }),
  },
  // Weekdays named relative to today (a Wednesday): the one just gone, and a bound that looks back.
  { question: 'what happened last friday', plan: activities({ timeRange: range('at', '2026-03-06', '2026-03-06') }) },
  {
    question: 'calls since monday',
    // Activities since a day are those up to now, not the ones still planned after today.
    plan: activities({ filters: [f('type', 'eq', 'call')], timeRange: range('at', '2026-03-09', '2026-03-11') }),
  },
  // A superlative of one record is that record.
  {
    question: 'oldest open deal',
    plan: deals({ filters: [open], sort: { field: 'createdAt', direction: 'asc' }, limit: 1 }),
  },
  {
    question: 'how many leads did we disqualify',
    plan: leads({ filters: [f('status', 'eq', 'disqualified')], aggregation: { fn: 'count' } }),
  },
  {
    question: 'hw many opps r in negotiation',
    plan: deals({ filters: [f('stage', 'eq', 'negotiation')], aggregation: { fn: 'count' } }),
  },
  // The average deal size is of won deals unless the deals are named.
  {
    question: 'avg deal size of my open opps',
    plan: deals({ filters: [me(), open], aggregation: { fn: 'avg', field: 'amount' } }),
  },
  // Leads are where they say they are; slang and typos for the pipeline and deals.
  { question: 'leads in oklahoma', plan: leads({ filters: [f('state', 'in', ['oklahoma', 'OK'])] }) },
  { question: 'open oppties in Iowa', plan: deals({ filters: [f('state', 'in', ['Iowa', 'IA']), open] }) },
  { question: 'my pipline', plan: { kind: 'analysis', analysis: 'pipeline', owner: 'me', groupBy: 'stage' } },
  // Durations compared in words, empty dates, and contacts named by their job title.
  {
    question: 'calls longer than 30 minutes',
    plan: activities({ filters: [f('durationMinutes', 'gt', 30), f('type', 'eq', 'call')] }),
  },
  {
    question: 'tasks with no due date',
    plan: tasks({ filters: [f('dueAt', 'isNull'), f('status', 'eq', 'pending')] }),
  },
  { question: 'purchasing managers', plan: contacts({ filters: [f('title', 'contains', 'purchasing manager')] }) },
  {
    question: 'how many buyers do we have',
    plan: contacts({ filters: [f('title', 'contains', 'buyer')], aggregation: count }),
  },
  // Accounts by the account they sit under.
  {
    question: 'dealers under Acme Corporation',
    plan: accounts({ filters: [f('parent', 'eq', 'Acme Corporation'), f('type', 'eq', 'dealer')] }),
  },
  { question: 'subsidiaries of Globex', plan: accounts({ filters: [f('parent', 'eq', 'Globex')] }) },
  // Who owns an account: the account, whose row names its owner.
  {
    question: 'who is the account manager for Globex?',
    plan: accounts({ filters: [f('name', 'contains', 'Globex')], limit: 5 }),
  },
  // The next one to come.
  {
    question: 'my next visit',
    plan: activities({
      filters: [me(), f('type', 'eq', 'visit'), f('status', 'eq', 'planned')],
      timeRange: range('at', '2026-03-11'),
      sort: { field: 'at', direction: 'asc' },
      limit: 1,
    }),
  },
  // Deals in a city (typed with a capital; a stage or status named with capitals stays one).
  { question: 'deals in Milwaukee', plan: deals({ filters: [f('city', 'eq', 'Milwaukee')] }) },
  { question: 'Open Deals In Negotiation', plan: deals({ filters: [f('stage', 'eq', 'negotiation'), open] }) },
  // People excluded: "not owned by me", "except Ben's".
  { question: 'open deals that are not owned by me', plan: deals({ filters: [f('owner', 'neq', 'me'), open] }) },
  { question: 'open opps except Ben Carter’s', plan: deals({ filters: [f('owner', 'neq', 'Ben Carter'), open] }) },
  { question: 'tasks not assigned to me', plan: tasks({ filters: [f('assignee', 'neq', 'me'), pending] }) },
  // The kind of account a record hangs off.
  { question: 'deals for dealers', plan: deals({ filters: [f('accountType', 'eq', 'dealer')] }) },
  {
    question: 'how many open deals do we have with distributors',
    plan: deals({ filters: [f('accountType', 'eq', 'distributor'), open], aggregation: count }),
  },
  {
    question: 'primary contacts at our dealers',
    plan: contacts({ filters: [f('accountType', 'eq', 'dealer'), f('isPrimary', 'eq', true)] }),
  },
  {
    question: 'visits to distributors last month',
    plan: activities({
      filters: [f('accountType', 'eq', 'distributor'), f('type', 'eq', 'visit')],
      timeRange: range('at', ...lastMonth),
    }),
  },
  // BANT switches in a list, or said to be off in other words.
  {
    question: 'leads with authority and need',
    plan: leads({ filters: [f('authority', 'eq', true), f('need', 'eq', true)] }),
  },
  {
    question: 'leads where we have not confirmed budget',
    plan: leads({ filters: [f('budget', 'eq', false)] }),
  },
  { question: 'leads missing a timeline', plan: leads({ filters: [f('timeline', 'eq', false)] }) },
  {
    question: 'leads with no budget or timeline',
    plan: leads({ filters: [f('budget', 'eq', false), f('timeline', 'eq', false)] }),
  },
  // An account's pipeline is its open deals added up; a ranking of accounts by pipeline, per account.
  {
    question: 'how much is the Globex pipeline',
    plan: deals({ filters: [f('account', 'eq', 'Globex'), open], aggregation: sumAmount }),
  },
  {
    question: 'forecast for Initech this quarter',
    plan: deals({
      filters: [f('account', 'eq', 'Initech'), open],
      timeRange: range('closeDate', ...thisQuarter),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'open deals at Heartland Equipment Distribution - Kansas City',
    plan: deals({ filters: [f('account', 'eq', 'Heartland Equipment Distribution - Kansas City'), open] }),
  },
  {
    question: 'which account has the biggest pipeline',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' } }),
  },
  {
    question: 'accounts with the most open deals',
    plan: deals({ filters: [open], aggregation: { fn: 'count', groupBy: 'account' } }),
  },
  {
    question: 'pipeline this quarter compared to next quarter',
    plan: deals({
      filters: [open],
      timeRange: range('closeDate', ...thisQuarter),
      compareTo: range('closeDate', ...nextQuarter),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'how many deals did we win vs lose this quarter',
    plan: deals({
      filters: [f('status', 'in', ['won', 'lost'])],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: { fn: 'count', groupBy: 'status' },
    }),
  },
  {
    question: 'lost deals last quarter with reasons',
    plan: deals({
      filters: [f('status', 'eq', 'lost')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: lostByReason,
    }),
  },
  {
    question: 'how long does it take us to convert a lead',
    plan: leads({ filters: [f('status', 'eq', 'converted')], aggregation: { fn: 'avg', field: 'daysToConvert' } }),
  },
  {
    question: 'visits since the 1st',
    plan: activities({ filters: [f('type', 'eq', 'visit')], timeRange: range('at', '2026-03-01', '2026-03-11') }),
  },
  // Words for the same conditions.
  {
    question: 'leads that came in over the past fortnight',
    plan: leads({ timeRange: { field: 'createdAt', lastDays: 14 } }),
  },
  {
    question: 'how many deals were opened in february',
    plan: deals({ timeRange: range('createdAt', ...lastMonth), aggregation: count }),
  },
  {
    question: 'accounts added this year',
    plan: accounts({ timeRange: range('createdAt', '2026-01-01', '2026-12-31') }),
  },
  {
    question: 'how much revenue did we book last quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...lastQuarter),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'deals sitting in negociation worth over 100k',
    plan: deals({ filters: [f('amount', 'gt', 100000), f('stage', 'eq', 'negotiation')] }),
  },
  {
    question: 'oportunities closing nxt month',
    plan: deals({ filters: [open], timeRange: range('closeDate', ...nextMonth) }),
  },
  { question: 'deals that are not closed', plan: deals({ filters: [open] }) },
  { question: 'accounts with fewer than 20 employees', plan: accounts({ filters: [f('employees', 'lt', 20)] }) },
  {
    question: 'average meeting length',
    plan: activities({ filters: [f('type', 'eq', 'meeting')], aggregation: { fn: 'avg', field: 'durationMinutes' } }),
  },
  {
    question: 'deals lost because of budget cuts',
    plan: deals({ filters: [f('lossReason', 'contains', 'budget'), f('status', 'eq', 'lost')] }),
  },
  {
    question: 'deals where Greenfield Machinery is competing',
    plan: deals({ filters: [f('competitor', 'contains', 'Greenfield Machinery')] }),
  },
  {
    question: 'how many open opportunities include zero-turn mowers',
    plan: deals({ filters: [f('productInterest', 'contains', 'zero-turn mower'), open], aggregation: count }),
  },
  { question: 'leads with no decision date', plan: leads({ filters: [f('decisionDate', 'isNull')] }) },
  {
    question: 'accounts we havent visited in 60 days',
    plan: accounts({ filters: [f('daysSinceVisit', 'gt', 60)] }),
  },
  {
    question: 'dealers with no activity in the last month',
    plan: accounts({ filters: [f('type', 'eq', 'dealer'), f('daysSinceActivity', 'gt', 30)] }),
  },
  {
    question: 'deadlines coming up',
    plan: tasks({ filters: [f('type', 'eq', 'deadline'), pending], timeRange: range('dueAt', '2026-03-11') }),
  },
  // Groups by place; a pipeline by a grouping the analysis lacks is the open deals added up per group.
  { question: 'accounts by state', plan: accounts({ aggregation: { fn: 'count', groupBy: 'state' } }) },
  {
    question: 'how many dealers per city',
    plan: accounts({ filters: [f('type', 'eq', 'dealer')], aggregation: { fn: 'count', groupBy: 'city' } }),
  },
  {
    question: 'open pipeline by state',
    plan: deals({ filters: [open], aggregation: { fn: 'sum', field: 'amount', groupBy: 'state' } }),
  },
  { question: 'leads per state', plan: leads({ aggregation: { fn: 'count', groupBy: 'state' } }) },
  // Accounts by the distributor that supplies them.
  {
    question: 'which dealers does Globex supply',
    plan: accounts({ filters: [f('parent', 'eq', 'Globex'), f('type', 'eq', 'dealer')] }),
  },
  {
    question: 'dealers supplied by Acme Corporation',
    plan: accounts({ filters: [f('parent', 'eq', 'Acme Corporation'), f('type', 'eq', 'dealer')] }),
  },
  // Headcount as the ranking.
  {
    question: 'customers with the most employees',
    plan: accounts({ filters: [f('type', 'eq', 'customer')], sort: { field: 'employees', direction: 'desc' } }),
  },
  {
    question: 'top 5 dealers by employees',
    plan: accounts({ filters: [f('type', 'eq', 'dealer')], sort: { field: 'employees', direction: 'desc' }, limit: 5 }),
  },
  // A weekday already gone this week, after "before", is next week's when the question looks ahead.
  {
    question: 'tasks due before monday',
    plan: tasks({ filters: [pending], timeRange: range('dueAt', undefined, '2026-03-15') }),
  },
  {
    question: 'deals closing end of next month',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-04-30') }),
  },
  // Kinds of account excluded, measured, or as a pipeline.
  { question: 'deals that are not with dealers', plan: deals({ filters: [f('accountType', 'neq', 'dealer')] }) },
  {
    question: 'what percentage of our deals are with distributors',
    plan: deals({ aggregation: { fn: 'rate', of: [f('accountType', 'eq', 'distributor')] } }),
  },
  {
    question: 'distributor pipeline',
    plan: deals({ filters: [f('accountType', 'eq', 'distributor'), open], aggregation: sumAmount }),
  },
  {
    question: 'deals that belong to someone other than Carla',
    plan: deals({ filters: [f('owner', 'neq', 'Carla')] }),
  },
  { question: 'hot leads nobody owns', plan: leads({ filters: [f('score', 'gte', 70), f('owner', 'isNull'), open] }) },
  // Values compared side by side are each counted.
  {
    question: 'how many calls vs visits last week',
    plan: activities({
      filters: [f('type', 'in', ['call', 'visit'])],
      timeRange: range('at', ...lastWeek),
      aggregation: { fn: 'count', groupBy: 'type' },
    }),
  },
  {
    question: 'referral vs website leads',
    plan: leads({
      filters: [f('source', 'in', ['website', 'referral'])],
      aggregation: { fn: 'count', groupBy: 'source' },
    }),
  },
  {
    question: 'weighted pipeline this month vs next month',
    plan: deals({
      filters: [open],
      timeRange: range('closeDate', ...thisMonth),
      compareTo: range('closeDate', ...nextMonth),
      aggregation: { fn: 'sum', field: 'weightedAmount' },
    }),
  },
  {
    question: 'what did we book last month',
    plan: deals({ filters: [f('status', 'eq', 'won')], timeRange: range('closedAt', ...lastMonth) }),
  },
  // Territories of the records that hang off an account.
  {
    question: 'overdue tasks in the North territory',
    plan: tasks({ filters: [f('territory', 'eq', 'North'), f('overdue', 'eq', true)] }),
  },
  {
    question: 'how many visits per territory last week',
    plan: activities({
      filters: [f('type', 'eq', 'visit')],
      timeRange: range('at', ...lastWeek),
      aggregation: { fn: 'count', groupBy: 'territory' },
    }),
  },
  // No activity since a period began; an age.
  {
    question: 'which accounts have not been visited this quarter',
    plan: accounts({ filters: [f('daysSinceVisit', 'gt', 69)] }),
  },
  {
    question: 'open leads older than 30 days',
    plan: leads({ filters: [open, f('createdAt', 'lt', '2026-02-09T10:00:00.000Z')] }),
  },
  {
    question: 'deals more than 2 months old',
    plan: deals({ filters: [f('createdAt', 'lt', '2026-01-10T10:00:00.000Z')] }),
  },
  // An account typed with "and" for "&"; a contact's role; more words.
  {
    question: 'deals at Badger Lawn and Tractor',
    plan: deals({ filters: [f('account', 'eq', 'Badger Lawn and Tractor')] }),
  },
  { question: 'contacts who are dealers', plan: contacts({ filters: [f('role', 'eq', 'dealer')] }) },
  { question: 'deals waiting on approval', plan: deals({ filters: [f('approvalStatus', 'eq', 'pending')] }) },
  {
    question: 'deals pushed past their close date',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-03-10') }),
  },
  {
    question: 'lost deals with the competitor Orion Outdoor',
    plan: deals({ filters: [f('competitor', 'contains', 'Orion Outdoor'), f('status', 'eq', 'lost')] }),
  },
  // A kind word that ends an account's name (typed with a capital, after the capitalised name) stays part
  // of the name, and is no type: the account wins.
  {
    question: 'how many contacts do we have at Acme Distributors',
    plan: contacts({ filters: [f('account', 'eq', 'Acme Distributors')], aggregation: count }),
  },
  {
    question: 'contacts at Globex Dealers who are decision makers',
    plan: contacts({ filters: [f('role', 'eq', 'decision_maker'), f('account', 'eq', 'Globex Dealers')] }),
  },
  {
    question: 'summary of the Lone Star Turf & Tractor Distributors account',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Lone Star Turf & Tractor Distributors' },
  },
  {
    question: 'tell me about Great Lakes Power Equipment Distributors',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Great Lakes Power Equipment Distributors' },
  },
  {
    question: 'how is Badger Lawn and Tractor Dealers doing?',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Badger Lawn and Tractor Dealers' },
  },
  {
    question: "Great Lakes Power Equipment Distributors' open deals",
    plan: deals({ filters: [open, f('account', 'eq', 'Great Lakes Power Equipment Distributors')] }),
  },
  {
    question: 'who owns Lone Star Turf & Tractor Distributors',
    plan: accounts({ filters: [f('name', 'contains', 'Lone Star Turf & Tractor Distributors')], limit: 5 }),
  },
  {
    question: 'dealers under Lone Star Turf & Tractor Distributors',
    plan: accounts({
      filters: [f('parent', 'eq', 'Lone Star Turf & Tractor Distributors'), f('type', 'eq', 'dealer')],
    }),
  },
  // A kind word alone, or after a possessive or a count, is the type.
  {
    question: 'Distributors in Texas',
    plan: accounts({ filters: [f('state', 'in', ['Texas', 'TX']), f('type', 'eq', 'distributor')] }),
  },
  {
    question: "Ana's Dealers",
    plan: accounts({ filters: [f('owner', 'eq', 'Ana'), f('type', 'eq', 'dealer')] }),
  },
  {
    question: 'the Top 10 Dealers by pipeline',
    plan: deals({
      filters: [f('accountType', 'eq', 'dealer'), open],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account', top: 10 },
    }),
  },
  {
    question: 'how many dealer visits this month',
    plan: activities({
      filters: [f('accountType', 'eq', 'dealer'), f('type', 'eq', 'visit')],
      timeRange: range('at', ...thisMonth),
      aggregation: count,
    }),
  },
  // "What have I got" is the asker's deals when it closes, wins or sells; a disqualification has its date.
  {
    question: 'what have i got closing this month',
    plan: deals({ filters: [me(), open], timeRange: range('closeDate', ...thisMonth) }),
  },
  {
    question: 'how many leads did we disqualify this quarter',
    plan: leads({
      filters: [f('status', 'eq', 'disqualified')],
      timeRange: range('disqualifiedAt', ...thisQuarter),
      aggregation: count,
    }),
  },
  // How late: due or closing before that many days ago.
  {
    question: 'tasks overdue by more than a week',
    plan: tasks({ filters: [f('overdue', 'eq', true), f('dueAt', 'lt', '2026-03-04T10:00:00.000Z')] }),
  },
  {
    question: 'deals overdue by over 2 weeks',
    plan: deals({ filters: [open], timeRange: range('closeDate', undefined, '2026-02-24') }),
  },
  { question: 'open deals with no close date', plan: deals({ filters: [f('closeDate', 'isNull'), open] }) },
  // Ranked groups: the group's word read with the ranking.
  {
    question: 'which source converts best',
    plan: leads({ aggregation: { fn: 'rate', of: [f('status', 'eq', 'converted')], groupBy: 'source' } }),
  },
  {
    question: 'which source has the best conversion rate',
    plan: leads({ aggregation: { fn: 'rate', of: [f('status', 'eq', 'converted')], groupBy: 'source' } }),
  },
  { question: 'which source brings the most leads', plan: leads({ aggregation: { fn: 'count', groupBy: 'source' } }) },
  {
    question: 'which rep converts the most leads',
    plan: leads({ filters: [f('status', 'eq', 'converted')], aggregation: { fn: 'count', groupBy: 'owner' } }),
  },
  // Phrasings from questions asked on the demo data, beyond the corpus (round 5): notes as records,
  // products by name, a person looked up, places of contacts and activities, regions, misspellings,
  // untouched records, month ranges, sales, rankings of people and accounts, groups by account type.
  { question: 'notes logged this month', plan: notes({ timeRange: range('createdAt', '2026-03-01', '2026-03-31') }) },
  {
    question: 'how many notes did Ana write last week',
    plan: notes({
      filters: [f('owner', 'eq', 'Ana')],
      timeRange: range('createdAt', '2026-03-02', '2026-03-08'),
      aggregation: { fn: 'count' },
    }),
  },
  { question: 'pinned notes', plan: notes({ filters: [f('pinned', 'eq', true)] }) },
  { question: 'notes on Globex', plan: notes({ filters: [f('account', 'eq', 'Globex')] }) },
  {
    question: 'deals for hydraulic pumps',
    plan: deals({ filters: [f('productInterest', 'contains', 'hydraulic pump')] }),
  },
  { question: 'snow blower deals', plan: deals({ filters: [f('productInterest', 'contains', 'snow blower')] }) },
  {
    question: 'zero turn mower opportunities closing next quarter',
    plan: deals({
      filters: [f('status', 'eq', 'open'), f('productInterest', 'contains', 'zero-turn mower')],
      timeRange: range('closeDate', '2026-04-01', '2026-06-30'),
    }),
  },
  {
    question: "what's the pipeline for snow blowers",
    plan: deals({
      filters: [f('productInterest', 'contains', 'snow blower'), f('status', 'eq', 'open')],
      aggregation: { fn: 'sum', field: 'amount' },
    }),
  },
  {
    question: 'compact tractor pipeline by rep',
    plan: deals({
      filters: [f('productInterest', 'contains', 'compact tractor'), f('status', 'eq', 'open')],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
    }),
  },
  {
    question: 'deals interested in hydraulic pumps over 50k',
    plan: deals({ filters: [f('amount', 'gt', 50000), f('productInterest', 'contains', 'hydraulic pump')] }),
  },
  { question: 'Green Country Mower deals', plan: deals({ filters: [f('account', 'eq', 'Green Country Mower')] }) },
  { question: 'deals by stage', plan: deals({ aggregation: { fn: 'count', groupBy: 'stage' } }) },
  {
    question: 'who is Karen Anderson',
    plan: contacts({ filters: [f('name', 'contains', 'Karen Anderson')], limit: 5 }),
  },
  {
    question: "what's the phone number of Karen Anderson",
    plan: contacts({ filters: [f('name', 'contains', 'Karen Anderson')], limit: 5 }),
  },
  { question: "Kai Adams's email", plan: contacts({ filters: [f('name', 'contains', 'Kai Adams')], limit: 5 }) },
  {
    question: 'email address for Kenji Bell',
    plan: contacts({ filters: [f('name', 'contains', 'Kenji Bell')], limit: 5 }),
  },
  {
    question: 'how do I reach Alan Chandra',
    plan: contacts({ filters: [f('name', 'contains', 'Alan Chandra')], limit: 5 }),
  },
  {
    question: 'what company does Raj Brown work for',
    plan: contacts({ filters: [f('name', 'contains', 'Raj Brown')], limit: 5 }),
  },
  { question: 'find the lead John Kelly', plan: leads({ filters: [f('name', 'contains', 'John Kelly')], limit: 5 }) },
  { question: 'contacts without a phone', plan: contacts({ filters: [f('phone', 'isNull')] }) },
  {
    question: 'contacts at Acme with phone numbers',
    plan: contacts({ filters: [f('phone', 'isNotNull'), f('account', 'eq', 'Acme')] }),
  },
  { question: 'contacts in Texas', plan: contacts({ filters: [f('state', 'in', ['Texas', 'TX'])] }) },
  {
    question: 'general managers in Ohio',
    plan: contacts({ filters: [f('title', 'contains', 'general manager'), f('state', 'in', ['Ohio', 'OH'])] }),
  },
  {
    question: 'visits in Milwaukee last month',
    plan: activities({
      filters: [f('city', 'eq', 'Milwaukee'), f('type', 'eq', 'visit')],
      timeRange: range('at', '2026-02-01', '2026-02-28'),
    }),
  },
  {
    question: 'overdue tasks in Iowa',
    plan: tasks({ filters: [f('state', 'in', ['Iowa', 'IA']), f('overdue', 'eq', true)] }),
  },
  { question: 'accounts in the Midwest', plan: accounts({ filters: [f('territory', 'eq', 'Midwest')] }) },
  {
    question: 'which distributors are in the Midwest region',
    plan: accounts({ filters: [f('territory', 'eq', 'Midwest'), f('type', 'eq', 'distributor')] }),
  },
  { question: 'leeds from referal', plan: leads({ filters: [f('source', 'eq', 'referral')] }) },
  { question: 'overdue taks', plan: tasks({ filters: [f('overdue', 'eq', true)] }) },
  { question: 'dealss in negotiation', plan: deals({ filters: [f('stage', 'eq', 'negotiation')] }) },
  {
    question: 'opportunitys closing this month',
    plan: deals({ filters: [f('status', 'eq', 'open')], timeRange: range('closeDate', '2026-03-01', '2026-03-31') }),
  },
  {
    question: "deals that haven't been touched in a month",
    plan: deals({ filters: [f('daysSinceActivity', 'gt', 30), f('status', 'eq', 'open')] }),
  },
  {
    question: "which accounts haven't been visited in 90 days",
    plan: accounts({ filters: [f('daysSinceVisit', 'gt', 90)] }),
  },
  {
    question: 'which dealers are due for a visit',
    plan: accounts({ filters: [f('type', 'eq', 'dealer'), f('visitDue', 'eq', true)] }),
  },
  {
    question: 'my accounts overdue for a visit',
    plan: accounts({ filters: [f('owner', 'eq', 'me'), f('visitDue', 'eq', true)] }),
  },
  {
    question: 'how many customers need a visit',
    plan: accounts({ filters: [f('type', 'eq', 'customer'), f('visitDue', 'eq', true)], aggregation: { fn: 'count' } }),
  },
  {
    question: 'dealers we have never visited',
    plan: accounts({ filters: [f('type', 'eq', 'dealer'), f('daysSinceVisit', 'gt', 99999)] }),
  },
  {
    question: 'open deals not visited in 30 days',
    plan: deals({ filters: [f('status', 'eq', 'open'), f('daysSinceActivity', 'gt', 30)] }),
  },
  {
    question: 'leads not contacted',
    plan: leads({ filters: [f('daysSinceActivity', 'gt', 99999), f('status', 'eq', 'open')] }),
  },
  {
    question: 'uncontacted leads',
    plan: leads({ filters: [f('daysSinceActivity', 'gt', 99999), f('status', 'eq', 'open')] }),
  },
  {
    question: "which of Ben's deals haven't been touched in 2 weeks",
    plan: deals({ filters: [f('owner', 'eq', 'Ben'), f('daysSinceActivity', 'gt', 14), f('status', 'eq', 'open')] }),
  },
  {
    question: 'deals closing between april and june',
    plan: deals({ filters: [f('status', 'eq', 'open')], timeRange: range('closeDate', '2026-04-01', '2026-06-30') }),
  },
  {
    question: 'deals closing on or before april 15',
    plan: deals({ filters: [f('status', 'eq', 'open')], timeRange: range('closeDate', undefined, '2026-04-15') }),
  },
  {
    question: 'deals with close date in the past',
    plan: deals({ filters: [f('status', 'eq', 'open')], timeRange: range('closeDate', undefined, '2026-03-10') }),
  },
  {
    question: 'recently won deals',
    plan: deals({ filters: [f('status', 'eq', 'won')], sort: { field: 'closedAt', direction: 'desc' } }),
  },
  {
    question: 'rep with the most visits this month',
    plan: activities({
      filters: [f('type', 'eq', 'visit')],
      timeRange: range('at', '2026-03-01', '2026-03-31'),
      aggregation: { fn: 'count', groupBy: 'owner' },
    }),
  },
  {
    question: 'overdue activities',
    plan: activities({ filters: [f('status', 'eq', 'planned')], timeRange: range('at', undefined, '2026-03-10') }),
  },
  { question: 'tasks by status', plan: tasks({ aggregation: { fn: 'count', groupBy: 'status' } }) },
  { question: 'tasks not started', plan: tasks({ filters: [f('status', 'eq', 'open')] }) },
  { question: 'all tasks', plan: tasks() },
  {
    question: 'sales this quarter',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', '2026-01-01', '2026-03-31'),
      aggregation: { fn: 'sum', field: 'amount' },
    }),
  },
  {
    question: 'sales by rep this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', '2026-01-01', '2026-12-31'),
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'owner' },
    }),
  },
  {
    question: 'what is the total value of deals Ben closed this year',
    plan: deals({
      filters: [f('owner', 'eq', 'Ben'), f('status', 'eq', 'won')],
      timeRange: range('closedAt', '2026-01-01', '2026-12-31'),
      aggregation: { fn: 'sum', field: 'amount' },
    }),
  },
  {
    question: 'organisation summary for Acme',
    plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Acme' },
  },
  { question: 'show me Globex', plan: { kind: 'analysis', analysis: 'accountSummary', account: 'Globex' } },
  {
    question: 'equipment dealerships in Illinois',
    plan: accounts({ filters: [f('state', 'in', ['Illinois', 'IL']), f('type', 'eq', 'dealer')] }),
  },
  { question: 'accounts managed by Carla', plan: accounts({ filters: [f('owner', 'eq', 'Carla')] }) },
  {
    question: 'I need a list of deals worth more than 100,000 dollars that are still open',
    plan: deals({ filters: [f('amount', 'gt', 100000), f('status', 'eq', 'open')] }),
  },
  {
    question: 'visits longer than an hour',
    plan: activities({ filters: [f('durationMinutes', 'gt', 60), f('type', 'eq', 'visit')] }),
  },
  {
    question: 'my calendar for tomorrow',
    plan: activities({
      filters: [f('owner', 'eq', 'me'), f('status', 'eq', 'planned')],
      timeRange: range('at', '2026-03-12', '2026-03-12'),
    }),
  },
  {
    question: "what's on my schedule today",
    plan: activities({
      filters: [f('owner', 'eq', 'me'), f('status', 'eq', 'planned')],
      timeRange: range('at', '2026-03-11', '2026-03-11'),
    }),
  },
  {
    question: 'open deals with Orion Outdoor as competitor',
    plan: deals({ filters: [f('competitor', 'contains', 'Orion Outdoor'), f('status', 'eq', 'open')] }),
  },
  {
    question: 'where are we competing with Kessler Tractor Works',
    plan: deals({ filters: [f('competitor', 'contains', 'Kessler Tractor Works')] }),
  },
  { question: 'accounts with more than 2 open deals', plan: accounts({ filters: [f('openDeals', 'gt', 2)] }) },
  {
    question: 'customers with at least 3 deals',
    plan: accounts({ filters: [f('deals', 'gte', 3), f('type', 'eq', 'customer')] }),
  },
  {
    question: 'top accounts by won revenue',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' },
      sort: { field: 'amount', direction: 'desc' },
    }),
  },
  {
    question: 'which customers bought the most this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', '2026-01-01', '2026-12-31'),
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'account' },
      sort: { field: 'amount', direction: 'desc' },
    }),
  },
  {
    question: 'accounts with the highest revenue in Texas',
    plan: accounts({
      filters: [f('state', 'in', ['Texas', 'TX'])],
      sort: { field: 'annualRevenue', direction: 'desc' },
    }),
  },
  { question: 'deals by account type', plan: deals({ aggregation: { fn: 'count', groupBy: 'accountType' } }) },
  {
    question: 'pipeline by account type',
    plan: deals({
      filters: [f('status', 'eq', 'open')],
      aggregation: { fn: 'sum', field: 'amount', groupBy: 'accountType' },
    }),
  },
  {
    question: 'lead sources this year',
    plan: leads({
      timeRange: range('createdAt', '2026-01-01', '2026-12-31'),
      aggregation: { fn: 'count', groupBy: 'source' },
    }),
  },
  {
    question: 'which lead source brings the most leads',
    plan: leads({ aggregation: { fn: 'count', groupBy: 'source' } }),
  },
  {
    question: 'leads that meet all BANT criteria',
    plan: leads({
      filters: [f('budget', 'eq', true), f('authority', 'eq', true), f('need', 'eq', true), f('timeline', 'eq', true)],
    }),
  },
  {
    question: 'leads with decision date next month',
    plan: leads({ filters: [open], timeRange: range('decisionDate', '2026-04-01', '2026-04-30') }),
  },
  { question: 'list new leads', plan: leads({ sort: { field: 'createdAt', direction: 'desc' } }) },
  {
    question: 'task completion rate',
    plan: tasks({ aggregation: { fn: 'rate', of: [{ field: 'status', op: 'eq', value: 'completed' }] } }),
  },
  { question: 'industries of our accounts', plan: accounts({ aggregation: { fn: 'count', groupBy: 'industry' } }) },
  {
    question: 'average time to close by rep',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      aggregation: { fn: 'avg', field: 'cycleDays', groupBy: 'owner' },
    }),
  },
  {
    question: 'average time to convert leads',
    plan: leads({ filters: [f('status', 'eq', 'converted')], aggregation: { fn: 'avg', field: 'daysToConvert' } }),
  },
  {
    question: 'deals closing this fortnight',
    plan: deals({ filters: [f('status', 'eq', 'open')], timeRange: range('closeDate', '2026-03-11', '2026-03-24') }),
  },
  { question: 'whats the status of the Globex deal', plan: deals({ filters: [f('account', 'eq', 'Globex')] }) },
  // Medians: the middle value, with the same defaults as the averages (the deal size is of deals won).
  {
    question: 'median deal size',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'median', field: 'amount' } }),
  },
  {
    question: 'median amount of won deals this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { fn: 'median', field: 'amount' },
    }),
  },
  {
    question: "what's the median value of my open deals",
    plan: deals({ filters: [me(), open], aggregation: { fn: 'median', field: 'amount' } }),
  },
  {
    question: 'median deal size by rep',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      aggregation: { fn: 'median', field: 'amount', groupBy: 'owner' },
    }),
  },
  {
    question: 'median sales cycle',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'median', field: 'cycleDays' } }),
  },
  { question: 'median lead score', plan: leads({ aggregation: { fn: 'median', field: 'score' } }) },
  // Deals at risk: open, past the close date or without activity for 30 days (the atRisk field).
  { question: 'deals at risk', plan: deals({ filters: [f('atRisk', 'eq', true)] }) },
  { question: 'which deals are at risk?', plan: deals({ filters: [f('atRisk', 'eq', true)] }) },
  { question: 'show me at-risk opportunities', plan: deals({ filters: [f('atRisk', 'eq', true)] }) },
  {
    question: 'how many of my deals are at risk',
    plan: deals({ filters: [me(), f('atRisk', 'eq', true)], aggregation: count }),
  },
  {
    question: 'risky deals by owner',
    plan: deals({ filters: [f('atRisk', 'eq', true)], aggregation: { fn: 'count', groupBy: 'owner' } }),
  },
  {
    question: 'how much pipeline is at risk',
    plan: deals({ filters: [f('atRisk', 'eq', true), open], aggregation: sumAmount }),
  },
  {
    question: 'at-risk pipeline by rep',
    plan: deals({ filters: [f('atRisk', 'eq', true), open], aggregation: { ...sumAmount, groupBy: 'owner' } }),
  },
  {
    question: 'deals at risk closing this quarter',
    plan: deals({ filters: [f('atRisk', 'eq', true), open], timeRange: range('closeDate', ...thisQuarter) }),
  },
  { question: 'open deals not at risk', plan: deals({ filters: [f('atRisk', 'eq', false), open] }) },
  {
    question: 'what percentage of my pipeline is at risk',
    plan: deals({ filters: [me(), open], aggregation: { fn: 'rate', of: [f('atRisk', 'eq', true)] } }),
  },
  // Records on someone's accounts (accountOwner), whoever owns or is assigned the records themselves.
  { question: 'tasks for my accounts', plan: tasks({ filters: [pending, f('accountOwner', 'eq', 'me')] }) },
  { question: 'open tasks on my accounts', plan: tasks({ filters: [pending, f('accountOwner', 'eq', 'me')] }) },
  { question: 'activities on my accounts', plan: activities({ filters: [f('accountOwner', 'eq', 'me')] }) },
  {
    question: "my accounts' overdue tasks",
    plan: tasks({ filters: [f('overdue', 'eq', true), f('accountOwner', 'eq', 'me')] }),
  },
  {
    question: "visits to Ben's customers last week",
    plan: activities({
      filters: [f('type', 'eq', 'visit'), f('accountOwner', 'eq', 'Ben')],
      timeRange: range('at', ...lastWeek),
    }),
  },
  { question: 'deals on accounts I own', plan: deals({ filters: [f('accountOwner', 'eq', 'me')] }) },
  {
    question: 'how many tasks are on accounts owned by Carla',
    plan: tasks({ filters: [pending, f('accountOwner', 'eq', 'Carla')], aggregation: count }),
  },
  {
    question: 'pipeline on my accounts',
    plan: deals({ filters: [f('accountOwner', 'eq', 'me'), open], aggregation: sumAmount }),
  },
  { question: 'contacts at my accounts', plan: contacts({ filters: [f('accountOwner', 'eq', 'me')] }) },
  // A manager's team: their records and those of everyone reporting to them (users.managerId).
  {
    question: "Carla's team pipeline",
    plan: { kind: 'analysis', analysis: 'pipeline', team: 'Carla', groupBy: 'stage' },
  },
  {
    question: "pipeline of Carla's team by rep",
    plan: { kind: 'analysis', analysis: 'pipeline', team: 'Carla', groupBy: 'owner' },
  },
  { question: "deals of Carla's reps", plan: deals({ filters: [f('team', 'eq', 'Carla')] }) },
  {
    question: "how much has Carla Mendes's team won this quarter",
    plan: deals({
      filters: [f('status', 'eq', 'won'), f('team', 'eq', 'Carla Mendes')],
      timeRange: range('closedAt', ...thisQuarter),
      aggregation: sumAmount,
    }),
  },
  {
    question: 'overdue tasks of the people reporting to David',
    plan: tasks({ filters: [f('overdue', 'eq', true), f('team', 'eq', 'David')] }),
  },
  {
    question: "activity summary for Carla's team last month",
    plan: {
      kind: 'analysis',
      analysis: 'activitySummary',
      team: 'Carla',
      groupBy: 'type',
      timeRange: range('at', ...lastMonth),
    },
  },
  {
    question: "win rate of David's team",
    plan: deals({
      filters: [f('status', 'eq', 'closed'), f('team', 'eq', 'David')],
      aggregation: { fn: 'rate', of: [f('status', 'eq', 'won')] },
    }),
  },
  {
    question: "Carla's team's at-risk pipeline",
    plan: deals({ filters: [f('team', 'eq', 'Carla'), f('atRisk', 'eq', true), open], aggregation: sumAmount }),
  },
  { question: "open deals outside Carla's team", plan: deals({ filters: [open, f('team', 'neq', 'Carla')] }) },
  // Groups by the products and competitors deals name (a deal naming several counts in each group).
  {
    question: 'pipeline by product',
    plan: deals({ filters: [open], aggregation: { ...sumAmount, groupBy: 'product' } }),
  },
  {
    question: 'which product line has the biggest pipeline',
    plan: deals({ filters: [open], aggregation: { ...sumAmount, groupBy: 'product' } }),
  },
  {
    question: 'won deals by competitor',
    plan: deals({ filters: [f('status', 'eq', 'won')], aggregation: { fn: 'count', groupBy: 'competitor' } }),
  },
  {
    question: 'how many open deals per competitor',
    plan: deals({ filters: [open], aggregation: { fn: 'count', groupBy: 'competitor' } }),
  },
  {
    question: 'revenue by product this year',
    plan: deals({
      filters: [f('status', 'eq', 'won')],
      timeRange: range('closedAt', ...thisYear),
      aggregation: { ...sumAmount, groupBy: 'product' },
    }),
  },
  {
    question: 'which competitors beat us most',
    plan: deals({ filters: [f('status', 'eq', 'lost')], aggregation: { fn: 'count', groupBy: 'competitor' } }),
  },
  // A product no deal names (not in the catalogue the deals give): asked for as a product, it is one.
  {
    question: 'open deals that include leaf blowers',
    plan: deals({ filters: [f('productInterest', 'contains', 'leaf blower'), open] }),
  },
  {
    question: 'how many deals want leaf vacuums',
    plan: deals({ filters: [f('productInterest', 'contains', 'leaf vacuum')], aggregation: count }),
  },
  // A pipeline narrowed by a condition the pipeline analysis does not take is those open deals, grouped.
  {
    question: 'distributor pipeline by owner',
    plan: deals({
      filters: [f('accountType', 'eq', 'distributor'), open],
      aggregation: { ...sumAmount, groupBy: 'owner' },
    }),
  },
];
