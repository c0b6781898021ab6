import { openStages } from '../../../shared/contracts/opportunities.js';
import type {
  AnalysisPlan,
  QueryData,
  QueryField,
  QueryFilter,
  QueryGroup,
  QueryGrouping,
  QueryPlan,
  RecordsPlan,
} from '../../../shared/contracts/query.js';
import { queryFields } from '../../../shared/contracts/query.js';
import { AppError } from '../../../shared/errors.js';
import { valueLabel } from '../../../shared/labels.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { getAccountSummary } from '../accounts/accounts.service.js';
import { getAttainmentReport } from '../targets/attainment.service.js';
import { findReportIds } from '../users/users.repository.js';
import { isId } from './plan-validation.js';
import {
  aggregateGroups,
  type ExecutionContext,
  findAccountCandidates,
  namesOf,
  type Person,
  selectRecords,
  selectRows,
} from './query.repository.js';
import { editDistance, isGuessedName, matchPeople } from './rule-engine/people.js';

/*
 * Executes a validated plan for one viewer: names become ids (or a list of candidates when a name is
 * ambiguous), then one or two aggregate queries answer it. Analyses are records plans with a fixed
 * shape (the pipeline is open deals grouped), or the account summary the accounts module computes.
 */

export type Execution =
  | { kind: 'answer'; data: QueryData; plan: QueryPlan }
  | { kind: 'candidates'; of: 'users' | 'accounts'; name: string; data: QueryData };

type Resolution = { ok: true; ids: string[] } | { ok: false; execution: Execution };

/** A name matched no one: said plainly, as an answer rather than an error. */
function noneNamed(of: 'users' | 'accounts', name: string): Execution {
  return { kind: 'candidates', of, name, data: emptyData('candidates', of) };
}

function emptyData(kind: QueryData['kind'], entity: string | null): QueryData {
  return { kind, entity, total: 0, value: null, amount: null, weightedAmount: null, currency: null, rows: [] };
}

function resolvePerson(name: string, viewer: Viewer, people: readonly Person[]): Resolution {
  if (name.toLowerCase() === 'me') return { ok: true, ids: [viewer.userId] };
  if (isId(name)) return { ok: true, ids: [name] };
  const matches = matchPeople(name, people);
  // "Robert" for Rob Miller is a guess: offered as a candidate ("did you mean…"), not answered for.
  if (matches.length === 1 && matches[0] && !isGuessedName(name, matches[0])) return { ok: true, ids: [matches[0].id] };
  if (matches.length === 0) return { ok: false, execution: noneNamed('users', name) };
  return {
    ok: false,
    execution: {
      kind: 'candidates',
      of: 'users',
      name,
      data: {
        ...emptyData('candidates', 'users'),
        total: matches.length,
        rows: matches.map((person) => ({ ...person })),
      },
    },
  };
}

/** Words too common in company names to tell one account from another. */
const genericNameWords = new Set(['the', 'and', 'inc', 'llc', 'ltd', 'co', 'corp', 'company', 'gmbh', 'group', 'of']);

/**
 * Whether an account name accounts for every distinctive word of the asked name: each is the start of one
 * of its words, or one letter off a word of five letters or more. Trigram similarity alone let "Alamo
 * Outdoor Power" find "Cream City Outdoor Power" on the strength of the two words they share.
 */
function coversEveryWord(accountName: string, asked: string): boolean {
  const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const nameWords = wordsOf(accountName);
  return wordsOf(asked)
    .filter((word) => !genericNameWords.has(word))
    .every((word) =>
      nameWords.some(
        (nameWord) =>
          nameWord.startsWith(word) ||
          (word.length >= 5 && nameWord.length >= 5 && editDistance(word, nameWord, 1) <= 1),
      ),
    );
}

/** A clear winner (an exact name, the only match, or far ahead of the next) is taken; otherwise candidates. */
async function resolveAccount(deps: Deps, viewer: Viewer, name: string): Promise<Resolution> {
  if (isId(name)) return { ok: true, ids: [name] };
  const candidates = (await findAccountCandidates(deps.database.db, viewer, name)).filter(
    (candidate) => candidate.similarity >= 2 || coversEveryWord(candidate.name, name),
  );
  const [best, next] = candidates;
  if (!best) return { ok: false, execution: noneNamed('accounts', name) };
  const exact = candidates.filter((candidate) => candidate.similarity >= 2);
  if (exact.length === 1 && exact[0]) return { ok: true, ids: [exact[0].id] };
  if (!next || (exact.length === 0 && best.similarity - next.similarity >= 0.25)) return { ok: true, ids: [best.id] };
  return {
    ok: false,
    execution: {
      kind: 'candidates',
      of: 'accounts',
      name,
      data: {
        ...emptyData('candidates', 'accounts'),
        total: candidates.length,
        rows: candidates.map((candidate) => ({ id: candidate.id, name: candidate.name })),
      },
    },
  };
}

/** The plan with people and accounts replaced by ids; the first ambiguity stops it. */
async function resolveNames(
  deps: Deps,
  viewer: Viewer,
  plan: RecordsPlan,
  people: readonly Person[],
): Promise<{ ok: true; plan: RecordsPlan } | { ok: false; execution: Execution }> {
  const filters: QueryFilter[] = [];
  for (const filter of plan.filters) {
    const kind = queryFields[plan.entity][filter.field]?.kind;
    if ((kind !== 'person' && kind !== 'account') || filter.value === undefined) {
      filters.push(filter);
      continue;
    }
    const ids: string[] = [];
    for (const name of Array.isArray(filter.value) ? filter.value : [filter.value]) {
      const resolution =
        kind === 'person'
          ? resolvePerson(String(name), viewer, people)
          : await resolveAccount(deps, viewer, String(name));
      if (!resolution.ok) return resolution;
      ids.push(...resolution.ids);
    }
    if (filter.field === 'team') {
      filters.push(await teamFilter(deps, plan, filter, ids));
      continue;
    }
    filters.push({ ...filter, value: filter.op === 'in' ? ids : (ids[0] ?? '') });
  }
  return { ok: true, plan: { ...plan, filters } };
}

/**
 * A team as the people in it: each named manager and everyone below them (users.managerId, down the
 * chain, as visibility reads a manager's reports). "Maria's team" is then the records of those people,
 * which is the person filter itself (and the deal rollups answer it); a team excluded stays a team filter
 * of their ids.
 */
async function teamFilter(
  deps: Deps,
  plan: RecordsPlan,
  filter: QueryFilter,
  managerIds: string[],
): Promise<QueryFilter> {
  const reports = await Promise.all(managerIds.map((id) => findReportIds(deps.database.db, id)));
  const members = [...new Set([...managerIds, ...reports.flat()])];
  if (filter.op === 'neq') return { field: 'team', op: 'neq', value: members };
  return { field: plan.entity === 'tasks' ? 'assignee' : 'owner', op: 'in', value: members };
}

export async function executePlan(
  deps: Deps,
  viewer: Viewer,
  plan: QueryPlan,
  context: ExecutionContext,
  people: readonly Person[],
): Promise<Execution> {
  if (plan.kind === 'analysis') return executeAnalysis(deps, viewer, plan, context, people);
  const resolved = await resolveNames(deps, viewer, plan, people);
  if (!resolved.ok) return resolved.execution;
  const { compareTo, ...asked } = resolved.plan;
  if (!compareTo) return { kind: 'answer', plan, data: await executeRecords(deps, viewer, asked, context, people) };
  // The same question over the other period: its figures only, beside the first answer.
  const [data, other] = await Promise.all([
    executeRecords(deps, viewer, asked, context, people),
    executeRecords(deps, viewer, { ...asked, timeRange: compareTo, limit: 1 }, context, people),
  ]);
  const comparison = {
    label: compareTo.label ?? null,
    total: other.total,
    value: other.value,
    amount: other.amount,
    weightedAmount: other.weightedAmount,
  };
  return { kind: 'answer', plan, data: { ...data, comparison } };
}

async function executeRecords(
  deps: Deps,
  viewer: Viewer,
  plan: RecordsPlan,
  context: ExecutionContext,
  people: readonly Person[],
): Promise<QueryData> {
  const db = deps.database.db;
  // Deals and quotes carry money: their answers say what they are worth, in the answer currency.
  const carriesMoney = plan.entity === 'opportunities' || plan.entity === 'quotes';
  const groupBy = plan.aggregation?.groupBy;
  const grouped = groupBy
    ? await Promise.all([selectRows(db, viewer, plan, context), aggregateGroups(db, viewer, plan, groupBy, context)])
    : undefined;
  const { rows, totals } = grouped
    ? { rows: grouped[0], totals: grouped[1].totals }
    : await selectRecords(db, viewer, plan, context);
  const base: QueryData = {
    kind: plan.aggregation ? (groupBy ? 'groups' : 'aggregate') : 'records',
    entity: plan.entity,
    total: totals.count,
    value: plan.aggregation?.fn === 'count' ? totals.count : measured(plan, totals.value),
    amount: carriesMoney ? totals.amount : null,
    weightedAmount: carriesMoney ? totals.weightedAmount : null,
    ...(carriesMoney && totals.otherCurrencies ? { otherCurrencies: totals.otherCurrencies } : {}),
    currency: carriesMoney || moneyMeasured(plan) ? context.currency : null,
    rows: withPeopleNames(rows, people),
  };
  if (!groupBy || !grouped) return base;
  const groups = await labelGroups(deps, viewer, plan, groupBy, grouped[1].groups, people);
  // "top 3 reps by pipeline": the groups come largest first, so the first N are the top N.
  const top = plan.aggregation?.top;
  return { ...base, groups: top ? groups.slice(0, top) : inNaturalOrder(plan, groupBy, groups) };
}

/**
 * A measure as an answer gives it: a sum of nothing is 0 (SQL's sum is null there), so "pipeline this
 * quarter vs next quarter" compares $0 with next quarter's; an average or median of nothing stays null.
 */
const measured = (plan: RecordsPlan, value: number | null) =>
  value === null && plan.aggregation?.fn === 'sum' ? 0 : value;

const moneyMeasured = (plan: RecordsPlan) =>
  plan.aggregation?.field !== undefined && queryFields[plan.entity][plan.aggregation.field]?.kind === 'money';

/**
 * `id → name` of the directory, built once per directory: it is reused for 30 s (query.service.ts), and
 * a map of 10,000 users per answer was a sixth of a simple answer's time.
 */
const directoryNames = new WeakMap<readonly Person[], Map<string, string>>();
function namesById(people: readonly Person[]): Map<string, string> {
  let names = directoryNames.get(people);
  if (!names) {
    names = new Map(people.map((person) => [person.id, person.name]));
    directoryNames.set(people, names);
  }
  return names;
}

function withPeopleNames(rows: Record<string, unknown>[], people: readonly Person[]): Record<string, unknown>[] {
  const names = namesById(people);
  return rows.map((row) => {
    const named = { ...row };
    if (typeof row.ownerId === 'string') named.ownerName = names.get(row.ownerId) ?? null;
    if (typeof row.assigneeId === 'string') named.assigneeName = names.get(row.assigneeId) ?? null;
    return named;
  });
}

/**
 * The label of a group without a name: an account the viewer may not see, a stored value of an
 * enumeration as the reports write it ("Cold call", "Closed won"), or the text itself (a city, a month).
 */
function keyLabel(plan: RecordsPlan, groupBy: QueryGrouping, key: string): string {
  if (groupBy === 'account') return HIDDEN_ACCOUNT;
  const field = queryFields[plan.entity][groupBy as QueryField];
  return field?.kind === 'enum' ? valueLabel(key) : key.replaceAll('_', ' ');
}

/** What an answer calls an account the asker may not see, that a record of theirs hangs off. */
const HIDDEN_ACCOUNT = 'An account you cannot see';

const NO_VALUE: Partial<Record<QueryGrouping, string>> = {
  owner: 'No owner',
  assignee: 'Unassigned',
  account: 'No account',
  territory: 'No territory',
  lossReason: 'No reason given',
  state: 'No state',
  city: 'No city',
  product: 'No product',
  competitor: 'No competitor',
};

async function labelGroups(
  deps: Deps,
  viewer: Viewer,
  plan: RecordsPlan,
  groupBy: QueryGrouping,
  groups: Awaited<ReturnType<typeof aggregateGroups>>['groups'],
  people: readonly Person[],
): Promise<QueryGroup[]> {
  const keys = groups.flatMap((group) => (group.key ? [group.key] : []));
  let names = new Map<string, string>();
  if (groupBy === 'owner' || groupBy === 'assignee') names = namesById(people);
  if (groupBy === 'account') names = await namesOf(deps.database.db, viewer, 'accounts', keys);
  if (groupBy === 'territory') names = await namesOf(deps.database.db, viewer, 'territories', keys);
  return groups.map((group) => ({
    key: group.key,
    label:
      group.key === null ? (NO_VALUE[groupBy] ?? 'None') : (names.get(group.key) ?? keyLabel(plan, groupBy, group.key)),
    count: group.count,
    ...(group.otherCurrencies ? { otherCurrencies: group.otherCurrencies } : {}),
    value: plan.aggregation?.fn === 'count' ? group.count : measured(plan, group.value),
    ...(plan.entity === 'opportunities'
      ? { amount: group.amount ?? 0, weightedAmount: group.weightedAmount ?? 0 }
      : {}),
  }));
}

/** Analyses as records plans: the pipeline is open deals grouped, activity summaries are activities counted. */
export function analysisAsRecords(plan: AnalysisPlan): RecordsPlan {
  const owner: QueryFilter[] = [
    ...(plan.owner ? [{ field: 'owner' as const, op: 'eq' as const, value: plan.owner }] : []),
    ...(plan.team ? [{ field: 'team' as const, op: 'eq' as const, value: plan.team }] : []),
  ];
  if (plan.analysis === 'pipeline') {
    const territory: QueryFilter[] = plan.territory ? [{ field: 'territory', op: 'eq', value: plan.territory }] : [];
    const groupBy =
      plan.groupBy === 'owner' || plan.groupBy === 'territory' || plan.groupBy === 'month' ? plan.groupBy : 'stage';
    return {
      kind: 'records',
      entity: 'opportunities',
      filters: [{ field: 'status', op: 'eq', value: 'open' }, ...owner, ...territory],
      ...(plan.timeRange ? { timeRange: { ...plan.timeRange, field: 'closeDate' } } : {}),
      aggregation: { fn: 'sum', field: 'amount', groupBy },
      sort: { field: 'amount', direction: 'desc' },
      limit: 10,
    };
  }
  return {
    kind: 'records',
    entity: 'activities',
    filters: [
      ...owner,
      ...(plan.activityType ? [{ field: 'type' as const, op: 'eq' as const, value: plan.activityType }] : []),
    ],
    ...(plan.timeRange ? { timeRange: { ...plan.timeRange, field: 'at' } } : {}),
    aggregation: { fn: 'count', groupBy: plan.groupBy === 'owner' ? 'owner' : 'type' },
    sort: { field: 'at', direction: 'desc' },
    limit: 10,
  };
}

/** Months read best in calendar order (keys are YYYY-MM; groups without one last). */
function inCalendarOrder(groups: QueryGroup[]): QueryGroup[] {
  return [...groups].sort((a, b) => (a.key ?? '9999').localeCompare(b.key ?? '9999'));
}

/** Stages read best in the order records move through them (closed deals after the open ones). */
function inPipelineOrder(groups: QueryGroup[], stages: readonly string[] = openStages): QueryGroup[] {
  const rank = (key: string | null) => {
    const index = stages.indexOf(key ?? '');
    return index < 0 ? stages.length : index;
  };
  return [...groups].sort((a, b) => rank(a.key) - rank(b.key));
}

/**
 * Months in calendar order and stages in pipeline order ("deals by stage"), unless the question ranks the
 * groups ("which stage has the most deals"): then by their figure, as the SQL sorted them.
 */
function inNaturalOrder(plan: RecordsPlan, groupBy: QueryGrouping, groups: QueryGroup[]): QueryGroup[] {
  if (groupBy === 'month') return inCalendarOrder(groups);
  if (groupBy !== 'stage' || plan.sort) return groups;
  return inPipelineOrder(groups, queryFields[plan.entity].stage?.values ?? openStages);
}

async function executeAnalysis(
  deps: Deps,
  viewer: Viewer,
  plan: AnalysisPlan,
  context: ExecutionContext,
  people: readonly Person[],
): Promise<Execution> {
  if (plan.analysis === 'accountSummary') {
    if (!plan.account) throw new AppError('invalid_request', 'name the account to summarise');
    const resolution = await resolveAccount(deps, viewer, plan.account);
    if (!resolution.ok) return resolution.execution;
    const accountId = resolution.ids[0] ?? '';
    const summary = await getAccountSummary(deps, viewer, accountId);
    const names = await namesOf(deps.database.db, viewer, 'accounts', [accountId]);
    return {
      kind: 'answer',
      plan,
      data: {
        kind: 'analysis',
        entity: 'accounts',
        total: 1,
        value: null,
        amount: null,
        weightedAmount: null,
        currency: null,
        summary: summary as unknown as Record<string, unknown>,
        rows: [{ id: accountId, name: names.get(accountId) ?? plan.account }],
      },
    };
  }
  if (plan.analysis === 'attainment') return executeAttainment(deps, viewer, plan, context, people);
  const records = analysisAsRecords(plan);
  const resolved = await resolveNames(deps, viewer, records, people);
  if (!resolved.ok) return resolved.execution;
  const data = await executeRecords(deps, viewer, resolved.plan, context, people);
  const groups = records.aggregation?.groupBy === 'stage' ? inPipelineOrder(data.groups ?? []) : data.groups;
  return { kind: 'answer', plan, data: { ...data, kind: 'analysis', ...(groups ? { groups } : {}) } };
}

/**
 * Sales targets against what was won (the attainment report), for the people the plan names: an owner,
 * a manager's team, or by default whoever the asker may see the targets of. The period is the plan's
 * close dates taken as whole months, by default the current quarter.
 */
async function executeAttainment(
  deps: Deps,
  viewer: Viewer,
  plan: AnalysisPlan,
  context: ExecutionContext,
  people: readonly Person[],
): Promise<Execution> {
  const named: QueryFilter[] = [
    ...(plan.owner ? [{ field: 'owner' as const, op: 'eq' as const, value: plan.owner }] : []),
    ...(plan.team ? [{ field: 'team' as const, op: 'eq' as const, value: plan.team }] : []),
  ];
  const resolved = await resolveNames(
    deps,
    viewer,
    { kind: 'records', entity: 'opportunities', filters: named, limit: 1 },
    people,
  );
  if (!resolved.ok) return resolved.execution;
  const userIds = resolved.plan.filters.flatMap((filter) =>
    Array.isArray(filter.value) ? filter.value.map(String) : [String(filter.value)],
  );
  const range = plan.timeRange;
  const from = range?.from?.slice(0, 7);
  // "since March" runs to this month; a period with an end only is the report's three months up to it.
  const thisMonth = context.now.toISOString().slice(0, 7);
  const to = range?.to?.slice(0, 7) ?? (from && from <= thisMonth ? thisMonth : undefined);
  const report = await getAttainmentReport(
    deps,
    viewer,
    {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(named.length > 0 ? { userId: userIds } : {}),
      currency: context.currency,
    },
    context.now,
  );
  const { totals } = report;
  return {
    kind: 'answer',
    plan,
    data: {
      kind: 'analysis',
      entity: 'users',
      total: report.data.length,
      value: totals.attainment,
      amount: totals.closedWon,
      weightedAmount: totals.weighted,
      currency: report.currency,
      summary: {
        from: report.from,
        to: report.to,
        ...totals,
        // What the open deals closing in the period could still bring, against what is left to win.
        coverage: totals.gap > 0 ? Math.round((totals.bestCase / totals.gap) * 100) / 100 : null,
      },
      rows: report.data.map(({ userId, ...row }) => ({ id: userId, ...row })),
    },
  };
}
